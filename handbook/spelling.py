"""Finnish spelling of the pages: Voikko, and the project's reviewed list of words it does not know.

The list (data/sanalista.txt) holds names and the model's own terms, one a line; an entry ending in
* is a stem that covers the inflected forms of a word (yrittäjävertaisuu*).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from .page_text import visible_text, words

WORD_LIST = "data/sanalista.txt"
# Parts of a page that are not prose to spell: printed web addresses.
NOT_PROSE = {"tp-url"}


class Speller(Protocol):
    def spell(self, word: str) -> bool: ...


def voikko() -> Speller:
    """Voikko's Finnish speller; raises OSError when libvoikko or its Finnish dictionary is missing."""
    import libvoikko

    try:
        return libvoikko.Voikko("fi")
    except libvoikko.VoikkoException as error:
        raise OSError(str(error)) from error


def reviewed_words(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def word_list_problems(path: Path, voikko: Speller) -> list[str]:
    """What is wrong with the reviewed word list, one line each: entries out of order or twice, and
    words Voikko knows itself (the list is only for the words it does not know)."""
    if not path.is_file():
        return []
    shown = WORD_LIST
    entries = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    problems = []
    for before, entry in zip(entries, entries[1:]):
        if entry.casefold() <= before.casefold():
            where = "twice" if entry == before else f"after {before!r}, out of alphabetical order"
            problems.append(f"{shown}: entry {entry!r}: {where} (keep the list sorted, each word once)")
    for entry in entries:
        if not entry.endswith("*") and voikko.spell(entry):
            problems.append(f"{shown}: entry {entry!r}: Voikko knows this word: remove it from the list")
    return problems


def in_list(word: str, reviewed: set[str]) -> bool:
    stems = tuple(e[:-1] for e in reviewed if e.endswith("*"))
    return any(candidate in reviewed or candidate.startswith(stems) for candidate in (word, word.lower()))


def is_known(word: str, voikko: Speller, reviewed: set[str]) -> bool:
    if in_list(word, reviewed) or voikko.spell(word):
        return True
    # A hyphenated compound is right when each part is (Työpeili-ohjaaja, YES-olo).
    parts = word.split("-")
    return len(parts) > 1 and all(in_list(p, reviewed) or voikko.spell(p) for p in parts if p)


def unknown_words(html: str, voikko: Speller, reviewed: set[str], known: dict[str, bool] | None = None) -> list[str]:
    """The words of a page's HTML that neither Voikko nor the reviewed list knows, sorted. `known` keeps
    the answers for the next page of the same build (most words are on many pages)."""
    known = {} if known is None else known
    unknown = []
    for word in set(words(visible_text(html, NOT_PROSE))):
        if word not in known:
            known[word] = is_known(word, voikko, reviewed)
        if not known[word]:
            unknown.append(word)
    return sorted(unknown)
