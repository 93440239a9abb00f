"""Finnish spelling: the build warns about a word on a page that Voikko does not know and that is not
in the reviewed word list (data/sanalista.txt), which fails the strict build; the list holds only
words Voikko does not know, sorted; the source article's typos do not reach the site."""

from __future__ import annotations

import pytest

from conftest import FIXTURE, ROOT, build_site, edit, html_pages, page_file
from handbook import spelling

WORDLIST = ROOT / spelling.WORD_LIST


@pytest.fixture(scope="session")
def voikko():
    return spelling.voikko()


def test_an_unknown_word_fails_the_strict_build_with_one_line(fixture_project):
    edit(fixture_project / "docs" / "sitaatit.md", "# Sitaatit", "# Sitaatit\n\nKirjoitusvrihe ja Latostenmaan nimi.")
    done = build_site(fixture_project / "site-out", cwd=fixture_project)
    log = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in log
    assert [line for line in log.splitlines() if line.startswith("WARNING")] == [
        "WARNING -  docs/sitaatit.md: words Voikko does not know: Kirjoitusvrihe (fix them, or add a real name to "
        "data/sanalista.txt)"]


@pytest.mark.parametrize("word, known", [
    ("Latostenmaan", True),  # a stem entry of the list: Latostenmaa*
    ("Työpeili-ohjaaja", True),  # each part of a hyphenated compound
    ("vertaisuuden", True),
    ("Kirjoitusvrihe", False),
])
def test_words_are_known_to_voikko_or_the_list(voikko, word, known):
    assert spelling.is_known(word, voikko, spelling.reviewed_words(FIXTURE / spelling.WORD_LIST)) is known


def test_a_word_list_out_of_order_or_with_a_word_voikko_knows_fails_the_strict_build(fixture_project):
    word_list = fixture_project / spelling.WORD_LIST
    entries = [line for line in word_list.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    word_list.write_text(word_list.read_text(encoding="utf-8") + f"{entries[0]}\ntalo\n", encoding="utf-8")
    done = build_site(fixture_project / "site-out", cwd=fixture_project)
    log = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in log
    assert [line for line in log.splitlines() if line.startswith("WARNING")] == [
        f"WARNING -  data/sanalista.txt: entry {entries[0]!r}: after {entries[-1]!r}, out of alphabetical order "
        "(keep the list sorted, each word once)",
        "WARNING -  data/sanalista.txt: entry 'talo': Voikko knows this word: remove it from the list"]


def test_word_list_holds_only_words_voikko_does_not_know(voikko):
    stale = sorted(w for w in spelling.reviewed_words(WORDLIST) if not w.endswith("*") and voikko.spell(w))
    assert not stale, f"Voikko knows these; remove them from {WORDLIST.name}: {stale}"


def test_word_list_is_sorted_and_unique():
    entries = [line for line in WORDLIST.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert entries == sorted(set(entries), key=str.casefold)


def test_the_typos_of_the_source_article_do_not_reach_the_site(site_dir):
    typos = ["refleктоiva", "Refleктоiva", "haastatteleamalla", "raharesurseilla", "asiantuntijajaaosuudet",
             "Reflektiova", "ennakoitaitoja", "ystävyysuhteita", "elämisaailman", "yksiö tuo"]
    for page in html_pages(site_dir):
        text = page_file(site_dir, page).read_text(encoding="utf-8")
        found = [t for t in typos if t in text]
        assert not found, f"{page}: {found}"
