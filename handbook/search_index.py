"""Finnish vocabulary for the site search: base forms, stems, compound parts and families of the site's
words, and the search words of data/synonyms.yml.

Material's search matches word beginnings only. This module reads the search index the search
plugin wrote, analyses every word in it with Voikko and adds a compact vocabulary under
`config.fi` in the same file (the offline copy inlines that file, so it carries the vocabulary
too). The search worker (`overrides/assets/javascripts/workers/search-fi.js`) uses it to widen a
query word to every word on the site with the same base form, and to compounds built on it.

`config.fi = {"v": 3, "endings": "…", "rows": [...]}`:
- endings: space-separated inflectional endings seen on the site ("n sta ssa iin jille …"), as
  Voikko cuts them off the stems; a query word is tried as a known stem plus one of them,
- rows: one per base form, `[lemma, forms, parts, keys, stems, family, means]`, trailing empty items
  left out:
  - lemma: the base form ("tuki"; "me-pystyvyys" for a hyphenated word),
  - forms: space-separated index terms whose base form it is ("tuki tuen tukea"); for a
    hyphenated lemma the words written together instead ("mepystyvyys mepystyvyyttä"),
  - parts: row numbers of its compound parts (vertaistuki → vertainen, tuki),
  - keys: other strings that find the row: a compound's first part as written ("tapaamis"),
  - stems: its stems as Voikko cuts its forms on the site ("tue tuk"), so that "tuesta" finds
    tuki although the site never writes "tuesta",
  - family: the number of the words derived from one root (hinnoittelu, hinnoitella; 0 for none),
  - means: for a search word of `data/synonyms.yml` (zoom), the row numbers of the handbook's word
    it leads to (verkkotapaaminen); such a row is named by the search word and has no forms.
  Forms, keys and stems are written relative to the lemma (`relative`): the number of letters to
  drop from its end, then the letters that follow ("tuki": "0 2en 1ea" are tuki, tuen, tukea).

The file is written in UTF-8, not with \\u escapes (ä is two bytes instead of six).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Protocol, Sequence

from . import spelling
from .cache import read_json, write_atomically
from .errors import HandbookError, quoted

VERSION = 3
# Parts and stems shorter than this are not searched for on their own (työ-, me-).
MIN_PART = 3
TAG = re.compile(r"<[^>]*>")
# A hyphenated word made of letters only (me-pystyvyys, Työpeili-ohjaajan).
HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
# Voikko's analysis string: tags in brackets, text between them ("[Ln][Xp]tuki[X]tue[Sela][Ny]sta").
FST_PIECE = re.compile(r"\[[^\]]*\]|[^\[]+")
# A noun made of a verb with -minen ("tapaamisen"): Voikko gives the verb (tavata); search wants the noun.
MINEN = re.compile(r"\[X\]([^\[]*)\[Tn4\]mi")


# data/synonyms.yml as the vocabulary reads it: the handbook's word → the search words that mean it.
Synonyms = Mapping[str, Sequence[str]]
SYNONYMS_FILE = "data/synonyms.yml"


class Analyser(Protocol):
    def analyze(self, word: str) -> list[dict]: ...


def index_terms(html: str, separator: str) -> list[str]:
    """The terms Material's search indexes for a title or text: split at tags and the separator, lowercased."""
    sep = re.compile(separator)
    return [t.lower() for chunk in TAG.split(html) for t in sep.split(chunk) if t]


@dataclass(frozen=True)
class Analysis:
    """What Voikko says about one index term."""

    lemmas: frozenset[str] = frozenset()
    parts: frozenset[str] = frozenset()  # base forms of its compound parts
    written: frozenset[tuple[str, str]] = frozenset()  # (first part as written, its base form)
    stems: frozenset[tuple[str, str, str]] = frozenset()  # (lemma, stem, ending)
    roots: frozenset[tuple[str, str]] = frozenset()  # (lemma, the word it is derived from): (hinnoittelu, hinnoittaa)


