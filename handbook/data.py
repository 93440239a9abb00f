"""Load `data/*.yml` into the typed models and check every cross-reference.

Every problem becomes one `HandbookError` line naming the file, the entry, the field and what is
wrong, e.g. `data/quotes.yml: quote 'sain-tyokavereita': themes: unknown theme 'verkosot' (known: …)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Iterable

import yaml
from pydantic import ValidationError

from . import rules, yaml_loader

from .errors import HandbookError, quoted
from .models import (
    FILE_MODELS, CurriculumFile, FactsFile, GlossaryFile, GroupSize, Meeting, MeetingsFile, ModelElement, ModelFile,
    QuotesFile, ReferencesFile, SeasonFile, Session, SiteSettings, SynonymsFile, Worksheet, WorksheetsFile, WORD_PATTERN,
)
from .voices import EVIDENCE_PHRASE

# How an entry of each top-level list is named in messages: (noun, identifying field).
ENTRY_NAMES: dict[str, tuple[str, str]] = {
    "quotes": ("quote", "id"),
    "references": ("reference", "key"),
    "terms": ("term", "id"),
    "parts": ("part", "id"),
    "other_parts": ("part", "id"),
    "phenomena": ("phenomenon", "id"),
    "worksheets": ("worksheet", "id"),
    "sessions": ("session", "id"),
    "meetings": ("meeting", "id"),
    "plan": ("planned meeting", "meeting"),
    "synonyms": ("entry", "means"),
}

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
    season: SeasonFile
    synonyms: SynonymsFile

    @property
    def model_elements(self) -> list[ModelElement]:
        m = self.model
        return [m.core, *m.parts, *m.other_parts, *m.phenomena]

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

    def session(self, session_id: str) -> tuple[int, Session]:
        """A training session and its number (1 for the first)."""
        numbered = {s.id: (i, s) for i, s in enumerate(self.curriculum.sessions, 1)}
        return _lookup(numbered, session_id, "training session")

    def group_size(self, meeting: Meeting) -> GroupSize:
        """The size of group a template is for: its own (several groups) or the recommended one."""
        return meeting.group_size or self.season.group_size


def _lookup(items: dict, key: str, noun: str):
    if not isinstance(key, str) or key not in items:
        raise HandbookError(f"unknown {noun} {quoted(key)} (known: {', '.join(sorted(items))})")
    return items[key]


def _text(path: Path, shown: str) -> str:
    """A data file's text; a missing file or one that is not UTF-8 is one line naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HandbookError(f"{shown}: file not found") from None
    except UnicodeDecodeError as e:
        raise HandbookError(f"{shown}: not UTF-8 text (byte {e.start})") from None


def parse_yaml(text: str, shown: str) -> Any:
    """Parse one data file; a syntax error or a key written twice is one line naming the file."""
    try:
        return yaml_loader.load(text)
    except yaml_loader.DuplicateKey as e:
        raise HandbookError(f"{shown}: line {e.line}: {e.problem}") from None
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
        return f"got the text {quoted(value)}"
    return {list: "got a list", dict: "got a mapping"}.get(type(value), f"got {quoted(value)}")


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


# Fields whose mistakes get a hint on how to write them.
FIELD_HINTS = {
    "basis": "basis holds only what the source says, each statement as `- text: …` with `cite: [key]`; "
    "the handbook's own advice goes into the other fields",
}


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
        if pattern.endswith(r"\.md$"):
            what = "a page path like malli/verkostot.md"
        elif "@" in pattern:
            what = "an email address like nimi@example.org"
        elif pattern == WORD_PATTERN:
            what = "one word: letters only, like etätapaaminen"
        else:
            what = "an id: use lowercase a–z, 0–9 and single hyphens"
        problem = f"{quoted(first.get('input'))} is not {what}"
    else:
        problem = first["msg"].replace("Value error, ", "")
        # A check of a whole entry gets the entry as input: naming the entry is enough.
        if first.get("input") is not None and kind not in {"model_type", "dict_type"} and not isinstance(
            first["input"], (dict, list)
        ):
            problem += f" (got {quoted(first['input'])})"
    parts = [shown]
    if label:
        parts.append(label)
    if field_path:
        parts.append(field_path)
    parts.append(problem)
    hint = next((FIELD_HINTS[p] for p in rest if p in FIELD_HINTS), None)
    return ": ".join(parts) + (f" ({hint})" if hint else "")


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
            raise HandbookError(f"{shown}: {noun} {quoted(ident)}: duplicate id")
        seen.add(ident)


