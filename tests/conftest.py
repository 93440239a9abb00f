"""Shared fixtures and helpers: builds of the real site and of the fixture handbook, copies of the
project to break, a static server under a sub-path, and Chromium.

The real site's tests take their expectations from its data; behaviour (macros, errors, search,
print) is tested on the small fixture handbook in tests/fixtures/handbook, which uses the real
handbook package, hooks, macros and overrides with pages and data of its own.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

import pytest

from handbook.voices import PROPOSAL_CLASS

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "handbook"
SUBPATH = "/tyopeili/"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
# What a copy of the project leaves out: installs, builds, history, caches.
NOT_COPIED = (".venv", "node_modules", "site", "dist", "build", ".git", "__pycache__", ".pytest_cache")
# Test modules that need a web server, make or root: they run in the full suite (make test) only.
FULL_SUITE_MODULES = {"test_nginx.py", "test_release.py"}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if item.path.name in FULL_SUITE_MODULES:
            item.add_marker(pytest.mark.full)


# --- building ------------------------------------------------------------------------------------

def build_site(dest: Path, cwd: Path = ROOT, config: Path | None = None,
               env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the strict build as `make build` does, in the project at `cwd`; returns the finished process."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)]
    if config is not None:
        cmd += ["--config-file", str(config)]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


def error_lines(log: str) -> list[str]:
    """The ERROR lines of a build log, without MkDocs' own "Error reading page 'x':" context line."""
    lines = [re.sub(r"^ERROR\s+-\s+", "", line) for line in log.splitlines() if line.startswith("ERROR")]
    return [line for line in lines if not (line.startswith("Error reading page") and line.endswith(":"))]


def failed_build(project: Path) -> list[str]:
    """Build the project, which must fail without a traceback; returns its error lines."""
    done = build_site(project / "site-out", cwd=project)
    log = done.stdout + done.stderr
    assert done.returncode != 0, "the build must fail"
    assert "Traceback" not in log, log[-3000:]
    return error_lines(log)


def copy_project(dest: Path, tests: bool = False, committed: bool = False) -> Path:
    """A copy of the project (without installs and builds) that a test may change; without git history,
    or `committed` as an editor's clone with one commit."""
    ignored = NOT_COPIED if tests else (*NOT_COPIED, "tests")
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*ignored))
    if committed:
        env = {"GIT_AUTHOR_NAME": "Toimittaja", "GIT_AUTHOR_EMAIL": "toimittaja@example.org",
               "GIT_COMMITTER_NAME": "Toimittaja", "GIT_COMMITTER_EMAIL": "toimittaja@example.org",
               "HOME": str(dest), "PATH": "/usr/bin:/bin"}
        for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "Käsikirja"]):
            subprocess.run(["git", *args], cwd=dest, env=env, check=True, capture_output=True)
    return dest


def fixture_handbook(dest: Path) -> Path:
    """A copy of the fixture handbook at `dest`, with the real site's assets, that a test may change."""
    shutil.copytree(FIXTURE, dest)
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets")
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../../", f"{ROOT}/"), encoding="utf-8")
    return dest


def built(project: Path, dest: Path) -> Path:
    """Build the project strictly into `dest`, which must succeed; the log is kept beside it (<dest>.log)."""
    done = build_site(dest, cwd=project)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    dest.with_name(dest.name + ".log").write_text(done.stdout + done.stderr, encoding="utf-8")
    return dest