@dataclass
class Morphology:
    """Voikko with a cache, reduced to what search needs.

    With `stored_at`, the cache is kept in that file between builds (`save`), and the last vocabulary
    made (`vocabulary`) beside it: analysing every word of the site is most of the vocabulary's
    cost, and a build then asks Voikko only about words it has not seen. What is stored depends on
    Voikko, its dictionary and the rules of this module, and the file's name is a digest of all three
    (`voikko_morphology`), so a stored analysis is always the one this build would make.
    """

    voikko: Analyser
    stored_at: Path | None = None
    _cache: dict[str, Analysis] = field(default_factory=dict)
    _first_parts: dict[str, str | None] = field(default_factory=dict)
    _stored: dict[str, list] = field(default_factory=dict)  # analyses as stored, read on first use
    _last: dict = field(default_factory=dict)  # the last vocabulary made and the digest of its input
    _changed: set[str] = field(default_factory=set)  # which of the two files to write again

    def _file(self, kind: str) -> Path:
        """Where the analyses ("analyses") or the last vocabulary ("vocabulary") are kept."""
        assert self.stored_at is not None
        return self.stored_at if kind == "analyses" else self.stored_at.with_name(f"{kind}-{self.stored_at.name}")

    def __post_init__(self) -> None:
        if self.stored_at is None:
            return
        analyses, last = read_json(self._file("analyses")), read_json(self._file("vocabulary"))
        self._stored = analyses.get("analyses", {})
        self._first_parts.update(analyses.get("first_parts", {}))
        self._last = last.get("vocabulary", {})

    def save(self) -> None:
        """Keep what has changed for the next build, when the cache is stored."""
        if self.stored_at is None:
            return
        if "analyses" in self._changed:
            analyses = dict(self._stored)
            for word, a in self._cache.items():
                analyses[word] = [sorted(a.lemmas), sorted(a.parts), sorted(a.written), sorted(a.stems),
                                  sorted(a.roots)]
            stored = {"analyses": analyses, "first_parts": self._first_parts}
            write_atomically(self._file("analyses"), json.dumps(stored, ensure_ascii=False, sort_keys=True))
        if "vocabulary" in self._changed:
            write_atomically(self._file("vocabulary"), json.dumps({"vocabulary": self._last}, ensure_ascii=False))
        self._changed.clear()

    def vocabulary(self, docs: list[dict], separator: str, synonyms: Synonyms | None = None) -> dict:
        """`build_vocabulary` of the documents, remembered: the same site gives the same vocabulary."""
        synonyms = synonyms or {}
        site = json.dumps([separator, [[doc.get("title"), doc.get("text")] for doc in docs],
                           {means: list(words) for means, words in synonyms.items()}], ensure_ascii=False)
        digest = hashlib.sha256(site.encode("utf-8")).hexdigest()
        if self._last.get("digest") != digest:
            self._last = {"digest": digest, "vocabulary": build_vocabulary(docs, separator, self, synonyms)}
            self._changed.add("vocabulary")
        return self._last["vocabulary"]

    def analyse(self, word: str) -> Analysis:
        word = word.lower()
        if word not in self._cache:
            if word in self._stored:
                lemmas, parts, written, stems, roots = self._stored[word]
                found = Analysis(frozenset(lemmas), frozenset(parts), frozenset(map(tuple, written)),
                                 frozenset(map(tuple, stems)), frozenset(map(tuple, roots)))
            else:
                found = self._analyse(word)
                self._changed.add("analyses")
            self._cache[word] = found
        return self._cache[word]

    def readings(self, word: str) -> list[dict]:
        return [a for a in self.voikko.analyze(word) if "BASEFORM" in a]

    def _analyse(self, word: str) -> Analysis:
        readings = self.readings(word)
        if not readings:
            return Analysis()
        # The readings with the fewest parts: "vertaisvoimaa" is vertais + voima, not vertais + voi + maa.
        splits = [_split_structure(word, r.get("STRUCTURE", "")) for r in readings]
        fewest = min(len(surfaces) for surfaces in splits)
        kept = [(r, surfaces) for r, surfaces in zip(readings, splits) if len(surfaces) == fewest]
        lemmas = {_lemma(word, r) for r, _ in kept}
        stems = {(_lemma(word, r), *cut) for r, _ in kept if (cut := stem_and_ending(r.get("FSTOUTPUT", "")))}
        parts: set[str] = set()
        written: set[tuple[str, str]] = set()
        for reading, surfaces in kept:
            if len(surfaces) < 2:
                continue
            firsts = surfaces[:-1]
            for surface in firsts:
                base = self.first_part_lemma(surface)
                if base and len(surface) >= MIN_PART:
                    parts.add(base)
                    written.add((surface, base))
            joined, lemma = "".join(firsts), _lemma(word, reading)
            last = lemma[len(joined):] if lemma.startswith(joined) else ""
            if len(last) >= MIN_PART:
                parts.add(last)
        # A word of one part derived from another (hinnoittelu, hinnoitella ← hinnoittaa): its root.
        roots = {(_lemma(word, r), root) for r, surfaces in kept
                 if len(surfaces) == 1 and (root := derived_from(r.get("FSTOUTPUT", ""))) and root != _lemma(word, r)}
        return Analysis(frozenset(lemmas), frozenset(parts - lemmas), frozenset(written), frozenset(stems),
                        frozenset(roots))

    def first_part_lemma(self, surface: str) -> str | None:
        """The base form of a compound's first part as written: kokous; ryhmän → ryhmä; tapaamis → tapaaminen."""
        if surface not in self._first_parts:
            self._first_parts[surface] = self._first_part_lemma(surface)
            self._changed.add("analyses")
        return self._first_parts[surface]

    def _first_part_lemma(self, surface: str) -> str | None:
        candidates = [surface]
        if surface.endswith("s"):
            candidates.append(surface[:-1] + "nen")  # ihmis-, tapaamis-, vertais-
        candidates.append(surface + "i")  # pien- → pieni
        for candidate in candidates:
            for reading in self.readings(candidate):
                # A noun, an adjective or the like in its basic or genitive form, never a verb form.
                case = reading.get("SIJAMUOTO")
                if case == "nimento" and "=" not in reading.get("STRUCTURE", "=")[1:]:
                    return candidate  # as written: tapaaminen, not the verb tavata Voikko gives
                if case == "omanto":
                    return reading["BASEFORM"].lower()
        return None


