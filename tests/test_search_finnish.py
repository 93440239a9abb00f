"""The search box finds Finnish words in any form: inflected, as a compound part, hyphenated or not.

Each query is typed into the real search box of the fixture handbook (served under /tyopeili/) in
Chromium. How well the real site's search does on many queries is a figure of the benchmark
(`make bench`, tests/search_queries.yml), not a test.
"""

from __future__ import annotations

import re

import pytest

from searchbox import open_site, result_meta, result_pages, type_query

pytestmark = pytest.mark.browser

# (kind, query, page that comes first)
QUERIES = [
    ("base form", "vertaisvoima", "ilmiot/vertaisvoima/"),
    ("inflected", "vertaisvoimasta", "ilmiot/vertaisvoima/"),
    ("inflected", "verkostoista", "malli/verkostot/"),
    ("inflected compound", "tapaamispohjista", "tapaamispohjat/"),
    ("compound part", "kartta", "tyokirja/verkostokartta/"),
    ("hyphenated, written together", "työpeiliohjaajan", "malli/tyopeili-ohjaaja/"),
]


@pytest.fixture(scope="module")
def search(browser, fixture_url):
    """One page with the search open, shared by the queries (each query replaces the last)."""
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    open_site(page, fixture_url)
    yield page
    context.close()


@pytest.mark.parametrize("kind, query, first", QUERIES, ids=[f"{k}:{q}" for k, q, _ in QUERIES])
def test_query_finds_its_page_first(search, fixture_url, kind, query, first):
    type_query(search, query)
    found = result_pages(search, fixture_url)
    assert found[:1] == [first], f"{first} not first for {query!r}: {found[:5]}"


def test_result_list_marks_other_forms_of_the_word(search):
    # The site writes "vertaistuki"; the query's form is on no page.
    type_query(search, "vertaistuesta")
    marked = {m.lower() for m in search.eval_on_selector_all(".md-search-result__list mark", "ms => ms.map(m => m.textContent)")}
    assert "vertaistuki" in marked


def test_found_word_is_not_listed_as_missing_and_the_count_is_in_finnish(search):
    type_query(search, "vertaisvoimasta")
    first = search.locator(".md-search-result__item").first
    assert first.locator(".md-search-result__terms").count() == 0
    assert re.fullmatch(r"\d+ hakutulosta|1 hakutulos", result_meta(search))


def test_enter_opens_the_first_result(page, fixture_url):
    open_site(page, fixture_url)
    type_query(page, "vertaisvoimasta")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/tyopeili/ilmiot/vertaisvoima/"))


def test_opened_page_marks_the_query_word(page, fixture_url):
    # Material marks the query on the page it opens (?h=); the site's word separator must not break it.
    page.goto(fixture_url + "ilmiot/vertaisvoima/?h=vertaisvoima")
    page.wait_for_selector("article mark[data-md-highlight]")
