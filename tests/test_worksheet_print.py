"""Each worksheet printed from Chromium: at most two A4 pages, with its title, instructions and room to
write, a footer on every page that says what and whose it is, and without the site's header,
navigation, footer, search or buttons, in both colour schemes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pdf
from conftest import ROOT
from handbook import data, printing
from handbook.render import page_url

pytestmark = pytest.mark.browser

WORKSHEETS = data.load(ROOT, docs_dir=None).worksheets.worksheets
# Text that only the site's chrome shows: search, navigation, footer, previous/next links, the print
# button and its hint, English page numbers and the web page's "updated" date.
CHROME = [
    "Hae", "Etusivu", "Sitaatit", "Sanasto", "Saavutettavuusseloste", "Lähdeartikkeli", "Euroopan sosiaalirahasto",
    "Edellinen", "Seuraava", "Sisällysluettelo", "Tulosta", "tulostustoiminnolla", "Page", "Päivitetty",
]


@pytest.fixture(scope="module", params=["light", "dark"])
def printed(request, browser, site_url, tmp_path_factory) -> dict[str, Path]:
    """Every worksheet page printed to A4 as a PDF, as the browser's print dialog would do it."""
    out = tmp_path_factory.mktemp(f"print-{request.param}")
    context = browser.new_context(color_scheme=request.param, locale="fi-FI")
    page = context.new_page()
    pdfs = {}
    try:
        for w in WORKSHEETS:
            page.goto(f"{site_url}tyokirja/{w.id}/")
            page.emulate_media(media="print")
            assert page.evaluate("getComputedStyle(document.querySelector('h1')).color") == "rgb(0, 0, 0)"
            pdfs[w.id] = out / f"{w.id}.pdf"
            page.pdf(path=str(pdfs[w.id]), format="A4")
    finally:
        context.close()
    return pdfs


@pytest.mark.parametrize("worksheet", WORKSHEETS, ids=[w.id for w in WORKSHEETS])
def test_worksheet_prints_on_at_most_two_a4_pages_without_a_blank_one(printed, worksheet):
    printed_pdf = printed[worksheet.id]
    pages = pdf.page_count(printed_pdf)
    assert 1 <= pages <= 2
    assert re.search(r"^Page size:.* pts \(A4\)$", pdf.info(printed_pdf), re.M)
    for number in range(1, pages + 1):
        assert pdf.text(printed_pdf, number, layout=True).strip(), f"page {number} of {pages} is blank"


@pytest.mark.parametrize("worksheet", WORKSHEETS, ids=[w.id for w in WORKSHEETS])
def test_printed_worksheet_has_title_instructions_and_every_question(printed, worksheet):
    text = pdf.text(printed[worksheet.id])
    flat = re.sub(r"\s+", " ", text)
    assert text.lstrip().startswith(worksheet.title)
    assert "Ohjeet" in flat and "Päivämäärä" in flat
    # A sheet that may be returned without a name has no name line.
    assert ("Nimi" in re.findall(r"\w+", flat)) == (not worksheet.anonymous)
    for line in [worksheet.purpose, *worksheet.instructions, *(f.question for f in worksheet.fields)]:
        assert re.sub(r"\s+", " ", line) in flat
    if worksheet.table:
        for row in worksheet.table.rows:
            assert row.capitalize() in flat


@pytest.mark.parametrize("worksheet", WORKSHEETS, ids=[w.id for w in WORKSHEETS])
def test_printed_worksheet_has_none_of_the_site_chrome(printed, worksheet):
    text = re.sub(r"\s+", " ", pdf.text(printed[worksheet.id]))
    words = set(re.findall(r"\w+", text))
    assert not [item for item in CHROME if (item in text if " " in item else item in words)]


@pytest.mark.parametrize("worksheet", WORKSHEETS, ids=[w.id for w in WORKSHEETS])
def test_every_printed_page_says_what_and_whose_the_worksheet_is(printed, worksheet):
    site_config = pdf.site_config(ROOT)
    printed_pdf = printed[worksheet.id]
    pages = pdf.page_count(printed_pdf)
    address = printing.site_address(site_config["site_url"]) + page_url(data.WORKSHEET_PAGE.format(worksheet.id))
    for number in range(1, pages + 1):
        lines = [line.strip() for line in pdf.text(printed_pdf, number).splitlines() if line.strip()]
        assert lines[-4:] == [
            worksheet.title,
            f"{site_config['site_name']} · {site_config['extra']['publisher']['name']} · {address}",
            site_config["extra"]["permission_to_copy"]["sheet_line"],
            f"Sivu {number}/{pages}",
        ]
