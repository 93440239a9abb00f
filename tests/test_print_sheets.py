"""Sheets on paper: a meeting template prints as a run sheet, every template and training session has
a print pack with a new page per sheet, every printed page of a sheet says what and whose it is, and
print looks the same from either colour scheme, with or without background graphics."""

from __future__ import annotations

from pathlib import Path

import pytest

import pdf
from conftest import ROOT, page_using
from handbook import data, printing, render

pytestmark = pytest.mark.browser

HB = data.load(ROOT, docs_dir=None)
CONFIG = pdf.site_config(ROOT)
MEETINGS = HB.meetings.meetings
PACKS = printing.packs(HB)
# What only the site around the content shows: navigation, search, the site's footer, page links.
CHROME = ["Hae", "Sisällysluettelo", "Edellinen", "Seuraava", "Saavutettavuusseloste", "Lähdeartikkeli:",
          "Päivitetty", "Linkki tähän kohtaan"]


def url_of(site_url: str, src_path: str) -> str:
    return site_url + render.page_url(src_path)


def footer(sheet: printing.Sheet, number: int, pages: int) -> list[str]:
    """The lines the footer of a sheet's page must carry, from the data and mkdocs.yml."""
    address = printing.site_address(CONFIG["site_url"]) + render.page_url(sheet.page)
    return [
        sheet.title,
        f"{CONFIG['site_name']} · {CONFIG['extra']['publisher']['name']} · {address}",
        CONFIG["extra"]["permission_to_copy"]["sheet_line"],
        f"Sivu {number}/{pages}",
    ]


def assert_footer(printed: Path, number: int, pages: int, sheet: printing.Sheet) -> None:
    text = pdf.text(printed, number)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in footer(sheet, number, pages):
        assert line in lines, f"page {number}: footer line {line!r} missing"


@pytest.fixture(scope="module")
def printer(browser, site_url, tmp_path_factory):
    """Prints a page of the site (light scheme) once per test module: printer(src_path) → PDF."""
    out = tmp_path_factory.mktemp("sheets")
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    done: dict[str, Path] = {}

    def print_once(src_path: str) -> Path:
        if src_path not in done:
            name = src_path.removesuffix(".md").replace("/", "-")
            done[src_path] = pdf.print_with(page, url_of(site_url, src_path), out / f"{name}.pdf")
        return done[src_path]

    yield print_once
    context.close()


# --- run sheets ------------------------------------------------------------------------------------

@pytest.mark.parametrize("meeting", MEETINGS, ids=[m.id for m in MEETINGS])
def test_meeting_template_prints_as_a_run_sheet_of_at_most_two_pages(printer, meeting):
    printed = printer(data.MEETING_PAGE.format(meeting.id))
    pages = pdf.page_count(printed)
    assert 1 <= pages <= 2
    text = pdf.flat(" ".join(pdf.text(printed, n) for n in range(1, pages + 1)))
    assert text.startswith(f"{meeting.title} Tapaamisen kulku ohjaajalle")
    for item in [*meeting.materials, *(r.role for r in meeting.roles), *(r.task for r in meeting.roles)]:
        assert pdf.flat(item) in text
    start = 0
    for step in meeting.agenda:
        assert f"{start}–{start + step.minutes} minuuttia" in text
        assert pdf.flat(step.title) in text and pdf.flat(step.who_speaks) in text
        if step.question:
            assert pdf.flat(f"Ohjaaja kysyy: ”{step.question}”") in text
        start += step.minutes


@pytest.mark.parametrize("meeting", MEETINGS, ids=[m.id for m in MEETINGS])
def test_run_sheet_has_no_quotes_basis_related_links_or_site_chrome(printer, meeting):
    printed = printer(data.MEETING_PAGE.format(meeting.id))
    text = pdf.flat(" ".join(pdf.text(printed, n) for n in range(1, pdf.page_count(printed) + 1)))
    left_out = [HB.quote(q).text for q in meeting.quotes] + [e.text for e in meeting.basis]
    left_out += [*meeting.tips, *meeting.traps, meeting.makes_possible]
    left_out += ["Mihin pohja perustuu", "Liittyy tähän", "Milloin käyttää", "Käsikirjan ehdotus", "Tulosta"]
    left_out += [HB.meeting(other).title for other in meeting.pairs_with]
    left_out += CHROME
    assert [item for item in left_out if pdf.flat(item) in text] == []