def _lemma(word: str, reading: dict) -> str:
    """The base form of one reading; a -minen noun keeps its noun form (tapaamisen → tapaaminen)."""
    stems = MINEN.findall(reading.get("FSTOUTPUT", ""))
    if stems and reading.get("CLASS") == "teonsana":
        surfaces = _split_structure(word, reading.get("STRUCTURE", ""))
        return "".join(surfaces[:-1]) + stems[-1] + "minen"
    return reading["BASEFORM"].lower()


def derived_from(fst: str) -> str | None:
    """The base form Voikko derives a word from: "[Lt][Xp]hinnoittaa[X]hinnoit[Xj]ella…" → hinnoittaa."""
    base = re.search(r"\[Xp\]([^\[]+)\[X\]", fst)
    return base.group(1).lower() if base and base.group(1).isalpha() else None


def stem_and_ending(fst: str) -> tuple[str, str] | None:
    """The written stem and inflectional ending in Voikko's analysis string: "…[X]tue[Sela][Ny]sta" → tue, sta.

    The ending is what follows the last case tag ([S…]), or in a verb form without one the last tense or
    mood tag ([T…]: "…[X]perusta[Tt][Ap][P1][Ny][Ef]n" → perusta, n); base forms ([Xp]…[X], [Xj]…[X])
    are not written text.
    """
    written: list[str] = []
    case_at = verb_at = None
    in_base = False
    for piece in FST_PIECE.findall(fst):
        if piece.startswith("["):
            if re.fullmatch(r"\[X\w+\]", piece):
                in_base = True
            elif piece == "[X]":
                in_base = False
            elif re.fullmatch(r"\[S\w+\]", piece):
                case_at = len(written)
            elif re.fullmatch(r"\[T\w+\]", piece):
                verb_at = len(written)
        elif not in_base:
            written.append(piece)
    if case_at is None:
        case_at = verb_at
    if case_at is None:
        return None
    stem, ending = "".join(written[:case_at]).lower(), "".join(written[case_at:]).lower()
    if len(stem) < MIN_PART or "-" in stem or not stem.isalpha():
        return None
    return stem, ending


def _split_structure(word: str, structure: str) -> list[str]:
    """Voikko's STRUCTURE ("=pppppp=pppppp") cut into the word's parts as written ("kokous", "pohjat")."""
    parts: list[str] = []
    letters = iter(word)
    for mark in structure:
        if mark == "=" or not parts:
            parts.append("")
        if mark != "=":
            parts[-1] += next(letters, "")
    return [p for p in parts if p]


def _hyphenated(html: str) -> Iterable[str]:
    """Hyphenated words (me-pystyvyys), which the index keeps as separate terms."""
    for chunk in TAG.split(html):
        for match in HYPHENATED.finditer(chunk):
            yield match.group(0).lower()


def group_unknown(words: list[str]) -> list[list[str]]:
    """Unknown words that differ only in their last letters, each group shortest first.

    Two words go together when they share all but at most their last three letters (and at least
    six): yrittäjävertaisuus, yrittäjävertaisuuden; latostenmaa, latostenmaan.
    """
    groups: list[list[str]] = []
    for word in sorted(words, key=lambda w: (len(w), w)):
        for group in groups:
            shared = len(os.path.commonprefix([group[0], word]))
            if shared >= 6 and shared >= len(group[0]) - 3:
                group.append(word)
                break
        else:
            groups.append([word])
    return groups