def _check_known(shown: str, entry: str, field_name: str, noun: str, value: str, known: Iterable[str]) -> None:
    known = sorted(set(known))
    if value not in known:
        where = f"{entry}{field_name}" if field_name.startswith("[") else f"{entry}: {field_name}"
        raise HandbookError(f"{shown}: {where}: unknown {noun} {quoted(value)} (known: {', '.join(known)})")


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
    check_synonyms(hb.synonyms, f"{data_dir_shown}/synonyms.yml")


def check_synonyms(synonyms: SynonymsFile, shown: str) -> None:
    """Each search word leads to one word of the handbook, and never to itself.

    Whether that word stands on the site is known only when the site is built: the search vocabulary
    checks it (handbook/search_index.py).
    """
    entries: set[str] = set()
    where: dict[str, str] = {}
    for s in synonyms.synonyms:
        entry = f"entry {s.means!r}"
        if s.means.casefold() in entries:
            raise HandbookError(f"{shown}: {entry}: means: the word has two entries (put its words in one)")
        entries.add(s.means.casefold())
        for i, word in enumerate(s.words, 1):
            key = word.casefold()
            if key == s.means.casefold():
                raise HandbookError(f"{shown}: {entry}: words[{i}]: {quoted(word)} is the word it means")
            if key in where:
                raise HandbookError(
                    f"{shown}: {entry}: words[{i}]: {quoted(word)} is already listed under {where[key]!r}"
                    " (a search word leads to one word)"
                )
            where[key] = s.means


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
    ref_keys = [r.key for r in hb.references.references]
    for i, evidence in enumerate(hb.curriculum.basis, 1):
        for key in evidence.cite:
            _check_known(c_file, "basis", f"[{i}].cite", "reference", key, ref_keys)
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
        rules.check_agenda(f"{mt_file}: {entry}", m.agenda[0].what, m.agenda[-1].title, m.agenda[-1].what,
                           len(m.agenda))
        for i, evidence in enumerate(m.basis, 1):
            for key in evidence.cite:
                _check_known(mt_file, entry, f"basis[{i}].cite", "reference", key, ref_keys)
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
        check_meeting_practice(hb, m, mt_file)
    for w in hb.worksheets.worksheets:
        check_worksheet(w, w_file)
    check_season(hb, data_dir_shown)
    check_training_timing(hb, data_dir_shown)

    if docs_dir is not None:
        pages = [(mt_file, f"meeting {m.id!r}", MEETING_PAGE.format(m.id)) for m in hb.meetings.meetings]
        pages += [(w_file, f"worksheet {w.id!r}", WORKSHEET_PAGE.format(w.id)) for w in hb.worksheets.worksheets]
        for shown, entry, page in pages:
            if not (docs_dir / page).is_file():
                raise HandbookError(f"{shown}: {entry}: no page {page!r} in docs/ (add it with the macro)")
        rules.check_entry_pages(docs_dir, MEETING_PAGE.split("/")[0], mt_file, "meeting", "meeting",
                                {m.id: m.title for m in hb.meetings.meetings})
        rules.check_entry_pages(docs_dir, WORKSHEET_PAGE.split("/")[0], w_file, "worksheet", "worksheet",
                                {w.id: w.title for w in hb.worksheets.worksheets})
        for s in sessions:
            for reading in s.reading:
                if not (docs_dir / reading.page).is_file():
                    raise HandbookError(
                        f"{c_file}: session {s.id!r}: reading: no such page {reading.page!r} in docs/"
                    )
        for m in hb.meetings.meetings:
            for reading in m.read_more:
                if not (docs_dir / reading.page).is_file():
                    raise HandbookError(
                        f"{mt_file}: meeting {m.id!r}: read_more: no such page {reading.page!r} in docs/"
                    )


