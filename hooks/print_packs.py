"""Print packs and the footers of printed sheets, generated from the data (`handbook/printing.py`).

A page per meeting template and per training session prints all of its sheets in one go, so that an
editor who adds a template or a session gets its pack without writing a page; the pages are linked
from their template and session and listed on tulosteet/, not in the navigation or search. The
style sheet assets/print-sheets.css gives every printed sheet its footer.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from project import handbook_root, one_line, shown

from handbook import data, printing, render


def on_files(files: Files, config: MkDocsConfig) -> Files:
    with one_line():
        hb = data.load(handbook_root(config), docs_dir=None)
        renderer = render.Renderer(hb, directory_urls=config.use_directory_urls)
        renderer.settings = data.load_settings(config.extra)
    for pack in printing.packs(hb):
        if files.get_file_from_path(pack.page) is not None:
            raise PluginError(f"{shown(config, pack.page)}: a print pack's page is made by the build: remove this file")
        files.append(File.generated(config, pack.page, content=printing.pack_markdown(hb, pack)))
    publisher = (config.extra.get("publisher") or {}).get("name")
    if not publisher:
        raise PluginError("mkdocs.yml: extra: publisher.name: missing field (the foot of every printed sheet names it)")
    css = renderer.sheets_css(config.site_name, config.site_url or "", publisher)
    files.append(File.generated(config, printing.SHEETS_CSS, content=css))
    return files
