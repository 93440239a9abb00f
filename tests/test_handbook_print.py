"""The whole handbook printed as one document from print_page/: a Finnish cover and contents, every
chapter, pages numbered "Sivu N", and none of the plugin's English texts or the site's chrome."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (Debian poppler-utils) is not installed")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def handbook_pdf(browser, site_url, tmp_path_factory) -> Path:
    pdf = tmp_path_factory.mktemp("handbook") / "tyopeili-kasikirja.pdf"
    context = browser.new_context(locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(site_url + "print_page/")
        # The plugin's script builds the contents on load; print after it has done so.
        page.wait_for_selector("#print-page-toc li", state="attached")
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), format="A4")
    finally:
        context.close()
    return pdf


def text_of_page(pdf: Path, number: int) -> str:
    return poppler("pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-")


def test_first_page_is_the_finnish_cover(handbook_pdf):
    cover = text_of_page(handbook_pdf, 1)
    assert cover.lstrip().startswith("Työpeili-käsikirja\n")
    flat = re.sub(r"\s+", " ", cover)
    assert "Satakunnan ammattikorkeakoulu (SAMK)" in flat
    assert "Euroopan sosiaalirahasto (ESR)" in flat
    assert "Sivu" not in flat, "the cover has no page number"


def test_second_page_is_the_contents_with_every_chapter(handbook_pdf):
    contents = text_of_page(handbook_pdf, 2) + text_of_page(handbook_pdf, 3)
    assert contents.lstrip().startswith("Sisällys\n")
    for chapter in ["Työpeili-malli", "Ohjaajakoulutus", "Tapaamispohjat", "Työkirja", "Sitaatit", "Lähteet"]:
        assert f"\n{chapter}\n" in contents


def test_pages_are_numbered_in_finnish_without_english_texts(handbook_pdf):
    pages = int(re.search(r"^Pages:\s+(\d+)$", poppler("pdfinfo", str(handbook_pdf)), re.M).group(1))
    text = poppler("pdftotext", str(handbook_pdf), "-")
    assert pages > 20
    # Every page but the cover carries its number.
    assert re.findall(r"^Sivu (\d+)$", text, re.M) == [str(n) for n in range(2, pages + 1)]
    for english in ["Page ", "Figure ", "Table of Contents", "Print Site", "Description", "Author(s)"]:
        assert english not in text
    for chrome in ["Edellinen", "Seuraava", "Hae", "Näytä kaikki", "Tulosta"]:
        assert not re.search(rf"^{chrome}$", text, re.M), chrome


def test_single_pages_print_without_page_numbers(browser, site_url, tmp_path):
    pdf = tmp_path / "vuosikello.pdf"
    context = browser.new_context(locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(site_url + "tapaamispohjat/vuosikello/")
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), format="A4")
    finally:
        context.close()
    text = poppler("pdftotext", str(pdf), "-")
    assert "Vuosikello" in text
    assert not re.search(r"^(Sivu|Page) \d+$", text, re.M)
