"""Voikko finds no unknown Finnish word in the built pages outside the project's reviewed word list."""

from __future__ import annotations


import pytest

from conftest import ROOT, html_pages
from handbook.page_text import visible_text, words

WORDLIST = ROOT / "tests" / "sanalista.txt"


@pytest.fixture(scope="session")
def voikko():
    libvoikko = pytest.importorskip("libvoikko")
    return libvoikko.Voikko("fi")


def reviewed_words() -> set[str]:
    lines = WORDLIST.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def in_list(word: str, reviewed: set[str]) -> bool:
    """An entry is a word, or a stem ending in * that covers its inflected forms (yrittäjävertaisuu*)."""
    for candidate in (word, word.lower()):
        if candidate in reviewed or any(candidate.startswith(e[:-1]) for e in reviewed if e.endswith("*")):
            return True
    return False


def is_known(word: str, voikko, reviewed: set[str]) -> bool:
    if in_list(word, reviewed) or voikko.spell(word):
        return True
    # A hyphenated compound is right when each part is (Työpeili-ohjaaja, YES-olo).
    parts = word.split("-")
    return len(parts) > 1 and all(in_list(p, reviewed) or voikko.spell(p) for p in parts if p)


def test_no_unknown_word_on_any_page(site_dir, voikko):
    reviewed = reviewed_words()
    unknown: dict[str, set[str]] = {}
    for page in html_pages(site_dir):
        path = site_dir / (page + "index.html" if page.endswith("/") or page == "" else page)
        for word in set(words(visible_text(path.read_text(encoding="utf-8"), {"tp-url"}))):
            if not is_known(word, voikko, reviewed):
                unknown.setdefault(word, set()).add(page or "index")
    report = "\n".join(f"{w}: {', '.join(sorted(p))[:120]}" for w, p in sorted(unknown.items()))
    assert not unknown, f"Words Voikko does not know (fix them or add real names to {WORDLIST.name}):\n{report}"


def test_word_list_holds_only_words_voikko_does_not_know(voikko):
    stale = sorted(w for w in reviewed_words() if not w.endswith("*") and voikko.spell(w))
    assert not stale, f"Voikko knows these; remove them from {WORDLIST.name}: {stale}"


def test_word_list_is_sorted_and_unique():
    entries = [line for line in WORDLIST.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert entries == sorted(set(entries), key=str.casefold)


def test_the_typos_of_the_source_article_do_not_reach_the_site(site_dir):
    typos = ["refleктоiva", "Refleктоiva", "haastatteleamalla", "raharesurseilla", "asiantuntijajaaosuudet",
             "Reflektiova", "ennakoitaitoja", "ystävyysuhteita", "elämisaailman", "yksiö tuo"]
    for page in html_pages(site_dir):
        path = site_dir / (page + "index.html" if page.endswith("/") or page == "" else page)
        text = path.read_text(encoding="utf-8")
        found = [t for t in typos if t in text]
        assert not found, f"{page}: {found}"
