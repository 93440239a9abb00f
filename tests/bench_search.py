"""Benchmark of the Finnish search against Material's own search of the same site.

    from tests.bench_search import material_baseline, measure
    baseline = material_baseline(site_dir, tmp / "material")   # or any other build to compare with
    print(measure(site_dir, baseline))

`measure` returns index sizes (bytes and gzip), the time from the search box's first focus on a
loaded page to the results of a query (loading the search, if it waits for its first use, and
answering), and the time from the last keystroke of a long query to its results, for both sites, in
Chromium; `recall` returns the share of tests/search_queries.yml each site answers right, and where
the expected pages come in the results (first, among the first three or five, mean reciprocal rank).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import shutil
import statistics
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import searchbox  # noqa: E402
from conftest import CHROMIUM_ARGS, SUBPATH, _SubpathHandler, chromium_path  # noqa: E402

QUERIES = Path(__file__).resolve().parent / "search_queries.yml"
LONG_QUERY = "miten ohjaajakoulutuksen jälkeen kokoan yrittäjien vertaistukiryhmän ensimmäiseen tapaamiseen"
FIRST_QUERY = "resilienssi"
# The site's script file: it makes the search wait for its first use (overrides/main.html); its other
# scripts (print button, meeting filter) have nothing to do with search.
SITE_SCRIPT = re.compile(r'<script src="[^"]*assets/javascripts/site\.[0-9a-f]{8}\.min\.js"></script>')
# Material's word separator for Finnish (its fi strings have none; English's applies).
MATERIAL_SEPARATOR = r"[\s\-]+"
RUNS = 5


def material_baseline(site_dir: Path, dest: Path) -> Path:
    """A copy of a built site that searches as Material does: its own worker, separator and index,
    loaded with the page."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(site_dir, dest)
    for page in dest.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        material = SITE_SCRIPT.sub("", html.replace("workers/search-fi.js#search.", "workers/search."))
        if material != html:
            page.write_text(material, encoding="utf-8")
    index_file = dest / "search" / "search_index.json"
    data = json.loads(index_file.read_text(encoding="utf-8"))
    data["config"].pop("fi", None)
    data["config"]["separator"] = MATERIAL_SEPARATOR
    text = json.dumps(data, separators=(",", ":"))
    index_file.write_text(text, encoding="utf-8")
    inline = dest / "search" / "search_index.js"
    if inline.exists():
        inline.write_text(f"var __index = {text}", encoding="utf-8")
    return dest


@contextmanager
def served(site_dir: Path) -> Iterator[str]:
    """The site on 127.0.0.1 under the sub-path, as the tests serve it."""
    handler = functools.partial(_SubpathHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{SUBPATH}"
    finally:
        server.shutdown()


@contextmanager
def chromium() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def index_size(site_dir: Path) -> dict:
    data = (site_dir / "search" / "search_index.json").read_bytes()
    return {"bytes": len(data), "gzip": len(gzip.compress(data, 9))}


def _timings(browser, url: str) -> dict:
    first, answers = [], []
    for _ in range(RUNS):
        context = browser.new_context(locale="fi-FI")
        page = context.new_page()
        searchbox.open_site(page, url)
        page.wait_for_load_state("networkidle")
        first.append(searchbox.first_use(page, FIRST_QUERY))
        answers.append(searchbox.timed_query(page, LONG_QUERY) * 1000)
        context.close()
    return {
        "first_focus_to_results_ms": round(statistics.median(first)),
        "keystroke_to_results_ms": round(statistics.median(answers), 1),
    }


def measure(site_dir: Path, baseline_site_dir: Path) -> dict:
    """Index sizes and search timings of the site and of the baseline, medians of a few runs each."""
    result = {"query": LONG_QUERY, "runs": RUNS, "finnish": index_size(site_dir), "material": index_size(baseline_site_dir)}
    with chromium() as browser:
        for name, site in (("finnish", site_dir), ("material", baseline_site_dir)):
            with served(site) as url:
                result[name].update(_timings(browser, url))
    result["index_ratio"] = round(result["finnish"]["bytes"] / result["material"]["bytes"], 2)
    result["index_ratio_gzip"] = round(result["finnish"]["gzip"] / result["material"]["gzip"], 2)
    return result


def queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def rank(pages: list[str], query: dict) -> int | None:
    """Where the expected page comes in the results, from 1; None when it is not there."""
    return pages.index(query["page"]) + 1 if query["page"] in pages else None


def passes(pages: list[str], query: dict) -> bool:
    """The expected page is among the first `within` results (1, 3 or 5)."""
    found = rank(pages, query)
    return found is not None and found <= query["within"]


def recall(site_dir: Path) -> dict:
    """Share of the query set the site's search answers right, the queries it misses, and the ranks of
    the expected pages: how many come first, among the first three, among the first five, and the mean
    reciprocal rank (1 when every page comes first, 0 when none is found)."""
    missed, ranks = [], []
    with chromium() as browser, served(site_dir) as url:
        context = browser.new_context(locale="fi-FI")
        page = context.new_page()
        searchbox.open_site(page, url)
        for query in queries():
            searchbox.type_query(page, query["query"])
            pages = searchbox.result_pages(page, url)
            ranks.append(rank(pages, query))
            if not passes(pages, query):
                missed.append(query["query"])
        context.close()
    total = len(ranks)
    return {
        "recall": round((total - len(missed)) / total, 3), "queries": total, "missed": missed,
        "first": sum(r == 1 for r in ranks), "top3": sum(r is not None and r <= 3 for r in ranks),
        "top5": sum(r is not None and r <= 5 for r in ranks),
        "mrr": round(sum(1 / r for r in ranks if r) / total, 3),
    }


if __name__ == "__main__":
    import tempfile

    site = Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        baseline = material_baseline(site, Path(tmp) / "material")
        report = measure(site, baseline)
        if "--recall" in sys.argv:
            report["finnish"].update(recall(site))
            report["material"].update(recall(baseline))
        print(json.dumps(report, indent=2, ensure_ascii=False))
