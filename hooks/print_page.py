"""The whole handbook as one printable page (mkdocs-print-site-plugin, print_page/); its cover is
`print_cover.tpl` beside this file, with the edition: the version `make dist` names its archive by
and the date of the last commit. The contents list a section's title once, not as itself and again
as its index page's title, and the page leaves out what is only for the screen (print buttons and
their hints, links to the print packs, which are not in it).

The plugin joins the pages into one and prefixes every in-page link (#x becomes #page-x), but it
prefixes the ids only of headings, footnote marks and list items. A link to any other element, such
as a term of the glossary (<dt id>), would lead nowhere; this hook gives those targets the same
prefix in the copy the plugin keeps for the print page. The pages themselves are not changed.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs_print_site_plugin import renderer as print_renderer, urls as print_urls
from mkdocs_print_site_plugin.urls import get_page_key

from handbook import cache, dist, page_dates, printing, render

PLUGIN = "print-site"
DESCRIPTION = "Koko Työpeili-käsikirja yhtenä sivuna tulostettavaksi: kansilehti, sisällys ja kaikki luvut."
# An id on an element the plugin leaves alone: anything but h1–h6, sup and li.
OTHER_ID = re.compile(r'(<(?!(?:h[1-6]|sup|li)\b)[a-z][\w-]*\b[^>]*?\sid=")([^"]+)(")', re.IGNORECASE)
IN_PAGE_LINK = re.compile(r'href="#([^"]+)"')


def _plugin(config: MkDocsConfig):
    plugin = config.plugins.get(PLUGIN)
    return plugin if plugin is not None and plugin.config.get("enabled") else None


_links: cache.Memo | None = None
# Where each page's parts for the screen only are, kept between builds under the code's version.
_screen_only: cache.Memo | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """The print page: a description of its own, the edition on its cover, contents without repeats
    (the plugin has made the page and its renderer by now).

    The plugin rewrites the links and ids of every page for the print page with regular expressions
    whose work grows with the square of a line's length (a macro's HTML is one line); that work is
    kept between builds, and only a changed page is rewritten again.
    """
    global _links, _screen_only
    plugin = _plugin(config)
    if plugin is not None:
        plugin.print_page.meta["description"] = DESCRIPTION
        config.extra["edition"] = edition()
        plugin.renderer.write_combined = _without_repeated_titles(plugin.renderer.write_combined)
        _links = cache.Memo(cache.folder(Path(config.config_file_path).parent, "print-page") / "links.json")
        print_renderer.fix_internal_links = _links.wrap(print_urls.fix_internal_links)
        _screen_only = cache.Memo(cache.folder(Path(config.config_file_path).parent, "print-page") / "screen-only.json",
                                  cache.code_version(printing))
    return config


def edition() -> dict | None:
    """The version `make dist` names its archive by and the date of the last commit; never the clock."""
    version = dist.describe()
    if version is None:
        return None
    return {"version": version, "date": render.fi_date(page_dates.local_date(dist.source_date_epoch()))}


def _without_repeated_titles(write_combined):
    """A section whose index page has the section's title lists that title once in the contents."""

    def prune(links) -> None:
        for link in links:
            if link.children and link.children[0].title == link.title:
                link.children = link.children[1:]
            prune(link.children)

    def combined():
        html, toc = write_combined()
        prune(toc.items)
        return html, toc

    return combined


def on_post_build(config: MkDocsConfig) -> None:
    if _plugin(config) is not None and _links is not None:
        _links.save()
        _screen_only.save()


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """The print page is rendered with the pages' own template environment, whose templates are
    compiled already (the plugin would make a new one and compile them all again)."""
    if _plugin(config) is not None:
        config.theme.get_env = lambda: env
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    plugin = _plugin(config)
    kept = getattr(page, "html", None)
    if plugin is None or not kept:
        return html
    targets = set(IN_PAGE_LINK.findall(kept))
    key = get_page_key(page.url)

    def prefix(match: re.Match) -> str:
        ident = match.group(2)
        return match.group(1) + (f"{key}-{ident}" if ident in targets else ident) + match.group(3)

    page.html = printing.without_screen_only(OTHER_ID.sub(prefix, kept), _screen_only.wrap(printing.screen_only_spans))
    return html
