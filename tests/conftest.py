"""Shared fixtures: one strict build of the site, a static server under a sub-path, and Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUBPATH = "/tyopeili/"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def build_site(dest: Path, config: Path | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the strict build as `make build` does; returns the finished process."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)]
    if config is not None:
        cmd += ["--config-file", str(config)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of the real data/ that a test may break; returns the project root of the copy."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def load_error(root: Path, docs_dir: str | None = None) -> str:
    """The one-line message with which loading the data under `root` fails."""
    from handbook import data
    from handbook.errors import HandbookError

    with pytest.raises(HandbookError) as caught:
        data.load(root, docs_dir=docs_dir)
    message = str(caught.value)
    assert "\n" not in message, "an error is one line"
    return message


def assert_message(message: str, expected: str) -> None:
    """An expected message ending in "(known: " only fixes the start: the list of known ids grows."""
    if expected.endswith("(known: "):
        assert message.startswith(expected)
    else:
        assert message == expected


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("site")
    done = build_site(dest)
    assert done.returncode == 0, done.stderr[-3000:]
    return dest


def html_pages(site: Path) -> list[str]:
    """Every page of the built site as a URL path relative to the site root."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site only under SUBPATH, like the publisher's web server; anything else is 404."""

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(SUBPATH):
            return str(Path(self.directory) / "__outside_subpath__")
        return super().translate_path("/" + clean[len(SUBPATH):])

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(site_dir) -> str:
    """Base URL of the built site, served on 127.0.0.1 under the sub-path /tyopeili/."""
    handler = functools.partial(_SubpathHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{SUBPATH}"
    server.shutdown()


def chromium_path() -> str | None:
    """Debian's Chromium, or a browser named by CHROMIUM_PATH; None lets Playwright use its own."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    yield page
    context.close()


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations on the loaded page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = "; ".join(", ".join(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {targets}")
    return "\n".join(lines)
