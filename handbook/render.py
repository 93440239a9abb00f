"""Render the handbook's data into HTML with autoescaping Jinja templates.

Nothing here knows about MkDocs or mkdocs-macros: the glue in `macros.py` tells the renderer which
page it is on and registers its methods as macros.
"""

from __future__ import annotations

import datetime
import functools
import posixpath
import textwrap
import typing
from pathlib import Path
from typing import Any, Collection

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import cache, printing
from .data import MEETING_PAGE, WORKSHEET_PAGE, Handbook
from .errors import HandbookError
from .models import OFFICIAL_TYPES, MeetingType, MonthRange, Reference, SiteSettings, Strict
from .voices import proposal_open

TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def _compiled_templates():
    return cache.compiled_templates(TEMPLATES.parent.parent, "jinja-handbook")

# Pages the rendered HTML links to, relative to docs/.
BIBLIOGRAPHY_PAGE = "lahteet.md"
GLOSSARY_PAGE = "sanasto.md"

NBSP = "\u00a0"
SPEAKERS = {"yrittäjä": "Yrittäjä", "ohjaaja": "Työpeili-ohjaaja"}

# The source article: what the training frame and the meeting templates are developed from.
SOURCE_ARTICLE = "latostenmaa-tuomainen-2019"
MEETING_FORMATS = {
    "lähi": "Lähitapaaminen", "verkko": "Verkkotapaaminen", "lähi tai verkko": "Lähi- tai verkkotapaaminen",
}
SESSION_MODES = {"lähi": "Lähitapaaminen", "verkko": "Verkkotapaaminen"}


def session_timing(group_month: int) -> str:
    """When a training session falls for the trainee: before the own group, or in its month N."""
    return "Ennen omaa ryhmää" if group_month == 0 else f"Oman ryhmän {group_month}. kuukautena"


def month_range(months: MonthRange) -> str:
    """A phase's months as a reader counts them: '4. kuukausi', '1.–3. kuukausi'."""
    if months.first == months.last:
        return f"{months.first}. kuukausi"
    return f"{months.first}.–{months.last}. kuukausi"


def fi_number(value: int | float) -> str:
    """182000 → '182 000' (non-breaking space), 2018 → '2018', 1.5 → '1,5'.

    Four-digit numbers are not grouped, as Finnish style allows, so years read as years.
    """
    if isinstance(value, bool):
        raise TypeError("not a number")
    if isinstance(value, int):
        return str(value) if abs(value) < 10000 else f"{value:,}".replace(",", NBSP)
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", NBSP).replace(".", ",")


def css_string(text: str) -> str:
    """A CSS string literal: quotes and backslashes escaped, line breaks as CSS line breaks (\\A), and
    "<" escaped so that the text cannot end the <style> element it is in."""
    out = []
    for char in text:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\A ")
        elif ord(char) < 0x20 or ord(char) == 0x7F or char == "<":
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def fi_date(value: datetime.date) -> str:
    """2020-07-31 → '31.7.2020'."""
    return f"{value.day}.{value.month}.{value.year}"