def build_vocabulary(docs: list[dict], separator: str, morphology: Morphology, synonyms: Synonyms | None = None) -> dict:
    """The `config.fi` vocabulary for the documents of a Material search index.

    `synonyms` (the handbook's word → search words) adds a row for each search word that leads to the
    row of the handbook's word; a word that no page has fails with a line naming `SYNONYMS_FILE`.
    """
    terms: set[str] = set()
    hyphenated: set[str] = set()
    for doc in docs:
        for name in ("title", "text"):
            html = doc.get(name) or ""
            terms.update(index_terms(html, separator))
            hyphenated.update(_hyphenated(html))

    rows: dict[str, dict[str, set[str]]] = {}
    endings: set[str] = set()

    def row(lemma: str) -> dict[str, set[str]]:
        return rows.setdefault(lemma, {"forms": set(), "parts": set(), "keys": set(), "stems": set(), "means": set(),
                                       "roots": set()})

    unknown = []
    for term in sorted(t for t in terms if t.isalpha()):
        analysis = morphology.analyse(term)
        if not analysis.lemmas:
            unknown.append(term)
        for lemma in analysis.lemmas:
            row(lemma)["forms"].add(term)
            row(lemma)["parts"].update(analysis.parts)
        for surface, base in analysis.written:
            row(base)["keys"].add(surface)
        for part in analysis.parts:
            row(part)
        for lemma, stem, ending in analysis.stems:
            row(lemma)["stems"].add(stem)
            endings.add(ending)
        for lemma, root in analysis.roots:
            row(lemma)["roots"].add(root)

    # Words Voikko does not know (names, the model's own terms): forms of one word share all but their
    # last letters (yrittäjävertaisuus, yrittäjävertaisuutta); a known first part makes a compound.
    for group in group_unknown(unknown):
        lemma, stem = group[0], os.path.commonprefix(group)
        entry = row(lemma)
        entry["forms"].update(group)
        if len(group) > 1 and len(stem) >= MIN_PART:
            entry["stems"].add(stem)
            endings.update(form[len(stem):] for form in group)
    for lemma in [lemma for lemma in rows if lemma in unknown]:
        for cut in range(MIN_PART + 1, len(lemma) - MIN_PART):
            base = morphology.first_part_lemma(lemma[:cut])
            if base and lemma[cut:] in rows:
                rows[lemma]["parts"].update({base, lemma[cut:]})
                row(base)
                break

    for word in sorted(hyphenated):
        pieces = word.split("-")
        readings = [morphology.analyse(p).lemmas or {p} for p in pieces]
        # The row is named by the longest reading of each piece (tapaamiset → tapaaminen, not tapaama).
        entry = row("-".join(max(sorted(lemmas), key=len) for lemmas in readings))
        entry["forms"].add("".join(pieces))
        for lemmas in readings:
            for part in lemmas:
                if len(part) >= MIN_PART:
                    entry["parts"].add(part)
                    row(part)

    # Search words of data/synonyms.yml: a row named by the word, found as the site's words are (by its
    # stems and parts too: zoomissa, etätapaamisesta), leading to the handbook's word.
    for means, search_words in (synonyms or {}).items():
        target = means.lower()
        meant = [target] if rows.get(target, {}).get("forms") else sorted(
            lemma for lemma, entry in rows.items() if target in entry["forms"])
        if not meant:
            raise HandbookError(
                f"{SYNONYMS_FILE}: entry {means!r}: means: {quoted(means)} is on no page of the site "
                "(write the handbook's word as a page has it)"
            )
        for word in search_words:
            word = word.lower()
            analysis = morphology.analyse(word)
            entry = row(word)
            entry["means"].update(meant)
            entry["parts"].update(analysis.parts - {word})
            for part in analysis.parts:
                row(part)
            for surface, base in analysis.written:
                row(base)["keys"].add(surface)
            for lemma, stem, ending in analysis.stems:
                if lemma == word or word not in analysis.lemmas:
                    entry["stems"].add(stem)
                    endings.add(ending)
            # A compound inflects as its last part: etätapaamisessa as the site's tapaamisessa.
            for cut in range(MIN_PART, len(word) - MIN_PART + 1):
                last = rows.get(word[cut:])
                if last and last["forms"] and not last["means"]:
                    entry["keys"].update(word[:cut] + form for form in last["forms"])
                    entry["stems"].update(word[:cut] + stem for stem in last["stems"])
                    break

    # Families of words derived from one root, and the root itself: hinnoittelu, hinnoitella (hinnoittaa);
    # kokoaminen, kokoava, koota. Each family of two or more words on the site gets a number from 1.
    members: dict[str, set[str]] = {}
    for lemma, entry in rows.items():
        if entry["forms"] and entry["roots"]:
            root = min(entry["roots"])
            members.setdefault(root, set()).add(lemma)
            if rows.get(root, {}).get("forms"):
                members[root].add(root)
    family: dict[str, int] = {}
    roots = sorted(root for root, lemmas in members.items() if len(lemmas) > 1)
    for family_number, root in enumerate(roots, 1):
        for lemma in members[root]:
            family.setdefault(lemma, family_number)

    order = sorted(rows)
    number = {lemma: i for i, lemma in enumerate(order)}
    packed = []
    for lemma in order:
        entry = rows[lemma]

        def words(found: set[str]) -> str:
            return " ".join(relative(lemma, word) for word in sorted(found))

        item: list = [
            lemma,
            words(entry["forms"]),
            sorted(number[p] for p in entry["parts"] if p != lemma),
            words(entry["keys"] - entry["forms"] - {lemma}),
            words(entry["stems"] - entry["forms"] - {lemma}),
            family.get(lemma, 0),
            sorted(number[m] for m in entry["means"]),
        ]
        while item and not item[-1]:
            item.pop()
        packed.append(item)
    return {"v": VERSION, "endings": " ".join(sorted(endings - {""})), "rows": packed}