@pytest.mark.parametrize("meeting", MEETINGS, ids=[m.id for m in MEETINGS])
def test_every_page_of_a_run_sheet_has_its_footer(printer, meeting):
    printed = printer(data.MEETING_PAGE.format(meeting.id))
    pages = pdf.page_count(printed)
    for number in range(1, pages + 1):
        assert_footer(printed, number, pages, printing.run_sheet(HB, meeting.id))


# --- print packs -----------------------------------------------------------------------------------

@pytest.mark.parametrize("pack", PACKS, ids=[f"{p.kind}-{p.id}" for p in PACKS])
def test_pack_prints_each_sheet_from_a_new_page_with_its_own_footer(printer, pack):
    printed = printer(pack.page)
    pages = pdf.page_count(printed)
    sheets = printing.pack_sheets(HB, pack)
    # Which sheet each page belongs to, by its footer's first line.
    owner = []
    for number in range(1, pages + 1):
        lines = [line.strip() for line in pdf.text(printed, number).splitlines() if line.strip()]
        owner.append(next(s for s in sheets if s.title in lines))
    # The sheets come in the pack's order, each on pages of its own, one or two of them.
    in_order = [s for i, s in enumerate(owner) if i == 0 or owner[i - 1] != s]
    assert in_order == sheets
    for sheet in sheets:
        assert 1 <= owner.count(sheet) <= 2, sheet.title
        # A sheet takes as many pages in the pack as it does printed from its own page.
        if sheet.kind != "kerta":
            assert owner.count(sheet) == pdf.page_count(printer(sheet.page)), sheet.title
    for number, sheet in enumerate(owner, 1):
        assert_footer(printed, number, pages, sheet)
        if number == 1 or owner[number - 2] != sheet:
            # A sheet's first page opens with its title.
            words = pdf.flat(pdf.text(printed, number)).split(" ")
            assert words[:len(sheet.title.split())] == sheet.title.split(), f"page {number}"


def test_every_template_and_session_has_a_pack_linked_from_its_page_and_listed(site_dir):
    listing = (site_dir / render.page_url(printing.PACKS_PAGE) / "index.html").read_text(encoding="utf-8")
    for pack in PACKS:
        origin = (site_dir / render.page_url(pack.origin) / "index.html").read_text(encoding="utf-8")
        target = render.page_url(pack.page)
        from_origin = render.relative_url(target, render.page_url(pack.origin))
        assert f'href="{from_origin}"' in origin, pack.id
        assert f'href="{render.relative_url(target, render.page_url(printing.PACKS_PAGE))}"' in listing, pack.id
        assert (site_dir / target / "index.html").is_file()


def test_packs_stay_out_of_the_navigation_and_search(site_dir):
    import json

    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"]
                if any(d["location"].startswith(render.page_url(p.page)) for p in PACKS)]
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):]
    assert not [p.id for p in PACKS if render.page_url(p.page) in nav]


# --- the same print from either scheme -----------------------------------------------------------

# The home page, the model's figure, the quotes, the sample season, a template, a worksheet and packs.
SAMPLES = [
    "index.md", page_using("model_figure"), page_using("quotes"), page_using("season_plan"),
    data.MEETING_PAGE.format(MEETINGS[0].id), data.WORKSHEET_PAGE.format(HB.worksheets.worksheets[0].id),
    PACKS[0].page, PACKS[-1].page,
]


@pytest.mark.parametrize("src_path", SAMPLES)
def test_print_is_the_same_from_either_scheme_with_or_without_background_graphics(
    browser, site_url, tmp_path, src_path
):
    images = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, locale="fi-FI")
        try:
            page = context.new_page()
            for background in (False, True):
                name = f"{scheme}-{'bg' if background else 'plain'}"
                printed = pdf.print_with(page, url_of(site_url, src_path), tmp_path / f"{name}.pdf", background)
                images[name] = pdf.page_images(printed, tmp_path)
        finally:
            context.close()
    reference = images.pop("light-plain")
    for name, pages in images.items():
        assert len(pages) == len(reference), name
        different = [n for n, (a, b) in enumerate(zip(reference, pages), 1) if a != b]
        assert not different, f"{name}: pages {different} differ from the light scheme's print"
