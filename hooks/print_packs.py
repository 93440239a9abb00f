"""Print packs and the footers of printed sheets, generated from the data (`handbook/printing.py`).

A page per meeting template and per training session prints all of its sheets in one go, so that an
editor who adds a template or a session gets its pack without writing a page; the pages are linked
from their template and session and listed on tulosteet/, not in the navigation or search. A page
with sheets carries the rules of its own sheets' footers in its head: a few hundred bytes instead of
a style sheet of every sheet's footer to download.
"""

from __future__ import annotations

import functools
import re
from typing import Callable

import rcssmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from project import handbook_root, one_line, shown

from handbook import data, printing, render

SHEET = re.compile(r'\sdata-tp-sheet="([^"]+)"')
# The whole handbook's print page keeps its own numbered pages (assets/print.css).
PRINT_PAGE = 'id="print-site-page"'

# The footers of the sheets named, from this build's data and settings (set by on_files).
_footers: Callable[[list[str]], str] | None = None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _footers
    with one_line():
        hb = data.load(handbook_root(config), docs_dir=None)
        renderer = render.Renderer(hb, directory_urls=config.use_directory_urls)
        renderer.settings = data.load_settings(config.extra)
        renderer.site_url = config.site_url or ""
    for pack in printing.packs(hb):
        if files.get_file_from_path(pack.page) is not None:
            raise PluginError(f"{shown(config, pack.page)}: a print pack's page is made by the build: remove this file")
        files.append(File.generated(config, pack.page, content=printing.pack_markdown(hb, pack)))
    _footers = functools.partial(renderer.sheets_css, config.site_name)
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    names = list(dict.fromkeys(SHEET.findall(output)))
    if not names or PRINT_PAGE in output or _footers is None:
        return output
    style = f"<style data-tp-sheets>{rcssmin.cssmin(_footers(names))}</style>\n"
    return output.replace("</head>", style + "</head>", 1)
