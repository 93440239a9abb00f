"""What the published pages tell about themselves: last change from git, link previews, sitemap, robots.txt."""

from __future__ import annotations

import html
import inspect
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT
from handbook import page_dates
from handbook.pages import MACROS
from handbook.render import page_url

def heading(page: str) -> str:
    """The text of a page's <h1>, without the permalink Material adds to it."""
    h1 = re.search(r"<h1\b[^>]*>(.*?)</h1>", page, re.S).group(1)
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", h1, flags=re.S))).strip()


CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
SITE_URL = CONFIG["site_url"]


def _nav_titles(entries) -> dict[str, str]:
    """The title the navigation gives each page ({"Otsikko": "sivu.md"}); MkDocs names the page so."""
    titles = {}
    for entry in entries:
        if isinstance(entry, dict):
            for title, target in entry.items():
                titles.update(_nav_titles(target) if isinstance(target, list) else {target: title})
    return titles


NAV_TITLES = _nav_titles(CONFIG.get("nav", []))
DOCS = ROOT / "docs"
SOURCES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


def built(site_dir: Path, src: str) -> str:
    return (site_dir / page_url(src) / "index.html").read_text(encoding="utf-8")


def meta(page: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def front_matter_description(src: str) -> str:
    text = (DOCS / src).read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert match, f"docs/{src}: no front matter"
    return yaml.safe_load(match.group(1))["description"]


@pytest.fixture(scope="module")
def history():
    return page_dates.history(ROOT, "docs", "data")


def expected_date(history, src: str):
    changed = page_dates.page_changed(history, f"docs/{src}", (DOCS / src).read_text(encoding="utf-8"))
    return page_dates.local_date(changed)


@pytest.mark.parametrize("src", SOURCES)
def test_page_carries_its_description_and_open_graph_metadata(site_dir, src):
    page = built(site_dir, src)
    description = front_matter_description(src)
    url = SITE_URL + page_url(src)
    assert meta(page, "name", "description") == description
    assert meta(page, "property", "og:description") == description
    assert meta(page, "property", "og:url") == url
    assert f'<link rel="canonical" href="{url}">' in page
    assert meta(page, "property", "og:locale") == "fi_FI"
    assert meta(page, "property", "og:site_name") == CONFIG["site_name"]
    assert meta(page, "property", "og:type") == ("website" if src == "index.md" else "article")
    title = meta(page, "property", "og:title")
    expected = CONFIG["site_name"] if src == "index.md" else NAV_TITLES.get(src) or heading(page)
    assert title and title == expected
    if src != "index.md":
        assert f"<title>{html.escape(title, quote=False)} - {CONFIG['site_name']}</title>" in page


@pytest.mark.parametrize("src", SOURCES)
def test_page_ends_with_its_last_change_from_git_in_finnish(site_dir, history, src):
    page = built(site_dir, src)
    article = page[page.index("<article"):page.index("</article>")]
    date = expected_date(history, src)
    line = f'<p class="tp-updated">Päivitetty <time datetime="{date.isoformat()}">{date.day}.{date.month}.{date.year}</time></p>'
    assert article.rstrip().endswith(line), article[-300:]


def test_sitemap_lists_every_page_under_the_sub_path_dated_by_git(site_dir, history):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    entries = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in root.findall("s:url", ns)}
    for src in SOURCES:
        assert entries[SITE_URL + page_url(src)] == expected_date(history, src).isoformat(), src
    assert all(loc.startswith(SITE_URL) for loc in entries)


def test_robots_txt_points_to_the_sitemap_under_the_sub_path(site_dir):
    lines = (site_dir / "robots.txt").read_text(encoding="utf-8").splitlines()
    rules = [line for line in lines if line and not line.startswith("#")]
    assert rules == ["User-agent: *", f"Allow: {urlsplit(SITE_URL).path}", f"Sitemap: {SITE_URL}sitemap.xml"]


def test_every_macro_is_a_renderer_method_that_reads_data_files_that_exist():
    """MACROS is the one list of macros: the glue registers it, page dates follow the data it names."""
    from handbook.models import FILE_MODELS
    from handbook.render import Renderer

    for name, files in MACROS.items():
        method = getattr(Renderer, name, None)
        assert callable(method), name
        assert set(files) <= set(FILE_MODELS), name
        # A macro that reads no data file shows the site's configuration (mkdocs.yml extra).
        assert files or "self._settings()" in inspect.getsource(method), name


def test_a_page_depends_on_the_data_its_macros_and_variables_read():
    markdown = "# Otsikko\n\n{{ meeting('vuosikello') }}\n\nLuku {{ facts.pilot.groups }} {{ cite('brusin-2014') }}"
    assert page_dates.data_read_by(markdown) == sorted(
        {f"data/{name}.yml" for name in ("facts", *MACROS["meeting"], *MACROS["cite"])})
    # {{ season.… }} shows data/season.yml, and the meetings' lengths of data/meetings.yml.
    assert page_dates.data_read_by("Tapaa {{ season.rhythm }}.") == ["data/meetings.yml", "data/season.yml"]
    assert page_dates.data_read_by("{{ contact() }}") == []
    assert page_dates.data_read_by("Ei makroja, vain tekstiä (ja sulkeita).") == []


def git(repo: Path, *args: str, when: int | None = None) -> str:
    env = {"GIT_AUTHOR_NAME": "Toimittaja", "GIT_AUTHOR_EMAIL": "toimittaja@example.org",
           "GIT_COMMITTER_NAME": "Toimittaja", "GIT_COMMITTER_EMAIL": "toimittaja@example.org",
           "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} +0000"
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def test_dates_come_from_git_and_a_shallow_clone_falls_back_to_the_last_commit(tmp_path):
    """A page last changed before a shallow clone's oldest commit is dated by the last commit, never the clock."""
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    dates = {"vanha.md": 1_600_000_000, "keski.md": 1_650_000_000, "uusi.md": 1_700_000_000}
    for name, when in dates.items():
        (repo / "docs" / name).write_text(f"# {name}\n", encoding="utf-8")
        git(repo, "add", ".")
        git(repo, "commit", "-q", "-m", name, when=when)
    (repo / "docs" / "vanha.md").write_text("# muutettu, ei vielä tallennettu\n", encoding="utf-8")

    full = page_dates.history(repo, "docs")
    assert (full.head, full.shallow) == (dates["uusi.md"], False)
    assert {name: full.changed(f"docs/{name}") for name in dates} == dates
    assert full.changed("docs/uutta-ei-tallennettu.md") == dates["uusi.md"]

    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", repo.as_uri(), str(clone))
    shallow = page_dates.history(clone, "docs")
    assert shallow.shallow
    # keski.md was last changed in the clone's oldest commit: its true date may be older still.
    assert {name: shallow.changed(f"docs/{name}") for name in dates} == {
        "vanha.md": dates["uusi.md"], "keski.md": dates["uusi.md"], "uusi.md": dates["uusi.md"]}

    assert page_dates.history(tmp_path / "not-a-repository").head is None
    assert page_dates.local_date(dates["uusi.md"]).isoformat() == "2023-11-15"