def _proposal_texts(value: Any, path: str = ""):
    """(field path, text) of every text in a data entry: what the checks of wording read."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value, 1):
            yield from _proposal_texts(item, f"{path}[{i}]")
    elif hasattr(type(value), "model_fields"):
        for name in type(value).model_fields:
            yield from _proposal_texts(getattr(value, name), f"{path}.{name}" if path else name)


def _check_proposal_wording(shown: str, entry: str, value: Any, skip: set[str],
                            instead: str = "put what the article says in basis with its cite") -> None:
    """The handbook's proposals do not speak for the pilot or the article: that belongs in basis (or on a
    page), cited."""
    for path, text in _proposal_texts(value):
        if path.split("[")[0].split(".")[0] in skip:
            continue
        phrase = EVIDENCE_PHRASE.search(text)
        if phrase:
            raise HandbookError(
                f"{shown}: {entry}: {path}: {phrase.group(0)!r}: this field is the handbook's proposal and does not "
                f"speak for the pilot or the article; {instead}"
            )


def _round_size(hb: Handbook, m: Meeting, in_small_groups: bool) -> int:
    return hb.season.group_size.max if in_small_groups else hb.group_size(m).max


def check_meeting_practice(hb: Handbook, m: Meeting, shown: str) -> None:
    """A template agrees with the handbook's recommendations: group size, rounds, in-person meetings."""
    entry = f"meeting {m.id!r}"
    if m.groups == "oma ryhmä" and m.group_size is not None:
        raise HandbookError(
            f"{shown}: {entry}: group_size: a template for one group uses the recommended size of "
            f"data/season.yml (group_size); give group_size only with groups: useampi ryhmä"
        )
    if m.groups == "useampi ryhmä" and m.group_size is None:
        raise HandbookError(f"{shown}: {entry}: group_size: missing field (a template for several groups needs it)")
    for i, step in enumerate(m.agenda, 1):
        where = f"{shown}: {entry}: agenda[{i}] {step.title!r}"
        if step.kind in ("avaus", "lopetus") and step.per_person_minutes is None:
            raise HandbookError(
                f"{where}: per_person_minutes: missing field (the check-in and the closing round go round "
                f"every member: say how many minutes each has)"
            )
        if step.per_person_minutes is not None:
            size = _round_size(hb, m, step.in_small_groups)
            needed = step.per_person_minutes * size
            if needed > step.minutes:
                raise HandbookError(
                    f"{where}: a round of {_hours(step.per_person_minutes)} min for each of {size} members takes "
                    f"{_hours(needed)} min, but the step has {step.minutes} min"
                )
        if m.format == "lähi" and step.online is not None:
            raise HandbookError(
                f"{where}: online: the template is held face to face (format: lähi), so it has no online steps"
            )
    _check_proposal_wording(shown, entry, m, {"basis", "quotes", "id", "pairs_with", "model_parts", "worksheet"})


def check_worksheet(w: Worksheet, shown: str) -> None:
    entry = f"worksheet {w.id!r}"
    mentions_anonymity = any("nimettömä" in text.casefold() for _, text in _proposal_texts(w))
    if mentions_anonymity and not w.anonymous:
        raise HandbookError(
            f"{shown}: {entry}: anonymous: the sheet says it may be returned without a name: set anonymous: true "
            f"(the sheet then has no name line)"
        )
    if w.anonymous:
        for i, f in enumerate(w.fields, 1):
            if f.question.casefold().startswith("nimi"):
                raise HandbookError(f"{shown}: {entry}: fields[{i}]: an anonymous sheet does not ask for a name")
    # A worksheet has no basis: what the article says stands on a page, cited.
    _check_proposal_wording(shown, entry, w, {"id"}, "say what the article says on a page, with its cite()")


def check_season(hb: Handbook, data_dir_shown: str) -> None:
    """The sample season: its meetings exist, fit its months and phases, and it opens and closes as planned."""
    shown = f"{data_dir_shown}/season.yml"
    season = hb.season
    meetings = {m.id: m for m in hb.meetings.meetings}
    expected_first = 1
    for phase in season.phases:
        if phase.months.first != expected_first:
            raise HandbookError(
                f"{shown}: phases: {phase.phase!r} begins in month {phase.months.first}, expected {expected_first} "
                f"(the phases follow each other without gaps)"
            )
        expected_first = phase.months.last + 1
    if expected_first - 1 != season.months:
        raise HandbookError(f"{shown}: phases: they end in month {expected_first - 1}, the season has {season.months}")
    phase_of = {month: p.phase for p in season.phases for month in range(p.months.first, p.months.last + 1)}

    previous = 0
    for planned in season.plan:
        entry = f"planned meeting {planned.meeting!r} (month {planned.month})"
        _check_known(shown, entry, "meeting", "meeting", planned.meeting, meetings)
        if planned.month > season.months:
            raise HandbookError(f"{shown}: {entry}: month: the season has {season.months} months")
        if planned.month < previous:
            raise HandbookError(f"{shown}: {entry}: month: the plan goes back in time (after month {previous})")
        previous = planned.month
        template = meetings[planned.meeting]
        if phase_of[planned.month] not in template.phases:
            raise HandbookError(
                f"{shown}: {entry}: month {planned.month} is in the {phase_of[planned.month]}, but the template "
                f"suits {', '.join(template.phases)}"
            )
    first, last = season.plan[0], season.plan[-1]
    if meetings[first.meeting].type != "aloitus" or first.month != 1:
        raise HandbookError(f"{shown}: plan: the season begins in month 1 with a template of type aloitus")
    _check_known(shown, "closing_meeting", "meeting", "meeting", season.closing_meeting, meetings)
    if last.meeting != season.closing_meeting or last.month != season.months:
        raise HandbookError(
            f"{shown}: plan: the season ends in its last month ({season.months}) with the closing meeting "
            f"{season.closing_meeting!r}"
        )
    mid = season.midpoint
    _check_known(shown, "midpoint", "meeting", "meeting", mid.meeting, meetings)
    _check_known(shown, "midpoint", "worksheet", "worksheet", mid.worksheet, [w.id for w in hb.worksheets.worksheets])
    if not any(p.month == mid.month and p.meeting == mid.meeting for p in season.plan):
        raise HandbookError(f"{shown}: midpoint: the plan has no {mid.meeting!r} in month {mid.month}")
    if not season.months / 3 <= mid.month <= 2 * season.months / 3:
        raise HandbookError(
            f"{shown}: midpoint: month {mid.month} is not in the middle third of a {season.months}-month season"
        )


