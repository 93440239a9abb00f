"""The search box finds Finnish words in any form: inflected, as a compound part, hyphenated or not;
it forgives a typo, knows the search words of data/synonyms.yml and derivations, and a search that
finds nothing suggests what to try.

Each query is typed into the real search box of the fixture handbook (served under /tyopeili/) in
Chromium. How well the real site's search does on many queries is a figure of the benchmark
(`make bench`, tests/search_queries.yml), not a test.
"""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import FIXTURE, describe_violations, run_axe
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


SYNONYMS = yaml.safe_load((FIXTURE / "data" / "synonyms.yml").read_text(encoding="utf-8"))["synonyms"]
NONE = "Ei hakutuloksia"
HINT = "Kokeile toista sanaa tai pelkkää sanan alkua."


def pages_for(search, fixture_url, query: str) -> list[str]:
    type_query(search, query)
    return result_pages(search, fixture_url)


@pytest.mark.parametrize("means, word", [(s["means"], w) for s in SYNONYMS for w in s["words"]])
def test_a_search_word_of_the_synonyms_finds_what_the_handbooks_word_finds(search, fixture_url, means, word):
    expected = pages_for(search, fixture_url, means)[:3]
    assert expected and pages_for(search, fixture_url, word)[:3] == expected


def test_an_inflected_search_word_finds_what_the_handbooks_word_finds(search, fixture_url):
    # data/synonyms.yml lists etätapaaminen; a compound inflects as its last part does on the site.
    means = next(s["means"] for s in SYNONYMS if "etätapaaminen" in s["words"])
    expected = pages_for(search, fixture_url, means)[:3]
    assert expected and pages_for(search, fixture_url, "etätapaamisessa")[:3] == expected


@pytest.mark.parametrize("typo, word", [
    ("markkinonti", "markkinointi"),  # a letter missing
    ("vertasivoima", "vertaisvoima"),  # two letters swapped
    ("tavoitteelista", "tavoitteellista"),  # an inflected form, a letter missing
    ("yrittajavertaisuudesta", "yrittäjävertaisuus"),  # without the dots of ä, as on a foreign keyboard
])
def test_one_typo_finds_what_the_word_finds(search, fixture_url, typo, word):
    expected = pages_for(search, fixture_url, word)[:3]
    assert expected and pages_for(search, fixture_url, typo)[:3] == expected


def test_a_short_word_is_not_forgiven_a_typo_but_the_word_is_offered(search):
    # "voma" is four letters: one typo away from oma, loma and voima, it would find them all.
    type_query(search, "voma")
    assert search.locator(".md-search-result__item").count() == 0
    offered = search.eval_on_selector_all(".tp-search-hint button", "bs => bs.map(b => b.textContent)")
    assert "voima" in offered


def test_a_derivation_not_on_the_site_finds_the_pages_of_its_root(search, fixture_url):
    # The site writes tavoitteellisuudesta and tavoitteellista, not tavoitteellistaa.
    expected = pages_for(search, fixture_url, "tavoitteellisuus")[:1]
    assert expected and pages_for(search, fixture_url, "tavoitteellistaa")[:1] == expected


def test_a_derivation_must_share_two_thirds_of_the_word(search, fixture_url):
    # The site has verkosto (eight letters), not a third of verkostoituminen.
    assert pages_for(search, fixture_url, "verkostoituminen") == []


def test_question_and_stop_words_do_not_decide_the_order(search, fixture_url):
    # Every page of the fixture says "miten"; "ja" would find "jatkuvuus" as a word's beginning.
    expected = pages_for(search, fixture_url, "vertaisvoima")[:3]
    assert pages_for(search, fixture_url, "miten ja vertaisvoima")[:3] == expected


def test_a_search_that_finds_nothing_says_what_to_try_in_a_live_region(search):
    type_query(search, "qwertyuiop")
    meta = search.locator(".md-search-result__meta")
    assert meta.get_attribute("role") == "status"
    assert meta.inner_text().split("\n") == [NONE, HINT]
    # The next answer replaces the hint.
    type_query(search, "vertaisvoima")
    assert HINT not in result_meta(search)


def test_a_search_that_finds_nothing_offers_the_nearest_word_and_searches_it(search, fixture_url):
    type_query(search, "ohjajakolutus")  # two letters missing
    assert result_meta(search).split("\n") == [NONE, f"Tarkoititko: ohjaajakoulutus? {HINT}"]
    search.click(".tp-search-hint button")
    search.wait_for_function("() => window.__search.answered === 'ohjaajakoulutus'")
    assert result_pages(search, fixture_url)[:1] == ["ohjaajakoulutus/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_hint_passes_axe(browser, fixture_url, scheme):
    context = browser.new_context(locale="fi-FI", color_scheme=scheme)
    try:
        page = context.new_page()
        open_site(page, fixture_url)
        type_query(page, "ohjajakolutus")
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        violations = [v for v in run_axe(page) if any(".md-search" in " ".join(n["target"]) for n in v["nodes"])]
        assert not violations, describe_violations(violations)
    finally:
        context.close()