def fi_value(value: Any) -> Any:
    """Facts as a reader sees them: numbers and dates in Finnish form, nested models as dicts."""
    if isinstance(value, Strict):
        return {name: fi_value(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, bool) or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return fi_number(value)
    if isinstance(value, datetime.date):
        return fi_date(value)
    return value


def page_url(src_path: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown source, relative to the site root."""
    stem = src_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        base = stem[: -len("index")]
        return base if directory_urls else base + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


def relative_url(target: str, from_page: str) -> str:
    """A link from the page at URL `from_page` to the site URL `target`."""
    from_dir = from_page if from_page.endswith("/") or not from_page else posixpath.dirname(from_page) + "/"
    rel = posixpath.relpath("/" + target, "/" + from_dir)
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel


def reference_label(ref: Reference) -> str:
    """In-text label: 'Mikkonen 2009', 'Saviranta & Åhlberg 2010', 'Latostenmaa ym. 2017'."""
    if ref.label:
        return ref.label
    surnames = [a.split(",")[0].strip() for a in ref.authors]
    if not surnames:
        who = ref.title
    elif len(surnames) == 1:
        who = surnames[0]
    elif len(surnames) == 2:
        who = f"{surnames[0]} & {surnames[1]}"
    else:
        who = f"{surnames[0]} ym."
    return f"{who} {ref.year}" if ref.year else who


def _join_fi(items: list[str], conjunction: str = "sekä") -> str:
    """['a', 'b', 'c'] → '”a”, ”b” sekä ”c”' (titles may contain 'ja' themselves)."""
    quoted = [f"”{item}”" for item in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" {conjunction} " + quoted[-1]


class Renderer:
    """Renders macros for one build. `page` is the URL of the page being rendered."""

    def __init__(self, hb: Handbook, directory_urls: bool = True) -> None:
        self.hb = hb
        self.directory_urls = directory_urls
        self._page = ""
        self.cited: set[str] = set()
        # What the page being rendered has cited, and whether it shows when its official sources were checked.
        self.page_cited: list[str] = []
        self.page_shows_checked = False
        self.settings: SiteSettings | None = None
        self.site_url = ""
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            # A build makes several renderers: each takes the compiled templates from the last build.
            bytecode_cache=_compiled_templates(),
            # The generated style sheet (print_sheets.css) is CSS: its values go through css_string instead.
            autoescape=select_autoescape(disabled_extensions=("css",), default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.env.globals.update(
            link=self.link, cite=self.cite, bibliography_page=BIBLIOGRAPHY_PAGE, source_article=SOURCE_ARTICLE,
            meeting_page=MEETING_PAGE.format, worksheet_page=WORKSHEET_PAGE.format, proposal_open=proposal_open,
            pack_contents=self.pack_contents,
        )
        self.env.filters.update(fi_number=fi_number, fi_date=fi_date, css_string=css_string, month_range=month_range)

    @property
    def page(self) -> str:
        return self._page

    @page.setter
    def page(self, url: str) -> None:
        self._page = url
        self.page_cited = []
        self.page_shows_checked = False

    # --- helpers available to templates -----------------------------------------------------------

    def link(self, src_path: str, anchor: str | None = None) -> str:
        url = relative_url(page_url(src_path, self.directory_urls), self.page)
        return f"{url}#{anchor}" if anchor else url

    def render(self, template: str, **context: Any) -> Markup:
        # Collapse the template's own line breaks so Markdown treats the output as one HTML block.
        html = self.env.get_template(template).render(**context)
        return Markup("\n".join(line for line in html.splitlines() if line.strip()))

    # --- macros ----------------------------------------------------------------------------------

    def cite(self, *keys: str) -> Markup:
        """`(Mikkonen 2009; Saviranta & Åhlberg 2010)`, each linked to the bibliography."""
        if not keys:
            raise HandbookError("cite(): give at least one reference key")
        refs = [self.hb.reference(k) for k in keys]
        self.cited.update(keys)
        self.page_cited.extend(k for k in keys if k not in self.page_cited)
        return self.render("cite.html", refs=refs, label=reference_label)

    def quote(self, quote_id: str) -> Markup:
        return self.render("quote.html", quotes=[self.hb.quote(quote_id)], speakers=SPEAKERS)

    def quotes(self, theme: str | None = None, speaker: str | None = None) -> Markup:
        selected = self.hb.quotes.quotes
        if theme is not None:
            self.hb.element(theme)
            selected = [q for q in selected if theme in q.themes]
        if speaker is not None:
            if speaker not in SPEAKERS:
                raise HandbookError(f"unknown speaker {speaker!r} (known: {', '.join(SPEAKERS)})")
            selected = [q for q in selected if q.speaker == speaker]
        if not selected:
            raise HandbookError(f"quotes(theme={theme!r}, speaker={speaker!r}): no quote matches")
        return self.render("quote.html", quotes=selected, speakers=SPEAKERS)

    def bibliography(self) -> Markup:
        refs = sorted(self.hb.references.references, key=lambda r: reference_label(r).casefold())
        return self.render("bibliography.html", refs=refs)

    def glossary(self) -> Markup:
        terms = sorted(self.hb.glossary.terms, key=lambda t: t.term.casefold())
        by_id = {t.id: t for t in terms}
        return self.render("glossary.html", terms=terms, by_id=by_id)

    def model_figure(self) -> Markup:
        """The model as an accessible inline SVG; each element links to its page."""
        m = self.hb.model
        # The parts sit around the core: top, lower right, lower left.
        positions = [(320, 48), (505, 255), (135, 255)]
        if len(m.parts) > len(positions) or len(m.other_parts) > 3:
            raise HandbookError("model_figure(): the figure has room for 3 parts and 3 other parts")
        description = (
            f"{m.core.title} on mallin kantava teema ja sen ydin. Sen ympärillä ovat osat "
            f"{_join_fi([p.title for p in m.parts])}. Mallin muut osat ovat {_join_fi([s.title for s in m.other_parts])}."
        )
        return self.render(
            "model_figure.html",
            core=m.core,
            parts=list(zip(m.parts, positions)),
            other_parts=list(zip(m.other_parts, [125, 320, 515])),
            description=description,
            wrap=lambda title, width=14: textwrap.wrap(title, width, break_long_words=False),
        )

    def model_cards(self, group: str = "elements") -> Markup:
        """Cards with the title and one-line summary of each model element (or of each phenomenon)."""
        m = self.hb.model
        groups = {"elements": [m.core, *m.parts, *m.other_parts], "phenomena": list(m.phenomena)}
        if group not in groups:
            raise HandbookError(f"unknown group {group!r} (known: {', '.join(groups)})")
        return self.render("model_cards.html", elements=groups[group])

    def abbreviations(self) -> str:
        """Markdown abbreviation lines that turn each glossary term in a page into a tooltip."""
        lines = []
        for t in self.hb.glossary.terms:
            definition = " ".join(t.definition.split())
            for form in dict.fromkeys([t.term, t.term[0].lower() + t.term[1:]]):
                lines.append(f"*[{form}]: {definition}")
        return "\n".join(lines)

    def uncited(self) -> list[str]:
        """Reference keys that no page cites (the article itself is cited through its quotes)."""
        quoted = {q.source for q in self.hb.quotes.quotes}
        return sorted(r.key for r in self.hb.references.references if r.key not in self.cited | quoted)

    # --- facilitator training, meeting templates and worksheets ----------------------------------

    def curriculum(self) -> Markup:
        """The training: an overview table whose hours add up, then a section per session."""
        sessions = self.hb.curriculum.sessions
        return self.render(
            "curriculum.html",
            basis=self.hb.curriculum.basis,
            sessions=sessions,
            total=sum(s.hours for s in sessions),
            training=self.hb.facts.training,
            worksheets={w.id: w for w in self.hb.worksheets.worksheets},
            modes=SESSION_MODES,
            timing=session_timing,
            packs={p.id: p for p in printing.packs(self.hb) if p.kind == "koulutuskerta"},
        )

    def _meeting_context(self, meeting_id: str) -> dict[str, Any]:
        m = self.hb.meeting(meeting_id)
        starts = [sum(step.minutes for step in m.agenda[:i]) for i in range(len(m.agenda))]
        return dict(
            m=m, size=self.hb.group_size(m), steps=list(zip(m.agenda, starts)), formats=MEETING_FORMATS,
            sheet=printing.run_sheet(self.hb, m.id),
        )

    def meeting(self, meeting_id: str) -> Markup:
        """One meeting template with the same sections as every other, and its run sheet for paper."""
        context = self._meeting_context(meeting_id)
        m = context["m"]
        phenomena = {p.id for p in self.hb.model.phenomena}
        pack = self._pack("tapaamispohja", m.id)
        return self.render(
            "meeting.html",
            **context,
            pairs=[self.hb.meeting(other) for other in m.pairs_with],
            parts=[self.hb.element(part) for part in m.model_parts if part not in phenomena],
            phenomena=[self.hb.element(part) for part in m.model_parts if part in phenomena],
            quote_list=[self.hb.quote(q) for q in m.quotes],
            worksheet=self.hb.worksheet(m.worksheet) if m.worksheet else None,
            speakers=SPEAKERS,
            pack=pack,
            in_pack=False,
            lead=True,
        )

    def meetings_index(self) -> Markup:
        """The library of meeting templates, with a filter that asks what a facilitator knows: the kind of
        meeting, the group's phase (in the sample season's months), the topic, and the time there is."""
        meetings = self.hb.meetings.meetings
        types = [t for t in typing.get_args(MeetingType) if any(m.type == t for m in meetings)]
        season = self.hb.season
        phases = [p for p in season.phases if any(p.phase in m.phases for m in meetings)]
        used = {part for m in meetings for part in m.model_parts}
        model = self.hb.model
        topics = [
            ("Työpeili-mallin osat", [e for e in [model.core, *model.parts, *model.other_parts] if e.id in used]),
            ("Ilmiöt mallin takana", [e for e in model.phenomena if e.id in used]),
        ]
        return self.render(
            "meetings_index.html", meetings=meetings, types=types, phases=phases, season=season,
            phase_months={p.phase: p.months for p in season.phases},
            topics=[(group, elements) for group, elements in topics if elements],
            lengths=sorted({m.length_minutes for m in meetings}), formats=MEETING_FORMATS,
        )

    def worksheet(self, worksheet_id: str) -> Markup:
        """A printable worksheet: purpose, instructions and room to write."""
        return self._worksheet(worksheet_id, in_pack=False, lead=True)

    def _worksheet(self, worksheet_id: str, in_pack: bool, lead: bool) -> Markup:
        return self.render(
            "worksheet.html", w=self.hb.worksheet(worksheet_id), sheet=printing.worksheet_sheet(self.hb, worksheet_id),
            in_pack=in_pack, lead=lead,
        )

    def worksheets_index(self) -> Markup:
        """Every worksheet, with the meeting templates and training sessions that use it."""
        used_in = {
            w.id: [m for m in self.hb.meetings.meetings if m.worksheet == w.id] for w in self.hb.worksheets.worksheets
        }
        return self.render("worksheets_index.html", worksheets=self.hb.worksheets.worksheets, used_in=used_in)

    # --- print packs and the printed sheets' footers -------------------------------------------------

    def _pack(self, kind: str, pack_id: str) -> printing.Pack:
        for pack in printing.packs(self.hb):
            if pack.kind == kind and pack.id == pack_id:
                return pack
        known = sorted(p.id for p in printing.packs(self.hb) if p.kind == kind)
        raise HandbookError(f"unknown {kind} {pack_id!r} (known: {', '.join(known)})")

    def pack_contents(self, pack: printing.Pack) -> str:
        """What a pack prints, as a phrase: 'tapaamisen kulku ja tehtävä ”Vuosikello”'."""
        first, *worksheets = printing.pack_sheets(self.hb, pack)
        lead = "tapaamisen kulku" if pack.kind == "tapaamispohja" else "kerran suunnitelma"
        if not worksheets:
            return lead
        noun = "tehtävä" if len(worksheets) == 1 else "tehtävät"
        return f"{lead} ja {noun} {_join_fi([w.title for w in worksheets], 'ja')}"

    def print_pack(self, kind: str, pack_id: str) -> Markup:
        """A print pack's page: the run sheet or the session plan and every worksheet, each on pages of its own."""
        if kind not in typing.get_args(printing.PackKind):
            raise HandbookError(f"unknown kind {kind!r} (known: {', '.join(typing.get_args(printing.PackKind))})")
        pack = self._pack(kind, pack_id)
        sheets = printing.pack_sheets(self.hb, pack)
        rendered = []
        for i, sheet in enumerate(sheets):
            lead = i == 0
            if sheet.kind == "tehtava":
                html = self._worksheet(sheet.id, in_pack=True, lead=lead)
            elif sheet.kind == "kulku":
                html = self.render("run_sheet.html", **self._meeting_context(sheet.id), in_pack=True, lead=lead)
            else:
                number, s = self.hb.session(sheet.id)
                html = self.render(
                    "session_sheet.html", s=s, number=number, sheet=sheet, lead=lead, modes=SESSION_MODES,
                    timing=session_timing, last=number == len(self.hb.curriculum.sessions),
                    worksheets=[self.hb.worksheet(w) for w in s.worksheets],
                )
            rendered.append((sheet, html))
        meeting_pack = kind == "tapaamispohja"
        return self.render(
            "print_pack.html",
            sheets=rendered,
            what="tapaamispohjan" if meeting_pack else "koulutuskerran",
            origin=self.link(pack.origin, pack.anchor),
            origin_label=f"Tapaamispohja {pack.title}" if meeting_pack else "Kerta ohjaajakoulutuksen sivulla",
            packs_page=self.link(printing.PACKS_PAGE),
        )

    def print_packs(self) -> Markup:
        """Every print pack, with what it prints."""
        packs = printing.packs(self.hb)
        return self.render(
            "print_packs.html",
            meeting_packs=[p for p in packs if p.kind == "tapaamispohja"],
            session_packs=[p for p in packs if p.kind == "koulutuskerta"],
        )

    def sheets_css(self, site_name: str, names: Collection[str] | None = None) -> str:
        """The rules that give printed sheets their footers: every sheet's, or those of the sheets named."""
        settings = self._settings()
        address = printing.site_address(self.site_url)
        credit = f"{site_name} · {settings.publisher.name}"
        sheets = [
            (sheet, f"{sheet.title}\n{credit} · {address}{page_url(sheet.page)}\n{settings.permission_to_copy.sheet_line}")
            for sheet in printing.sheets(self.hb)
            if names is None or sheet.name in names
        ]
        return self.env.get_template("print_sheets.css").render(sheets=sheets) + "\n"

    # --- the season: the handbook's recommendations and a sample first year -----------------------

    def season_plan(self) -> Markup:
        """The sample season: phases, the meetings month by month, the midpoint, attendance and newcomers."""
        season = self.hb.season
        return self.render(
            "season_plan.html",
            season=season,
            meetings={m.id: m for m in self.hb.meetings.meetings},
            midpoint_worksheet=self.hb.worksheet(season.midpoint.worksheet),
        )

    def meeting_links(self, format: str | None = None, type: str | None = None) -> Markup:
        """A list of links to the meeting templates held in one way (lähi, verkko, …) or of one type."""
        selected = [
            m for m in self.hb.meetings.meetings
            if (format is None or m.format == format) and (type is None or m.type == type)
        ]
        if format is not None and format not in MEETING_FORMATS:
            raise HandbookError(f"unknown format {format!r} (known: {', '.join(MEETING_FORMATS)})")
        if not selected:
            raise HandbookError(f"meeting_links(format={format!r}, type={type!r}): no template matches")
        return self.render("meeting_links.html", meetings=selected)

    def season_facts(self) -> dict:
        """The season's recommendations as page variables: {{ season.group_size.min }}, {{ season.rhythm }} …"""
        season = self.hb.season
        lengths = [self.hb.meeting(p.meeting).length_minutes for p in season.plan]
        return {
            "group_size": {"min": season.group_size.min, "max": season.group_size.max},
            "rhythm": season.rhythm,
            "months": season.months,
            "meetings": len(season.plan),
            "midpoint_month": season.midpoint.month,
            "meeting_minutes": {"min": min(lengths), "max": max(lengths)},
        }

    # --- the way in: contact, permission to copy, official sources --------------------------------

    def _settings(self) -> SiteSettings:
        if self.settings is None:
            raise HandbookError("the site's contact and permission to copy are not configured (mkdocs.yml extra)")
        return self.settings

    def contact(self) -> Markup:
        """Whom to ask about Työpeili and the facilitator training (mkdocs.yml extra.contact_details)."""
        return self.render("contact.html", contact=self._settings().contact_details)

    def reuse(self) -> Markup:
        """What trainers and facilitators may copy and print, and on which terms (mkdocs.yml extra.permission_to_copy)."""
        return self.render("reuse.html", reuse=self._settings().permission_to_copy, site_url=self.site_url)

    def official_uncited_check(self) -> list[str]:
        """Laws, guidance and services this page cites although it does not show when they were checked."""
        if self.page_shows_checked:
            return []
        return [k for k in self.page_cited if self.hb.reference(k).type in OFFICIAL_TYPES]

    def sources_checked(self) -> Markup:
        """When the laws, authorities' guidance and services cited on this page were last checked."""
        refs = [self.hb.reference(k) for k in self.page_cited]
        official = [r for r in refs if r.type in OFFICIAL_TYPES]
        if not official:
            raise HandbookError("the page cites no law, guidance or service above this point")
        self.page_shows_checked = True
        return self.render("sources_checked.html", refs=official, oldest=min(r.accessed for r in official))