def make(targets: str, build_dir: Path, project: Path = ROOT, clock: str | None = None,
         env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `make targets` in the project with the real installs, archives going to build_dir/dist."""
    clean = {k: v for k, v in os.environ.items()
             if k not in ("SOURCE_DATE_EPOCH", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    command = ["make", "-s", *targets.split(), f"VENV={ROOT / '.venv'}", f"BUILD_DIR={build_dir}",
               f"DIST_DIR={build_dir / 'dist'}", f"SITE_DIR={build_dir / 'site'}"]
    if clock:
        command = ["faketime", clock, *command]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env={**clean, **(env or {})})


@pytest.fixture(scope="session")
def release_builds(tmp_path_factory) -> tuple[Path, Path]:
    """`make dist offline` twice, the second time with the clock set back to 2001 and without
    SOURCE_DATE_EPOCH (faketime), so that any date taken from the clock shows; returns both dist/."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    first, second = tmp_path_factory.mktemp("build-a"), tmp_path_factory.mktemp("build-b")
    done = make("dist offline", first)
    assert done.returncode == 0, done.stdout + done.stderr
    clock = "2001-02-03 04:05:06" if shutil.which("faketime") else None
    done = make("dist offline", second, clock=clock)
    assert done.returncode == 0, done.stdout + done.stderr
    return first / "dist", second / "dist"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real site, strictly built once per run (`make check` builds it first and passes TYOPEILI_SITE)."""
    prebuilt = os.environ.get("TYOPEILI_SITE")
    if prebuilt:
        return Path(prebuilt).resolve()
    return built(ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def hb():
    """The fixture handbook's data, loaded once per test module (a module may change it)."""
    from handbook import data

    return data.load(FIXTURE, docs_dir=None)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture handbook, strictly built once per run."""
    project = fixture_handbook(tmp_path_factory.mktemp("fixture") / "handbook")
    return built(project, project / "site")


@pytest.fixture
def fixture_project(tmp_path) -> Path:
    """A fresh copy of the fixture handbook to change and build."""
    return fixture_handbook(tmp_path / "handbook")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of the fixture handbook's data/ that a test may break; returns the root of the copy."""
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    return tmp_path


@functools.cache
def known(kind: str) -> str:
    """'(known: …)' as a message lists the fixture handbook's ids of one kind: quotes, references,
    elements (model elements and phenomena), terms, meetings or worksheets."""
    from handbook import data

    hb = data.load(FIXTURE, docs_dir=None)
    entries = {
        "quotes": [q.id for q in hb.quotes.quotes], "references": [r.key for r in hb.references.references],
        "elements": [e.id for e in hb.model_elements], "terms": [t.id for t in hb.glossary.terms],
        "meetings": [m.id for m in hb.meetings.meetings], "worksheets": [w.id for w in hb.worksheets.worksheets],
    }[kind]
    return f"(known: {', '.join(sorted(entries))})"


def load_error(root: Path, docs_dir: str | None = None) -> str:
    """The one-line message with which loading the data under `root` fails."""
    from handbook import data
    from handbook.errors import HandbookError

    with pytest.raises(HandbookError) as caught:
        data.load(root, docs_dir=docs_dir)
    message = str(caught.value)
    assert "\n" not in message, "an error is one line"
    return message


@pytest.fixture(scope="session")
def page_macros():
    """The pages' macros of the fixture handbook, as the build renders its pages with them."""
    from handbook import data
    from handbook.pages import PageMacros

    extra = {**fixture_extra(), "publisher": {"name": "SAMK <b>", "url": "https://www.samk.fi/"}}
    site = {"site_url": "https://foorumix.fi/tyopeili/", "extra": extra}
    return PageMacros(data.load(FIXTURE), FIXTURE / "docs", "docs", site)


def fixture_extra() -> dict:
    """The fixture handbook's `extra` of mkdocs.yml as its build sees it: its own contact and permission
    to copy over what it inherits from the real site's (the publisher)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    inherited = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["extra"]
    own = yaml.load((FIXTURE / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["extra"]
    return {**inherited, **own}


def render_page(page_macros, source: str, src: str = "sivu.md") -> str:
    """Render a page's source (front matter and Markdown) as the build does, with the build's own
    variables passed and ignored; the page's first mistake raises HandbookError with its one line."""
    markdown = re.sub(r"\A---[ \t]*\n.*?\n---[ \t]*\n", "", source, flags=re.S)
    page_macros.begin(src, src[: -len(".md")] + "/", markdown, source)
    out = page_macros.environment.from_string(markdown).render(config={"secret": "MkDocs"}, page=object())
    page_macros.finish()
    return out


class _Sections(HTMLParser):
    """The h2 headings of a piece of HTML, each with whether it stands inside a proposal block."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[bool] = []
        self.headings: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "div":
            self.open.append(PROPOSAL_CLASS in (dict(attrs).get("class") or "").split())
        elif tag == "h2":
            self.headings.append((dict(attrs).get("id") or "", any(self.open)))

    def handle_endtag(self, tag):
        if tag == "div":
            self.open.pop()


def sections(html: str) -> list[tuple[str, bool]]:
    """(id, in a proposal block) of every h2 heading in the HTML, in order."""
    parser = _Sections()
    parser.feed(html)
    return parser.headings


def rewrite(path: Path, change) -> None:
    """Load a data file, let `change` change the parsed data in place, and write it back."""
    import yaml

    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a file, which must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def page_using(macro: str) -> str:
    """The page (relative to docs/) whose source calls the macro most often: a page of that kind."""
    docs = ROOT / "docs"
    calls = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8").count("{{ " + macro + "(")
             for p in sorted(docs.rglob("*.md"))}
    return max(calls, key=calls.get)


def html_pages(site: Path) -> list[str]:
    """Every page of the built site as a URL path relative to the site root."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def page_file(site: Path, page: str) -> Path:
    """The file of a page given as html_pages() names it."""
    return site / (page + "index.html" if page.endswith("/") or page == "" else page)


# --- serving and the browser -----------------------------------------------------------------------

class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site only under SUBPATH, like the publisher's web server; anything else is 404."""

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(SUBPATH):
            return str(Path(self.directory) / "__outside_subpath__")
        return super().translate_path("/" + clean[len(SUBPATH):])

    def log_message(self, *args) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The built site on 127.0.0.1 under the sub-path /tyopeili/; yields its base URL."""
    handler = functools.partial(_SubpathHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{SUBPATH}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(site_dir) -> Iterator[str]:
    with served(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def fixture_url(fixture_site) -> Iterator[str]:
    with served(fixture_site) as url:
        yield url


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
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = "; ".join(", ".join(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {targets}")
    return "\n".join(lines)
