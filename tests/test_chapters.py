"""The handbook's chapters: every model element and phenomenon has a substantial page of its own."""

from __future__ import annotations

import html
import re

import pytest

from conftest import ROOT
from handbook import data
from handbook.render import page_url
from sitetext import visible_text, words

HB = data.load(ROOT)
ELEMENTS = [HB.model.core, *HB.model.parts, *HB.model.supporting, *HB.model.phenomena]


def article(site_dir, element) -> str:
    text = (site_dir / page_url(element.page) / "index.html").read_text(encoding="utf-8")
    return text[text.index("<article"):text.index("</article>")]


def own_prose(article_html: str) -> str:
    """The page's text without quotes, the model figure and headings' permalink marks."""
    without = re.sub(r'<figure class="tp-(quote|model)">.*?</figure>', " ", article_html, flags=re.S)
    return visible_text(without, {"headerlink"})


@pytest.mark.parametrize("element", ELEMENTS, ids=[e.id for e in ELEMENTS])
def test_element_page_has_at_least_300_words_of_its_own(site_dir, element):
    count = len(words(own_prose(article(site_dir, element))))
    assert count >= 300, f"{element.page}: {count} words"


@pytest.mark.parametrize("element", ELEMENTS, ids=[e.id for e in ELEMENTS])
def test_element_page_shows_the_participants_words_on_its_theme(site_dir, element):
    page = html.unescape(article(site_dir, element))
    for quote in HB.quotes.quotes:
        if element.id in quote.themes:
            assert f"”{quote.text}”" in page, f"{element.page}: quote {quote.id}"


@pytest.mark.parametrize("element", ELEMENTS, ids=[e.id for e in ELEMENTS])
def test_element_page_ends_with_what_the_facilitator_can_do(site_dir, element):
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", article(site_dir, element), flags=re.S)
    titles = [visible_text(h, {"headerlink"}).strip() for h in headings]
    assert any(t.startswith("Näin tuet") for t in titles), f"{element.page}: {titles}"


@pytest.mark.parametrize("element", HB.model.phenomena, ids=[e.id for e in HB.model.phenomena])
def test_phenomenon_page_cites_research(site_dir, element):
    cites = re.findall(r'class="tp-cite" href="[^"]*#lahde-([a-z0-9-]+)"', article(site_dir, element))
    assert set(cites) - {"latostenmaa-tuomainen-2019"}, f"{element.page} cites no research"


def test_model_overview_shows_the_figure(site_dir):
    overview = (site_dir / "malli" / "index.html").read_text(encoding="utf-8")
    assert overview.count('<figure class="tp-model">') == 1
