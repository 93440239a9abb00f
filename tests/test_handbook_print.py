"""The whole handbook printed as one document from print_page/ (the fixture handbook's): a Finnish
cover and contents, every chapter of the navigation, pages numbered "Sivu N", and none of the
plugin's English texts or the site's chrome. A single page prints without page numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import pdf
from conftest import FIXTURE

pytestmark = pytest.mark.browser


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
    printed = pdf.print_page(browser, fixture_url + "tapaamispohjat/vuosikello/", tmp_path / "vuosikello.pdf")
    text = pdf.text(printed)
    assert "Vuosikello" in text
    assert not re.search(r"^(Sivu|Page) \d+$", text, re.M)
