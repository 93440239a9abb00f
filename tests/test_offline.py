"""The offline copy (`make offline`): unzipped and opened from the file system, with no network.

A trainer in a classroom opens index.html from the unzipped folder: every page and its styles load
from file://, links lead to files that exist, and the search answers, Finnish inflections included.
"""

from __future__ import annotations

import re
import zipfile
from html import unescape as html_unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT
from searchbox import type_query

pytestmark = [pytest.mark.browser, pytest.mark.full]
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"


@pytest.fixture(scope="module")
def offline_copy(release_builds, tmp_path_factory) -> Path:
    """The unzipped offline copy of `make offline` (the build the reproducibility test makes): the folder
    holding index.html."""
    archive = next(release_builds[0].glob("tyopeili-kasikirja-offline-*.zip"))
    unpacked = tmp_path_factory.mktemp("offline") / "unpacked"
    with zipfile.ZipFile(archive) as z:
        z.extractall(unpacked)
    (folder,) = unpacked.iterdir()
    return folder


def pages(copy: Path) -> list[Path]:
    return sorted(p for p in copy.rglob("*.html") if not p.relative_to(copy).as_posix().startswith("assets/"))


@pytest.fixture
def offline_page(browser):
    """A page that may load file:// only: any http(s) request is refused and recorded."""
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    page.problems = []
    context.route(re.compile(r"^https?://"), lambda route: (page.problems.append(f"network: {route.request.url}"), route.abort()))
    page.on("console", lambda m: page.problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: page.problems.append(f"script error: {e}"))
    # ERR_ABORTED: the next page was opened before the favicon had loaded, not a missing file.
    page.on("requestfailed", lambda r: page.problems.append(f"failed: {r.url} {r.failure}") if r.failure != "net::ERR_ABORTED" else None)
    yield page
    context.close()


def search(page, query: str) -> list[str]:
    type_query(page, query)
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")


def test_the_offline_copy_needs_no_cdn_and_ships_the_worker_shim(offline_copy):
    for path in pages(offline_copy):
        assert "unpkg.com" not in path.read_text(encoding="utf-8"), path
    assert (offline_copy / "assets" / "javascripts" / "iframe-worker.js").read_bytes() == SHIM.read_bytes()
    assert (offline_copy / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = {")


def test_every_link_of_the_offline_copy_leads_to_a_file_that_exists(offline_copy):
    missing = []
    for path in pages(offline_copy):
        html = path.read_text(encoding="utf-8")
        for url in (html_unescape(u).split("#")[0].split("?")[0] for u in re.findall(r'(?:href|src)="([^"]+)"', html)):
            if not url or re.match(r"^[a-z]+:|^//", url):
                continue
            target = (path.parent / unquote(url)).resolve()
            if not target.is_file():
                missing.append(f"{path.relative_to(offline_copy)}: {url}")
    assert not missing, "\n".join(missing[:20])


def test_every_page_opens_from_the_file_system_styled(offline_page, offline_copy):
    for path in pages(offline_copy):
        offline_page.goto(path.as_uri())
        assert offline_page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", path
    assert not offline_page.problems, "\n".join(offline_page.problems)


def test_search_works_from_the_file_system(offline_page, offline_copy):
    offline_page.goto((offline_copy / "index.html").as_uri())
    results = search(offline_page, "vertaisvoima")
    assert any(urlsplit(r).path.endswith("/ilmiot/vertaisvoima.html") for r in results), results
    # An inflected form finds the page too: the Finnish search vocabulary travels in search_index.js.
    results = search(offline_page, "vertaisvoimasta")
    assert any(urlsplit(r).path.endswith("/ilmiot/vertaisvoima.html") for r in results), results
    # A typo is forgiven, and a search that finds nothing offers the nearest word: the worker's answer
    # carries it through the shim.
    results = search(offline_page, "vertasivoima")
    assert any(urlsplit(r).path.endswith("/ilmiot/vertaisvoima.html") for r in results), results
    field = offline_page.locator("input[data-md-component=search-query]")
    field.fill("ohjajakolutus")
    field.press("End")
    assert offline_page.locator(".tp-search-hint button").inner_text(timeout=30_000) == "ohjaajakoulutus"
    search(offline_page, "vertaisvoimasta")
    offline_page.click(".md-search-result__item > a[href*='ilmiot/vertaisvoima.html']")
    offline_page.wait_for_load_state()
    assert urlsplit(offline_page.url).scheme == "file"
    assert offline_page.inner_text("h1").rstrip("#") == "Vertaisvoima"
    assert not offline_page.problems, "\n".join(offline_page.problems)
