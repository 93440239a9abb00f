"""The printed handbook: its sheets and the print packs that gather them.

A *sheet* is what a facilitator or a trainer prints and hands out or holds: a worksheet, a meeting
template's run sheet (the agenda with times and the key questions), a training session's plan.
Each sheet prints on pages of its own CSS name, whose footer says what and whose it is (title,
handbook, publisher, address, page n/N and the permission to copy). A *print pack* is a generated
page per meeting template and per training session that prints all of its sheets in one go.

Nothing here knows about MkDocs: `hooks/print_packs.py` adds the pack pages to the build and the
footers of a page's sheets to its head.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable, Literal

import yaml

from .data import MEETING_PAGE, WORKSHEET_PAGE, Handbook
from .page_text import VOID

# Generated pages, relative to docs/.
MEETING_PACK_PAGE = "tulosteet/tapaamispohjat/{}.md"
SESSION_PACK_PAGE = "tulosteet/ohjaajakoulutus/{}.md"
PACKS_PAGE = "tulosteet/index.md"
TRAINING_PAGE = "ohjaajakoulutus.md"

PackKind = Literal["tapaamispohja", "koulutuskerta"]


SheetKind = Literal["tehtava", "kulku", "kerta"]


@dataclass(frozen=True)
class Sheet:
    """One printed sheet: a worksheet (tehtava), a run sheet (kulku) or a session plan (kerta)."""

    kind: SheetKind
    id: str  # the id of the worksheet, the meeting template or the session
    title: str  # what its footer calls it
    page: str  # the page it belongs to, relative to docs/

    @property
    def name(self) -> str:
        """Its CSS page name, unique among the sheets: worksheets and templates may share an id."""
        return f"{self.kind}-{self.id}"


@dataclass(frozen=True)
class Pack:
    kind: PackKind
    id: str
    title: str
    page: str  # the generated pack page, relative to docs/
    origin: str  # the page the pack is printed from, relative to docs/
    anchor: str | None  # where on that page


def worksheet_sheet(hb: Handbook, worksheet_id: str) -> Sheet:
    w = hb.worksheet(worksheet_id)
    return Sheet("tehtava", w.id, w.title, WORKSHEET_PAGE.format(w.id))


def run_sheet(hb: Handbook, meeting_id: str) -> Sheet:
    m = hb.meeting(meeting_id)
    return Sheet("kulku", m.id, f"{m.title}: tapaamisen kulku", MEETING_PAGE.format(m.id))


def session_sheet(hb: Handbook, session_id: str) -> Sheet:
    number, s = hb.session(session_id)
    return Sheet("kerta", s.id, f"Ohjaajakoulutus, {number}. kerta: {s.title}", TRAINING_PAGE)


def sheets(hb: Handbook) -> list[Sheet]:
    """Every sheet of the handbook, each once."""
    return (
        [worksheet_sheet(hb, w.id) for w in hb.worksheets.worksheets]
        + [run_sheet(hb, m.id) for m in hb.meetings.meetings]
        + [session_sheet(hb, s.id) for s in hb.curriculum.sessions]
    )


def packs(hb: Handbook) -> list[Pack]:
    """A pack for every meeting template and every training session, in the order of the data."""
    meeting_packs = [
        Pack("tapaamispohja", m.id, m.title, MEETING_PACK_PAGE.format(m.id), MEETING_PAGE.format(m.id), None)
        for m in hb.meetings.meetings
    ]
    session_packs = [
        Pack("koulutuskerta", s.id, f"{s.title} ({i}. kerta)", SESSION_PACK_PAGE.format(s.id), TRAINING_PAGE, s.id)
        for i, s in enumerate(hb.curriculum.sessions, 1)
    ]
    return meeting_packs + session_packs


def pack_sheets(hb: Handbook, pack: Pack) -> list[Sheet]:
    """The sheets a pack prints, in order: the run sheet or the session plan first, then the worksheets."""
    if pack.kind == "tapaamispohja":
        m = hb.meeting(pack.id)
        return [run_sheet(hb, m.id)] + ([worksheet_sheet(hb, m.worksheet)] if m.worksheet else [])
    _, s = hb.session(pack.id)
    return [session_sheet(hb, s.id)] + [worksheet_sheet(hb, w) for w in s.worksheets]


def pack_markdown(hb: Handbook, pack: Pack) -> str:
    """The Markdown source of a pack page: front matter and the one macro that renders it."""
    what = "tapaamispohjan" if pack.kind == "tapaamispohja" else "ohjaajakoulutuksen kerran"
    front = {
        "title": f"Tulostuspaketti: {pack.title}",
        "description": f"Kaikki {what} ”{pack.title}” tulosteet kerralla, kukin omalle arkilleen.",
        # The pack repeats what its sheets' own pages say: search finds those pages instead.
        "search": {"exclude": True},
    }
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return f"---\n{header}---\n\n# Tulostuspaketti: {pack.title}\n\n{{{{ print_pack('{pack.kind}', '{pack.id}') }}}}\n"


def site_address(site_url: str) -> str:
    """'https://foorumix.fi/tyopeili/' → 'foorumix.fi/tyopeili/': an address as a reader types it."""
    return site_url.split("://", 1)[-1]


SCREEN_ONLY = "tp-screen-only"


class _ScreenOnlySpans(HTMLParser):
    """Where in a page's HTML each outermost element of the class tp-screen-only begins and ends."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [i + 1 for i, char in enumerate(html) if char == "\n"]
        self.open: list[tuple[str, int, bool]] = []
        self.spans: list[tuple[int, int]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        inside = any(screen for _, _, screen in self.open)
        self.open.append((tag, self._offset(), SCREEN_ONLY in classes and not inside))

    def handle_endtag(self, tag):
        # The HTML comes from Markdown and the templates, so it is balanced: close up to the tag.
        while self.open:
            open_tag, start, screen = self.open.pop()
            if screen:
                self.spans.append((start, self._offset() + len(f"</{tag}>")))
            if open_tag == tag:
                break


def screen_only_spans(html: str) -> list[tuple[int, int]]:
    """Where the elements meant only for the screen begin and end in the HTML."""
    if SCREEN_ONLY not in html:
        return []
    parser = _ScreenOnlySpans(html)
    parser.feed(html)
    parser.close()
    return parser.spans


def without_screen_only(html: str, spans_of: Callable[[str], list] = screen_only_spans) -> str:
    """The HTML without the elements meant only for the screen (print buttons, hints, pack links)."""
    for start, end in sorted(spans_of(html), reverse=True):
        html = html[:start] + html[end:]
    return html