def relative(lemma: str, word: str) -> str:
    """A word written relative to its lemma: letters to drop from the lemma's end, then the rest.

    ("tuki", "tuen") → "2en"; ("tuki", "tukien") → "en"; ("tuki", "tuki") → "0". Words are letters
    only, so the number and the letters never run together.
    """
    shared = len(os.path.commonprefix([lemma, word]))
    drop = len(lemma) - shared
    rest = word[shared:]
    return (str(drop) if drop or not rest else "") + rest


def absolute(lemma: str, written: str) -> str:
    """The word that `relative(lemma, word)` wrote: the reverse of it, as the search worker reads it."""
    digits = len(written) - len(written.lstrip("0123456789"))
    drop = int(written[:digits] or 0)
    return lemma[: len(lemma) - drop] + written[digits:]


def add_vocabulary(index_file: Path, morphology: Morphology, synonyms: Synonyms | None = None) -> int:
    """Add the vocabulary to a written `search_index.json`; returns the number of rows."""
    data = json.loads(index_file.read_text(encoding="utf-8"))
    config = data["config"]
    vocabulary = morphology.vocabulary(data["docs"], config["separator"], synonyms)
    config["fi"] = vocabulary
    # No spaces, as the search plugin writes it; UTF-8 instead of its \\u escapes. The offline copy
    # inlines the file as it is (a script file of a UTF-8 page).
    index_file.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    return len(vocabulary["rows"])


# Where libvoikko looks for dictionaries on Linux, besides VOIKKO_DICTIONARY_PATH.
DICTIONARY_DIRS = ("~/.voikko", "/etc/voikko", "/usr/lib/voikko", "/usr/local/lib/voikko", "/usr/share/voikko")


def voikko_version() -> str:
    """A digest of libvoikko's version and of its dictionaries' descriptions and version lines."""
    import libvoikko

    dirs = [*os.environ.get("VOIKKO_DICTIONARY_PATH", "").split(os.pathsep), *DICTIONARY_DIRS]
    indexes = sorted({
        index.read_text(encoding="utf-8", errors="replace")
        for folder in dirs if folder for index in Path(folder).expanduser().glob("*/*/index.txt")
    })
    dictionaries = sorted(f"{d.language} {d.script} {d.variant} {d.description}" for d in libvoikko.Voikko.listDicts())
    described = json.dumps([libvoikko.Voikko.getVersion(), dictionaries, indexes])
    return hashlib.sha256(described.encode("utf-8")).hexdigest()[:16]


def voikko_morphology(cache_dir: Path | None = None) -> Morphology:
    """Voikko's Finnish analyser; raises OSError when libvoikko or its Finnish dictionary is missing.

    With `cache_dir`, its analyses are kept there between builds: call `save()` after use.
    """
    voikko = spelling.voikko()
    if cache_dir is None:
        return Morphology(voikko)
    rules = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:8]
    return Morphology(voikko, cache_dir / f"voikko-{voikko_version()}-{rules}.json")
