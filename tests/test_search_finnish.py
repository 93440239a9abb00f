"""The search box finds Finnish words in any form: inflected, as a compound part, hyphenated or not.

Each query of tests/search_queries.yml is typed into the real search box of the built site (served
under /tyopeili/) in Chromium; its page must come first or among the first five, as the entry says.
"""

from __future__ import annotations

import re

import pytest

from bench_search import passes, queries
from conftest import html_pages
from searchbox import open_site, result_meta, result_pages, type_query

QUERIES = queries()
KINDS = {"inflected", "base", "part", "compound", "hyphen", "words"}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search(browser, site_url):
    """One page with the search open, shared by the queries (each query replaces the last)."""
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    open_site(page, site_url)
    yield page
    context.close()


def test_query_set_covers_every_kind_and_real_pages(site_dir):
    pages = set(html_pages(site_dir))
    assert len(QUERIES) >= 40
    assert {q["kind"] for q in QUERIES} == KINDS
    assert sum(q["first"] for q in QUERIES) * 2 >= len(QUERIES)
    assert [q["page"] for q in QUERIES if q["page"] not in pages] == []


@pytest.mark.parametrize("query", QUERIES, ids=[f"{q['kind']}:{q['query']}" for q in QUERIES])
def test_query_finds_its_page(search, site_url, query):
    type_query(search, query["query"])
    found = result_pages(search, site_url)
    where = "first" if query["first"] else "among the first five"
    assert passes(found, query), f"{query['page']} not {where} for {query['query']!r}: {found[:5]}"


def test_result_list_marks_other_forms_of_the_word(search, site_url):
    # The site writes vertaistuki, vertaistuen, vertaistukena; none of them starts with the query.
    type_query(search, "vertaistuesta")
    marked = {m.lower() for m in search.eval_on_selector_all(".md-search-result__list mark", "ms => ms.map(m => m.textContent)")}
    assert {"vertaistuki", "vertaistuen"} <= marked


def test_found_word_is_not_listed_as_missing(search, site_url):
    type_query(search, "resilienssin")
    first = search.locator(".md-search-result__item").first
    assert first.locator(".md-search-result__terms").count() == 0
    assert re.fullmatch(r"\d+ hakutulosta", result_meta(search))


def test_enter_opens_the_first_result(page, site_url):
    open_site(page, site_url)
    type_query(page, "resilienssin")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/tyopeili/ilmiot/resilienssi/"))


def test_opened_page_marks_the_query_word(page, site_url):
    # Material marks the query on the page it opens (?h=); the site's word separator must not break it.
    page.goto(site_url + "ilmiot/resilienssi/?h=resilienssi")
    page.wait_for_selector("article mark[data-md-highlight]")
