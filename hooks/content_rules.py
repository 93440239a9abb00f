"""The content rules the build checks on pages, and what keeps an edit from publishing unsafely.

Each problem fails the build with one line that names the page (or mkdocs.yml) and the problem;
`make serve` shows it. The rules themselves are in `handbook/rules.py`. Here:
- the navigation lists every page once (MkDocs itself reports a page missing from it);
- no symbolic link under docs/: it could publish any file of the machine that builds the site;
- every page has a description; the texts Material writes into pages as they are (a page's
  description and title, the site's name, description and copyright line) are escaped;
- a model element or phenomenon page follows the rules of `handbook.rules.check_element_page`;
- links and anchors written in HTML (by macros or by hand) lead somewhere: MkDocs checks Markdown
  links only;
- every page an editor writes is in the search index.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from project import handbook_root, one_line, shown

from handbook import data, rules
from handbook.errors import quoted
from handbook.render import SOURCE_ARTICLE

HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')
ID = re.compile(r'\sid="([^"]*)"')
# Texts of mkdocs.yml that Material writes into pages unescaped.
SITE_TEXTS = ("site_name", "site_description", "copyright")
_pages: list[Page] = []
_handbook: list[data.Handbook] = []


def nav_pages(item) -> list[str]:
    """The Markdown files a `nav:` entry lists, in order (links to other sites are not pages)."""
    if isinstance(item, str):
        return [item] if item.endswith(".md") else []
    if isinstance(item, dict):
        return [p for value in item.values() for p in nav_pages(value)]
    if isinstance(item, list):
        return [p for value in item for p in nav_pages(value)]
    return []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    twice = [page for page, count in Counter(nav_pages(config.nav or [])).items() if count > 1]
    if twice:
        raise PluginError(f"mkdocs.yml: nav: {quoted(twice[0])} is listed twice (list each page once)")
    for name in SITE_TEXTS:
        if isinstance(config[name], str):
            config[name] = escape(config[name])
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    with one_line():
        _handbook[:] = [data.load(handbook_root(config), docs_dir=None)]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    docs = Path(config.docs_dir)
    for file in files:
        if file.abs_src_path is None or not Path(file.abs_src_path).is_relative_to(docs):
            continue
        path = docs
        for part in Path(file.src_path).parts:
            path = path / part
            if path.is_symlink():
                raise PluginError(
                    f"{shown(config, Path(file.src_path).as_posix())}: a symbolic link ({quoted(part)}) is not "
                    "published: copy the file into docs/ instead"
                )
    return files


@event_priority(-100)  # after every plugin has read the page's front matter
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.abs_src_path is not None:
        with one_line():
            rules.check_description(shown(config, page.file.src_path), page.meta)
    # Material writes these into the page unescaped; Markup is not escaped twice.
    for name in ("description", "title"):
        if isinstance(page.meta.get(name), str):
            page.meta[name] = escape(page.meta[name])
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    (hb,) = _handbook
    element = {e.page: e for e in hb.model_elements}.get(page.file.src_path)
    if element is not None:
        phenomena = {p.id for p in hb.model.phenomena}
        theme_quotes = [(q.id, q.text) for q in hb.quotes.quotes if element.id in q.themes]
        with one_line():
            rules.check_element_page(shown(config, page.file.src_path), html, element.id, theme_quotes,
                                     element.id in phenomena, SOURCE_ARTICLE)
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    pages = {f.page.url: f.page for f in files.documentation_pages() if f.page is not None and f.page.content}
    _pages[:] = pages.values()
    ids = {url: set(ID.findall(page.content)) for url, page in pages.items()}
    others = {f.url for f in files}
    for url, page in pages.items():
        base = url if url.endswith("/") else posixpath.dirname(url)
        for href in map(html.unescape, HREF.findall(page.content)):
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("//", "mailto:")):
                continue
            target = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else url
            target = "" if target == "." else target + ("/" if parts.path.endswith("/") else "")
            anchor = unquote(parts.fragment)
            if target not in pages and target not in others and target + "index.html" not in others:
                raise PluginError(f"{shown(config, page.file.src_path)}: link {quoted(href)} leads to no page")
            if anchor and target in ids and anchor not in ids[target]:
                raise PluginError(
                    f"{shown(config, page.file.src_path)}: link {quoted(href)}: no such anchor on that page"
                )
    return env


def on_post_build(config: MkDocsConfig) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.is_file():
        return
    found = {doc["location"].split("#")[0] for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]}
    for page in _pages:
        # A page the build makes (a print pack) repeats pages that are in the index.
        if page.url not in found and page.file.generated_by is None:
            raise PluginError(
                f"{shown(config, page.file.src_path)}: not in the search index "
                "(remove 'search: exclude' from its front matter)"
            )

