"""MkDocs hooks: `make serve` survives a failed rebuild; publishing details (dates, robots.txt, offline copy).

The publishing logic is in `handbook/publish.py`; these hooks only hand it what MkDocs knows.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs_print_site_plugin import plugin as print_site

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from handbook import assets, cache, publish  # noqa: E402

log = logging.getLogger("mkdocs")
# The offline copy ships the worker shim from npm (package.json), not from a CDN.
IFRAME_WORKER = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
IFRAME_WORKER_URL = "assets/javascripts/iframe-worker.js"
SEARCH_ON_DEMAND = "assets/javascripts/search-on-demand.js"
_history: publish.History | None = None


def on_serve(server, config, builder):
    def rebuild() -> None:
        try:
            builder()
        except (Abort, SystemExit):
            # The error itself has already been logged as one line; no traceback for an editor's mistake.
            log.error("Korjaa yllä mainittu virhe ja tallenna: esikatselu päivittyy itsestään.")

    server.builder = rebuild
    return server


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(100)  # before the offline plugin, which would otherwise add the shim from a CDN
def on_config(config):
    global _history
    _history = publish.history(ROOT, config.docs_dir, "data")
    if _history.head is not None:
        # Whatever MkDocs dates by the clock (sitemap.xml.gz) is dated by the last commit instead.
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(_history.head))
    if _history.shallow:
        log.info("Shallow git clone: pages last changed before its oldest commit are dated by the last commit.")
    if _offline(config):
        config.extra["polyfills"] = [IFRAME_WORKER_URL]
        # Instant navigation fetches pages with XHR, which file:// does not allow.
        config.theme["features"] = [f for f in config.theme["features"] if not f.startswith("navigation.instant")]
    return config


def on_files(files, config):
    if _offline(config):
        if not IFRAME_WORKER.is_file():
            raise PluginError("node_modules/iframe-worker is missing: run `npm ci` (make offline does it)")
        files.append(File.generated(config, IFRAME_WORKER_URL, abs_src_path=str(IFRAME_WORKER)))
    # One style sheet and one script file of the site's own, plugins' included (handbook/assets.py).
    # The style sheet starts with Material's palette: its dark scheme, which the page follows
    # (overrides/partials/javascripts/base.html). The script file starts with the search that loads
    # on first use, which must run before Material's bundle: overrides/main.html links the file there.
    palette = next(p for d in config.theme.dirs for p in Path(d).glob("assets/stylesheets/palette.*.min.css"))
    stylesheet, style = assets.joined([palette, *(_asset_source(config, str(p)) for p in config.extra_css)], "css")
    on_demand = files.get_file_from_path(SEARCH_ON_DEMAND)
    files.remove(on_demand)
    scripts = [Path(on_demand.abs_src_path), *(_asset_source(config, str(p)) for p in config.extra_javascript)]
    script, code = assets.joined(scripts, "js")
    config.extra_css, config.extra_javascript, config.extra["site_script"] = [stylesheet], [], script
    files.append(File.generated(config, stylesheet, content=style))
    files.append(File.generated(config, script, content=code))
    return files


def _asset_source(config, path: str) -> Path:
    """An extra_css or extra_javascript file: in docs/, in the theme, or one mkdocs-print-site-plugin adds."""
    for folder in (config.docs_dir, *config.theme.dirs, Path(print_site.HERE)):
        if Path(folder, path).is_file():
            return Path(folder, path)
    raise PluginError(f"{path}: not found in docs/, the theme or mkdocs-print-site-plugin")


def on_env(env, config, files):
    env.bytecode_cache = cache.compiled_templates(ROOT, "jinja-theme")
    return env


def on_page_markdown(markdown, page, config, files):
    """Date the page by its last change in git: shown at the bottom of the page and in sitemap.xml."""
    if _history is None or page.file.abs_src_path is None:
        return markdown
    source = Path(page.file.abs_src_path).resolve()
    try:
        src = source.relative_to(ROOT).as_posix()
    except ValueError:
        return markdown
    changed = publish.page_changed(_history, src, source.read_text(encoding="utf-8"))
    if changed is not None:
        page.meta["updated"] = publish.local_date(changed)
        page.update_date = page.meta["updated"].isoformat()
    return markdown


def on_post_build(config):
    if config.site_url and not _offline(config):
        Path(config.site_dir, "robots.txt").write_text(publish.robots_txt(config.site_url), encoding="utf-8")


def on_template_context(context, template_name, config):
    # mkdocs-print-site-plugin renders the print page with the 404 page's context, whose base is the
    # server path (/tyopeili/). The offline copy has no server: its print page (print_page.html, at
    # the top) needs the relative base, or its search looks for file:///tyopeili/.
    if template_name == "404.html" and _offline(config):
        context["base_url"] = "."
    return context
