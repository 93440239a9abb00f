"""The whole handbook printed as one document from print_page/: a Finnish cover with the edition and
its date, contents that name each chapter once, every chapter of the navigation, pages numbered
"Sivu N", and none of the plugin's English texts, the site's chrome or the instructions meant for
the screen (the fixture handbook's). The real handbook's print leaves no page nearly blank and no
table row alone on a page. A chapter printed on its own has no page numbers."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

import pdf
from conftest import FIXTURE, ROOT, html_pages, page_file
from handbook import page_dates, printing, render

pytestmark = pytest.mark.browser
# print.css: the whole handbook's pages have these top and bottom margins.
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 14, 18
# A page whose content spans less than this share of the printable height holds a line or two.
NEARLY_BLANK = 0.05


@pytest.fixture(scope="module")
def handbook_pdf(browser, fixture_url, tmp_path_factory) -> Path:
    # The plugin's script builds the contents on load; print after it has done so.
    return pdf.print_page(browser, fixture_url + "print_page/", tmp_path_factory.mktemp("handbook") / "koko.pdf",
                          ready="#print-page-toc li")


def chapters() -> list[str]:
    """The titles of the navigation's top level: the chapters of the printed handbook."""
    config = yaml.load((FIXTURE / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return [next(iter(item)) for item in config["nav"] if isinstance(item, dict)]


def test_first_page_is_the_finnish_cover(handbook_pdf):
    cover = pdf.text(handbook_pdf, 1)
    assert cover.lstrip().startswith("Testikäsikirja\n")
    flat = re.sub(r"\s+", " ", cover)
    assert "Satakunnan ammattikorkeakoulu (SAMK)" in flat
    assert "Euroopan sosiaalirahasto (ESR)" in flat
    assert "Sivu" not in flat, "the cover has no page number"


def test_second_page_is_the_contents_with_every_chapter(handbook_pdf):
    contents = pdf.text(handbook_pdf, 2)
    assert contents.lstrip().startswith("Sisällys\n")
    for chapter in chapters():
        assert f"\n{chapter}\n" in contents, chapter


def test_pages_are_numbered_in_finnish_without_english_texts(handbook_pdf):
    pages = pdf.page_count(handbook_pdf)
    text = pdf.text(handbook_pdf)
    # Every page but the cover carries its number.
    assert re.findall(r"^Sivu (\d+)$", text, re.M) == [str(n) for n in range(2, pages + 1)]
    for english in ["Page ", "Figure ", "Table of Contents", "Print Site", "Description", "Author(s)"]:
        assert english not in text
    for chrome in ["Edellinen", "Seuraava", "Hae", "Näytä kaikki", "Tulosta"]:
        assert not re.search(rf"^{chrome}$", text, re.M), chrome


def test_single_pages_print_without_page_numbers(browser, fixture_url, tmp_path):
    """A chapter printed on its own has no footer; sheets have theirs (test_print_sheets.py)."""
    printed = pdf.print_page(browser, fixture_url + "malli/", tmp_path / "malli.pdf")
    text = pdf.text(printed)
    assert text.strip()
    assert not re.search(r"^(Sivu|Page) \d+", text, re.M)


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout.strip()


def test_cover_names_the_edition_and_the_date_of_the_last_commit(handbook_pdf):
    cover = pdf.flat(pdf.text(handbook_pdf, 1))
    date = render.fi_date(page_dates.local_date(int(git("log", "-1", "--format=%ct"))))
    version = git("describe", "--always", "--tags", "--dirty")
    assert f"Versio {version}, päivitetty {date}" in cover


def test_contents_name_each_chapter_once(browser, site_url):
    """A section whose first page has the section's title is listed once, not as itself and its page."""
    context = browser.new_context(locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(site_url + "print_page/")
        page.wait_for_selector("#print-page-toc li", state="attached")
        entries = page.eval_on_selector_all("#print-page-toc li > a", "links => links.map(a => a.innerText.trim())")
    finally:
        context.close()
    assert entries
    assert [a for a, b in zip(entries, entries[1:]) if a == b] == []


class _ScreenOnly(HTMLParser):
    """Collects the texts of a page's elements of the class tp-screen-only."""

    VOID = {"br", "img", "input", "link", "meta", "hr", "wbr", "source"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth, self.parts, self.texts = 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID and (self.depth or printing.SCREEN_ONLY in (dict(attrs).get("class") or "").split()):
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if not self.depth:
                self.texts.append(pdf.flat("".join(self.parts)))
                self.parts = []

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def test_screen_only_texts_are_not_printed(handbook_pdf, fixture_site):
    """What a page shows only on screen (print buttons, their hints, "Valitse mallin osa") is not on paper."""
    parser = _ScreenOnly()
    for page in html_pages(fixture_site):
        if page != "print_page/":
            parser.feed(page_file(fixture_site, page).read_text(encoding="utf-8"))
    screen_only = {t for t in parser.texts if t}
    text = pdf.text(handbook_pdf)
    lines = {line.strip() for line in text.splitlines()}
    assert screen_only
    # A sentence is printed nowhere; a button's word (Tulosta) not as a line of its own.
    assert [t for t in screen_only if (t in pdf.flat(text) if " " in t else t in lines)] == []


# --- the real handbook's print ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_handbook_pdf(browser, site_url, tmp_path_factory) -> Path:
    return pdf.print_page(browser, site_url + "print_page/", tmp_path_factory.mktemp("real") / "koko.pdf",
                          ready="#print-page-toc li")


def test_no_page_is_left_nearly_blank(real_handbook_pdf, tmp_path):
    heights = pdf.ink_heights(real_handbook_pdf, tmp_path, MARGIN_TOP_MM, MARGIN_BOTTOM_MM)
    nearly_blank = [n for n, h in enumerate(heights, 1) if n > 1 and h < NEARLY_BLANK]
    assert not nearly_blank, f"pages {nearly_blank} hold a line or two"


def test_no_table_leaves_a_row_alone_on_a_page(browser, site_url, real_handbook_pdf):
    """A table either fits on its page or breaks with at least two of its rows on each page."""
    context = browser.new_context(locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(site_url + "print_page/")
        # Each table's caption or first header cell, and the first cell of each body row.
        tables = page.eval_on_selector_all("#print-site-page table", """tables => tables.map(t => [
            t.caption ? t.caption.innerText : t.rows[0].cells[0].innerText,
            Array.from(t.tBodies[0].rows).map(r => r.cells[0].innerText),
        ])""")
    finally:
        context.close()
    # The whole text with the page each character is on: rows are found in order, after their table.
    text, page_of = "", []
    for number in range(1, pdf.page_count(real_handbook_pdf) + 1):
        page_text = pdf.flat(pdf.text(real_handbook_pdf, number))
        text += page_text + " "
        page_of += [number] * (len(page_text) + 1)

    def find(words: str, start: int) -> int:
        """Where `words` end as words of their own, from `start` on."""
        found = re.search(rf"(?<!\w){re.escape(pdf.flat(words))}(?!\w)", text[start:])
        assert found, f"{words!r} not found after page {page_of[start]}"
        return start + found.end()

    at, alone = 0, []
    for head, rows in tables:
        at = find(head, at)
        on_page: dict[int, int] = {}
        for row in rows:
            # A cell of several lines may come out of the PDF in pieces: its first word is enough,
            # as the rows are found in order.
            at = find(pdf.flat(row).split(" ")[0], at)
            on_page[page_of[at - 1]] = on_page.get(page_of[at - 1], 0) + 1
        if len(on_page) > 1:
            alone += [f"{head}: page {n}" for n, count in on_page.items() if count < 2]
    assert not alone
