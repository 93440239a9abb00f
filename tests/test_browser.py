"""The site in Debian's Chromium: accessible in both colour schemes, private, working under a sub-path.

One pass over every page of the real site records what the page-level checks need: each page is
loaded once, checked with axe-core in the light colour scheme, switched to the dark one by the
system's setting (the page follows it) and checked again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT, describe_violations, html_pages, page_file, run_axe
from handbook import data
from handbook.render import page_url

pytestmark = pytest.mark.browser
# Material's names of the colour schemes, which the page takes from the system's setting.
SCHEMES = {"light": "default", "dark": "slate"}


@dataclass
class Visit:
    status: int
    header_position: str = ""
    assets: list[str] = field(default_factory=list)
    violations: dict[str, str] = field(default_factory=dict)  # scheme → axe's violations, described
    cookie: str = ""


@pytest.fixture(scope="module")
def visits(browser, site_dir, site_url) -> dict:
    """Every page visited once; also the requests that left the origin or failed, and the cookies."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    context = browser.new_context(locale="fi-FI", color_scheme="light")
    page = context.new_page()
    outside, failed = [], []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((origin, "data:", "blob:")) else None)
    # ERR_ABORTED: the next page was opened before the favicon had loaded (a missing file is a 404).
    page.on("requestfailed", lambda r: failed.append(r.url) if r.failure != "net::ERR_ABORTED" else None)
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    pages: dict[str, Visit] = {}
    try:
        for path in html_pages(site_dir):
            visit = pages[path] = Visit(page.goto(site_url + path).status)
            visit.header_position = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
            visit.assets = page.eval_on_selector_all("link[rel=stylesheet], script[src]",
                                                     "els => els.map(e => e.href || e.src)")
            for scheme, material in SCHEMES.items():
                # The page follows the system's setting, also when it changes while the page is open.
                page.emulate_media(color_scheme=scheme)
                page.wait_for_function("s => document.documentElement.dataset.mdColorScheme === s", arg=material)
                # Material's colours change with a short transition: axe reads them once it has ended.
                page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
                visit.violations[scheme] = describe_violations(run_axe(page))
            page.emulate_media(color_scheme="light")
            page.wait_for_load_state("networkidle")
            visit.cookie = page.evaluate("document.cookie")
        cookies = context.cookies()
    finally:
        context.close()
    return {"pages": pages, "outside": outside, "failed": failed, "cookies": cookies}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_on_any_page(visits, scheme):
    found = {path or "index": v.violations[scheme] for path, v in visits["pages"].items() if v.violations[scheme]}
    assert not found, "\n".join(f"{p}:\n{v}" for p, v in found.items())


def test_no_request_leaves_the_origin_no_request_fails_and_no_cookie_is_set(visits):
    assert not visits["outside"], visits["outside"]
    assert not visits["failed"], visits["failed"]
    assert visits["cookies"] == [] and not [p for p, v in visits["pages"].items() if v.cookie]


def test_every_page_works_under_the_sub_path(visits):
    """Served at /tyopeili/ like on foorumix.fi: styles, scripts and links resolve below the sub-path."""
    for path, visit in visits["pages"].items():
        if path == "404.html":
            continue
        assert visit.status == 200, path
        assert visit.header_position == "sticky", path
        assert visit.assets and all(urlsplit(a).path.startswith("/tyopeili/") for a in visit.assets), path


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
        page.goto(site_url, wait_until="networkidle")
        assert loaded == []
        if phone:
            page.click(".md-header label[for=__search]")
        else:
            page.keyboard.press("/")
        phenomenon = data.load(ROOT, docs_dir=None).model.phenomena[0]
        page.keyboard.type(phenomenon.title.lower())
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item")
        first = page.get_attribute(".md-search-result__item > a", "href")
        assert urlsplit(first).path.endswith("/" + page_url(phenomenon.page)), first
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


def test_model_figure_parts_are_links_a_keyboard_reaches(page, site_dir, site_url):
    path = next(p for p in html_pages(site_dir) if p != "print_page/"
                and '<figure class="tp-model">' in page_file(site_dir, p).read_text(encoding="utf-8"))
    page.goto(site_url + path)
    model = data.load(ROOT, docs_dir=None).model
    links = page.locator("figure.tp-model svg a")
    assert links.count() == 1 + len(model.parts) + len(model.other_parts)
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
    assert page.url == urljoin(site_url + path, target)
