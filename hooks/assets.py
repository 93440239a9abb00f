"""One style sheet and one script file of the site's own (handbook/assets.py), pages without their
templates' indentation, and the theme's templates compiled once and kept between builds
(handbook/cache.py)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs_print_site_plugin import plugin as print_site

from project import ROOT

from handbook import assets, cache

SEARCH_ON_DEMAND = "assets/javascripts/search-on-demand.js"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # The style sheet starts with Material's palette: its dark scheme, which the page follows
    # (overrides/partials/javascripts/base.html), without the rules of named colours the site does
    # not use. The script file starts with the search that loads
    # on first use, which must run before Material's bundle: overrides/main.html links the file there.
    palette = next(p for d in config.theme.dirs for p in Path(d).glob("assets/stylesheets/palette.*.min.css"))
    sources = [palette, *(_asset_source(config, str(p)) for p in config.extra_css)]
    stylesheet, style = assets.joined(sources, "css", {palette: assets.without_named_colours})
    on_demand = files.get_file_from_path(SEARCH_ON_DEMAND)
    files.remove(on_demand)
    scripts = [Path(on_demand.abs_src_path), *(_asset_source(config, str(p)) for p in config.extra_javascript)]
    script, code = assets.joined(scripts, "js")
    config.extra_css, config.extra_javascript, config.extra["site_script"] = [stylesheet], [], script
    files.append(File.generated(config, stylesheet, content=style))
    files.append(File.generated(config, script, content=code))
    return files


def _asset_source(config: MkDocsConfig, path: str) -> Path:
    """An extra_css or extra_javascript file: in docs/, in the theme, one mkdocs-print-site-plugin adds,
    or the project's own (a handbook built from another folder, like the tests' fixture, uses them)."""
    for folder in (config.docs_dir, *config.theme.dirs, Path(print_site.HERE), ROOT / "docs"):
        if Path(folder, path).is_file():
            return Path(folder, path)
    raise PluginError(f"{path}: not found in docs/, the theme or mkdocs-print-site-plugin")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return assets.without_indentation(output)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = cache.compiled_templates(ROOT, "jinja-theme")
    return env
