"""Load `data/*.yml` into the typed models and check every cross-reference.

Every problem becomes one `HandbookError` line naming the file, the entry, the field and what is
wrong, e.g. `data/quotes.yml: quote 'sain-tyokavereita': themes: unknown theme 'verkosot' (known: …)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import ValidationError

from .errors import HandbookError
from .models import (
    FILE_MODELS, CurriculumFile, FactsFile, GlossaryFile, Meeting, MeetingsFile, ModelElement, ModelFile, QuotesFile,
    ReferencesFile, Worksheet, WorksheetsFile,
)

# How an entry of each top-level list is named in messages: (noun, identifying field).
ENTRY_NAMES: dict[str, tuple[str, str]] = {
    "quotes": ("quote", "id"),
    "references": ("reference", "key"),
    "terms": ("term", "id"),
    "parts": ("part", "id"),
    "supporting": ("supporting element", "id"),
    "phenomena": ("phenomenon", "id"),
    "worksheets": ("worksheet", "id"),
    "sessions": ("session", "id"),
    "meetings": ("meeting", "id"),
}

# libyaml's parser where PyYAML has it: several times as fast. Its error messages differ from the
# Python parser's, so a file that fails is read again with the latter (see read_yaml).
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Where each meeting template and worksheet has its page, relative to docs/.
MEETING_PAGE = "tapaamispohjat/{}.md"
WORKSHEET_PAGE = "tyokirja/{}.md"


@dataclass(frozen=True)
class Handbook:
    """All data of the handbook, validated and cross-checked."""

    quotes: QuotesFile
    model: ModelFile
    references: ReferencesFile
    glossary: GlossaryFile
    facts: FactsFile
    worksheets: WorksheetsFile
    curriculum: CurriculumFile
    meetings: MeetingsFile

    @property
    def model_elements(self) -> list[ModelElement]:
        m = self.model
        return [m.core, *m.parts, *m.supporting, *m.phenomena]

    def quote(self, quote_id: str):
        return _lookup({q.id: q for q in self.quotes.quotes}, quote_id, "quote")

    def reference(self, key: str):
        return _lookup({r.key: r for r in self.references.references}, key, "reference")

    def element(self, element_id: str) -> ModelElement:
        return _lookup({e.id: e for e in self.model_elements}, element_id, "model element or phenomenon")

    def meeting(self, meeting_id: str) -> Meeting:
        return _lookup({m.id: m for m in self.meetings.meetings}, meeting_id, "meeting template")

    def worksheet(self, worksheet_id: str) -> Worksheet:
        return _lookup({w.id: w for w in self.worksheets.worksheets}, worksheet_id, "worksheet")


def _lookup(items: dict, key: str, noun: str):
    if not isinstance(key, str) or key not in items:
        raise HandbookError(f"unknown {noun} {key!r} (known: {', '.join(sorted(items))})")
    return items[key]


def read_yaml(path: Path, shown: str) -> Any:
    """Parse one YAML file; a missing file or a syntax error is one line naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HandbookError(f"{shown}: file not found") from None
    except UnicodeDecodeError as e:
        raise HandbookError(f"{shown}: not UTF-8 text (byte {e.start})") from None
    try:
        return yaml.load(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        pass
    # The same one-line message whichever parser PyYAML was built with: the Python parser's.
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise HandbookError(f"{shown}: {where}YAML syntax error: {problem}") from None


def describe_input(value: Any) -> str:
    """Name a wrong value, explaining the YAML 1.1 conversions that surprise editors."""
    if isinstance(value, bool):
        return f"got {str(value).lower()} (YAML reads yes/no/on/off as true/false: put the text in quotes)"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"got the number {value} (YAML reads 18:00 as a number: put the text in quotes)"
    if value is None:
        return "got nothing"
    if isinstance(value, str):
        return f"got the text {value!r}"
    return {list: "got a list", dict: "got a mapping"}.get(type(value), f"got {value!r}")


def _entry_label(raw: Any, loc: tuple) -> tuple[str, list]:
    """Turn ('quotes', 3, 'themes', 0) into ("quote 'sain-tyokavereita'", ['themes', 0])."""
    node, label, rest, i = raw, "", [], 0
    while i < len(loc):
        key = loc[i]
        index = loc[i + 1] if i + 1 < len(loc) else None
        if key in ENTRY_NAMES and isinstance(index, int) and isinstance(node, dict):
            items = node.get(key)
            entry = items[index] if isinstance(items, list) and index < len(items) else None
            noun, id_field = ENTRY_NAMES[key]
            ident = entry.get(id_field) if isinstance(entry, dict) else None
            label = f"{noun} {ident!r}" if isinstance(ident, str) else f"{noun} number {index + 1}"
            node, rest, i = entry, [], i + 2
            continue
        rest.append(key)
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            node = None
        i += 1
    return label, rest


def format_validation_error(shown: str, raw: Any, error: ValidationError) -> str:
    first = error.errors()[0]
    label, rest = _entry_label(raw, tuple(first["loc"]))
    field_path = ".".join(str(p) if not isinstance(p, int) else f"[{p + 1}]" for p in rest).replace(".[", "[")
    kind = first["type"]
    if kind == "missing":
        problem = "missing field"
    elif kind == "extra_forbidden":
        problem = "unknown field"
    elif kind in {"string_type", "int_type", "float_type", "date_type", "list_type", "bool_type"}:
        expected = {"string_type": "text", "int_type": "a whole number", "float_type": "a number",
                    "date_type": "a date like 2020-07-31", "list_type": "a list",
                    "bool_type": "true or false"}[kind]
        problem = f"expected {expected}, {describe_input(first.get('input'))}"
    elif kind == "string_pattern_mismatch":
        pattern = first.get("ctx", {}).get("pattern", "")
        what = "a page path like malli/verkostot.md" if pattern.endswith(r"\.md$") else (
            "an id: use lowercase a–z, 0–9 and single hyphens")
        problem = f"{first.get('input')!r} is not {what}"
    else:
        problem = first["msg"].replace("Value error, ", "")
        # A check of a whole entry gets the entry as input: naming the entry is enough.
        if first.get("input") is not None and kind not in {"model_type", "dict_type"} and not isinstance(
            first["input"], (dict, list)
        ):
            problem += f" (got {first['input']!r})"
    parts = [shown]
    if label:
        parts.append(label)
    if field_path:
        parts.append(field_path)
    parts.append(problem)
    return ": ".join(parts)


def validate(name: str, raw: Any, shown: str):
    """Validate the parsed YAML of one data file into its model."""
    if not isinstance(raw, dict):
        raise HandbookError(f"{shown}: expected a mapping of fields at the top level, {describe_input(raw)}")
    try:
        return FILE_MODELS[name].model_validate(raw)
    except ValidationError as e:
        raise HandbookError(format_validation_error(shown, raw, e)) from None


def _check_unique(shown: str, noun: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise HandbookError(f"{shown}: {noun} {ident!r}: duplicate id")
        seen.add(ident)


def _check_known(shown: str, entry: str, field_name: str, noun: str, value: str, known: Iterable[str]) -> None:
    known = sorted(set(known))
    if value not in known:
        raise HandbookError(f"{shown}: {entry}: {field_name}: unknown {noun} {value!r} (known: {', '.join(known)})")


def cross_check(hb: Handbook, data_dir_shown: str, docs_dir: Path | None) -> None:
    """Every id is unique and every reference between files resolves."""
    q_file, m_file = f"{data_dir_shown}/quotes.yml", f"{data_dir_shown}/model.yml"
    r_file, g_file = f"{data_dir_shown}/references.yml", f"{data_dir_shown}/glossary.yml"

    _check_unique(m_file, "element", [e.id for e in hb.model_elements])
    _check_unique(q_file, "quote", [q.id for q in hb.quotes.quotes])
    _check_unique(r_file, "reference", [r.key for r in hb.references.references])
    _check_unique(g_file, "term", [t.id for t in hb.glossary.terms])

    themes = [e.id for e in hb.model_elements]
    ref_keys = [r.key for r in hb.references.references]
    for q in hb.quotes.quotes:
        for theme in q.themes:
            _check_known(q_file, f"quote {q.id!r}", "themes", "theme", theme, themes)
        _check_known(q_file, f"quote {q.id!r}", "source", "reference", q.source, ref_keys)

    term_ids = [t.id for t in hb.glossary.terms]
    for t in hb.glossary.terms:
        for other in t.see_also:
            _check_known(g_file, f"term {t.id!r}", "see_also", "term", other, term_ids)

    if docs_dir is not None:
        pages = [(m_file, f"element {e.id!r}", e.page) for e in hb.model_elements]
        pages += [(g_file, f"term {t.id!r}", t.page) for t in hb.glossary.terms if t.page]
        for shown, entry, page in pages:
            if not (docs_dir / page).is_file():
                raise HandbookError(f"{shown}: {entry}: page: no such page {page!r} in docs/")

    check_training_and_meetings(hb, data_dir_shown, docs_dir)


def _hours(value: float) -> str:
    """11.5 → '11,5', 12.0 → '12': hours as an editor writes them in Finnish."""
    return f"{value:g}".replace(".", ",")


def check_training_and_meetings(hb: Handbook, data_dir_shown: str, docs_dir: Path | None) -> None:
    """The curriculum, the meeting templates and the worksheets: ids, references, minutes and hours."""
    w_file, c_file = f"{data_dir_shown}/worksheets.yml", f"{data_dir_shown}/curriculum.yml"
    mt_file, f_file = f"{data_dir_shown}/meetings.yml", f"{data_dir_shown}/facts.yml"

    _check_unique(w_file, "worksheet", [w.id for w in hb.worksheets.worksheets])
    _check_unique(c_file, "session", [s.id for s in hb.curriculum.sessions])
    _check_unique(mt_file, "meeting", [m.id for m in hb.meetings.meetings])

    worksheet_ids = [w.id for w in hb.worksheets.worksheets]
    meeting_ids = [m.id for m in hb.meetings.meetings]
    quote_ids = [q.id for q in hb.quotes.quotes]
    element_ids = [e.id for e in hb.model_elements]

    sessions, training = hb.curriculum.sessions, hb.facts.training
    if len(sessions) != training.sessions:
        raise HandbookError(
            f"{c_file}: sessions: {len(sessions)} sessions, but {f_file} training.sessions says {training.sessions}"
        )
    total = round(sum(s.hours for s in sessions), 2)
    if total != training.hours:
        raise HandbookError(
            f"{c_file}: sessions: hours add up to {_hours(total)}, stated total is {_hours(training.hours)} "
            f"({f_file} training.hours)"
        )
    for s in sessions:
        for worksheet in s.worksheets:
            _check_known(c_file, f"session {s.id!r}", "worksheets", "worksheet", worksheet, worksheet_ids)

    for m in hb.meetings.meetings:
        entry = f"meeting {m.id!r}"
        minutes = sum(step.minutes for step in m.agenda)
        if minutes != m.length_minutes:
            raise HandbookError(
                f"{mt_file}: {entry}: agenda: minutes add up to {minutes}, stated length is {m.length_minutes}"
            )
        if m.agenda[0].kind != "avaus":
            raise HandbookError(
                f"{mt_file}: {entry}: agenda: the first step must be the check-in with the reminder of "
                f"confidentiality (kind: avaus), got {m.agenda[0].kind!r}"
            )
        if m.agenda[-1].kind != "lopetus":
            raise HandbookError(
                f"{mt_file}: {entry}: agenda: the last step must be the takeaways and feedback round "
                f"(kind: lopetus), got {m.agenda[-1].kind!r}"
            )
        for other in m.pairs_with:
            if other == m.id:
                raise HandbookError(f"{mt_file}: {entry}: pairs_with: a template cannot pair with itself")
            _check_known(mt_file, entry, "pairs_with", "meeting", other, meeting_ids)
        for part in m.model_parts:
            _check_known(mt_file, entry, "model_parts", "model element", part, element_ids)
        for quote in m.quotes:
            _check_known(mt_file, entry, "quotes", "quote", quote, quote_ids)
        if m.worksheet is not None:
            _check_known(mt_file, entry, "worksheet", "worksheet", m.worksheet, worksheet_ids)

    if docs_dir is not None:
        pages = [(mt_file, f"meeting {m.id!r}", MEETING_PAGE.format(m.id)) for m in hb.meetings.meetings]
        pages += [(w_file, f"worksheet {w.id!r}", WORKSHEET_PAGE.format(w.id)) for w in hb.worksheets.worksheets]
        for shown, entry, page in pages:
            if not (docs_dir / page).is_file():
                raise HandbookError(f"{shown}: {entry}: no page {page!r} in docs/ (add it with the macro)")
        for s in sessions:
            for reading in s.reading:
                if not (docs_dir / reading.page).is_file():
                    raise HandbookError(
                        f"{c_file}: session {s.id!r}: reading: no such page {reading.page!r} in docs/"
                    )


def load(root: Path, data_dir: str = "data", docs_dir: str | None = "docs") -> Handbook:
    """Load and check all data files under `root/data_dir`."""
    loaded = {}
    for name in FILE_MODELS:
        shown = f"{data_dir}/{name}.yml"
        loaded[name] = validate(name, read_yaml(root / data_dir / f"{name}.yml", shown), shown)
    hb = Handbook(**loaded)
    cross_check(hb, data_dir, root / docs_dir if docs_dir else None)
    return hb
