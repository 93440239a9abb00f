"""The site in Debian's Chromium: accessible in both colour schemes, private, working under a sub-path."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from conftest import describe_violations, html_pages, run_axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_on_any_page(browser, site_dir, site_url, scheme):
    context = browser.new_context(color_scheme=scheme, locale="fi-FI")
    page = context.new_page()
    found = {}
    try:
        for path in html_pages(site_dir):
            page.goto(site_url + path)
            expected = "slate" if scheme == "dark" else "default"
            assert page.get_attribute("html", "data-md-color-scheme") == expected
            violations = run_axe(page)
            if violations:
                found[path or "index"] = describe_violations(violations)
    finally:
        context.close()
    assert not found, "\n".join(f"{p}:\n{v}" for p, v in found.items())


def test_no_request_leaves_the_origin_and_no_cookie_is_set(browser, site_dir, site_url):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    context = browser.new_context()
    page = context.new_page()
    outside, failed = [], []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((origin, "data:", "blob:")) else None)
    # ERR_ABORTED: the next page was opened before the favicon had loaded (a missing file is a 404).
    page.on("requestfailed", lambda r: failed.append(r.url) if r.failure != "net::ERR_ABORTED" else None)
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        for path in html_pages(site_dir):
            if path == "404.html":
                continue
            page.goto(site_url + path, wait_until="networkidle")
            assert page.evaluate("document.cookie") == "", path
        assert context.cookies() == []
    finally:
        context.close()
    assert not outside, outside
    assert not failed, failed


def test_every_page_works_under_the_sub_path(page, site_dir, site_url):
    """Served at /tyopeili/ like on foorumix.fi: styles, scripts and links resolve below the sub-path."""
    for path in html_pages(site_dir):
        if path == "404.html":
            continue
        response = page.goto(site_url + path)
        assert response.status == 200, path
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", path
        hrefs = page.eval_on_selector_all("link[rel=stylesheet], script[src]", "els => els.map(e => e.href || e.src)")
        assert hrefs and all(urlsplit(h).path.startswith("/tyopeili/") for h in hrefs), path


def search(page, site_url: str, query: str) -> list[str]:
    page.goto(site_url)
    page.keyboard.press("/")
    page.fill(".md-search__input", query)
    # Material reads the field on keyup (fill sends none): without a key the query is lost if the
    # search became ready before the fill.
    page.press(".md-search__input", "End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


@pytest.mark.parametrize("query, expected", [
    ("vertaisvoima", "ilmiot/vertaisvoima/"),
    ("resilienssi", "ilmiot/resilienssi/"),
    ("verkostot", "malli/verkostot/"),
    ("saavutettavuus", "saavutettavuusseloste/"),
])
def test_search_box_finds_the_page_about_a_key_word(page, site_url, query, expected):
    results = search(page, site_url, query)
    assert any(urlsplit(r).path == "/tyopeili/" + expected for r in results[:5]), results[:5]


def test_search_result_count_is_in_finnish(page, site_url):
    search(page, site_url, "vertaisvoima")
    meta = page.inner_text(".md-search-result__meta")
    assert meta.endswith("hakutulosta") or meta == "1 hakutulos", meta


# What search loads: the index, Material's worker and ours, the Lunr.js language files.
SEARCH_FILES = re.compile(r"/search/search_index\.json$|/javascripts/workers/|/javascripts/lunr/")


@pytest.mark.parametrize("first_use", ["slash key", "search icon"])
def test_search_loads_on_first_use_and_then_answers(browser, site_url, first_use):
    """A page loads no part of the search until the reader turns to it: "/" or the search icon on a
    phone (each focuses the search box)."""
    phone = first_use == "search icon"
    context = browser.new_context(locale="fi-FI", **({"viewport": {"width": 400, "height": 800}} if phone else {}))
    page = context.new_page()
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url) if SEARCH_FILES.search(r.url) else None)
    try:
        page.goto(site_url + "malli/", wait_until="networkidle")
        assert loaded == []
        if phone:
            page.click(".md-header label[for=__search]")
        else:
            page.keyboard.press("/")
        page.keyboard.type("resilienssin")
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item")
        first = page.get_attribute(".md-search-result__item > a", "href")
        assert urlsplit(first).path.endswith("/ilmiot/resilienssi/"), first
        assert any(url.endswith("/search/search_index.json") for url in loaded)
    finally:
        context.close()


def test_colour_scheme_follows_the_system_setting_as_it_changes(page, site_url):
    page.emulate_media(color_scheme="light")
    page.goto(site_url)
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert page.get_attribute("html", "data-md-color-scheme") == "default"
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("() => document.documentElement.dataset.mdColorScheme === 'slate'")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != light


def test_model_figure_parts_are_links_a_keyboard_reaches(page, site_url):
    page.goto(site_url + "malli/")
    links = page.locator("figure.tp-model svg a")
    assert links.count() == 7
    name = page.evaluate("document.querySelector('figure.tp-model svg').getAttribute('aria-labelledby')")
    assert name == "tp-model-title tp-model-desc"
    # Tab from the top of the page until focus is on the figure's first link, then follow it.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('figure.tp-model')"):
            break
    else:
        pytest.fail("the keyboard never reached the model figure")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site_url + "malli/" + target