def check_training_timing(hb: Handbook, data_dir_shown: str) -> None:
    """The sessions follow the frame the article gives and fall within the trainee's own group's season."""
    c_file, f_file = f"{data_dir_shown}/curriculum.yml", f"{data_dir_shown}/facts.yml"
    training, sessions = hb.facts.training, hb.curriculum.sessions
    previous = 0
    for number, s in enumerate(sessions, 1):
        entry = f"{c_file}: session {s.id!r}"
        before = number <= training.sessions_before_group
        if before and s.group_month != 0:
            raise HandbookError(
                f"{entry}: group_month: session {number} is before the trainee gathers a group "
                f"({f_file} training.sessions_before_group), so its group_month is 0"
            )
        if not before and s.group_month == 0:
            raise HandbookError(
                f"{entry}: group_month: session {number} comes after the trainee has gathered a group: give the "
                f"month of the group (1 or more)"
            )
        if s.group_month < previous:
            raise HandbookError(f"{entry}: group_month: the sessions go back in time (after month {previous})")
        previous = s.group_month
        if s.group_month > hb.season.months:
            raise HandbookError(
                f"{entry}: group_month: month {s.group_month} is after the season's {hb.season.months} months "
                f"(data/season.yml): the training ends while the trainee's group still meets"
            )
        if (number in training.online_sessions) != (s.mode == "verkko"):
            said = "an online meeting" if number in training.online_sessions else "not an online meeting"
            raise HandbookError(f"{entry}: mode: session {number} is {said} ({f_file} training.online_sessions)")
        _check_proposal_wording(c_file, f"session {s.id!r}", s, {"id", "worksheets", "reading"})


def load_settings(extra: Any, shown: str = "mkdocs.yml: extra") -> SiteSettings:
    """The contact and the permission to copy, from mkdocs.yml's extra: one line on a mistake."""
    if not isinstance(extra, Mapping):
        raise HandbookError(f"{shown}: expected a mapping, {describe_input(extra)}")
    raw = {name: extra[name] for name in SiteSettings.model_fields if name in extra}
    try:
        return SiteSettings.model_validate(raw)
    except ValidationError as e:
        raise HandbookError(format_validation_error(shown, raw, e)) from None


# The last files validated, by their text: the macros and the page rules of one build load the same
# files, and under `make serve` most rebuilds change a page, not the data.
_validated: dict[tuple, Handbook] = {}


def load(root: Path, data_dir: str = "data", docs_dir: str | None = "docs") -> Handbook:
    """Load and check all data files under `root/data_dir`; pages under `root/docs_dir` too, if given."""
    texts = {name: _text(root / data_dir / f"{name}.yml", f"{data_dir}/{name}.yml") for name in FILE_MODELS}
    key = (data_dir, *texts.values())
    hb = _validated.get(key)
    if hb is None:
        loaded = {}
        for name, text in texts.items():
            shown = f"{data_dir}/{name}.yml"
            loaded[name] = validate(name, parse_yaml(text, shown), shown)
        hb = Handbook(**loaded)
        _validated.clear()
        _validated[key] = hb
    cross_check(hb, data_dir, root / docs_dir if docs_dir else None)
    return hb
