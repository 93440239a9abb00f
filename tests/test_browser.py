"""The site in Debian's Chromium: accessible in both colour schemes, private, working under a sub-path.

One pass over every page of the real site records what the page-level checks need: each page is
loaded once, checked with axe-core in one colour scheme, switched with the scheme toggle and checked
in the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT, describe_violations, html_pages, page_file, run_axe
from handbook import data

pytestmark = pytest.mark.browser
SCHEMES = {"default": "light", "slate": "dark"}


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
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    pages: dict[str, Visit] = {}
    try:
        for path in html_pages(site_dir):
            visit = pages[path] = Visit(page.goto(site_url + path).status)
            visit.header_position = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
            visit.assets = page.eval_on_selector_all("link[rel=stylesheet], script[src]",
                                                     "els => els.map(e => e.href || e.src)")
            for _ in SCHEMES:
                scheme = page.get_attribute("body", "data-md-color-scheme")
                visit.violations[SCHEMES[scheme]] = describe_violations(run_axe(page))
                # The toggle as a script clicks it: a mouse over it would show its tooltip to axe.
                page.eval_on_selector("label[for^='__palette']:visible", "label => label.click()")
                page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') !== s", arg=scheme)
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
