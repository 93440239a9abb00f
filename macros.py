"""Glue between mkdocs-macros and the `handbook` package: registers the macros and variables.

Everything else is in `handbook.pages`: the sandbox the pages are rendered in, and the one-line
report of a mistake in a page (mkdocs-macros would print a traceback and exit, which also stops
`make serve`). The import path and `one_line` come from `hooks/project.py`, which MkDocs has loaded
with the hooks before any plugin starts.
"""

from __future__ import annotations

from pathlib import Path

from project import docs_folder, handbook_root, one_line

from handbook import data, pages

_state: dict = {}


def define_env(env) -> None:
    conf = env.conf
    folder = docs_folder(conf)
    site = {key: conf[key] for key in ("site_name", "site_url", "site_description", "copyright", "extra")}
    with one_line():
        hb = data.load(handbook_root(conf), docs_dir=folder)
        # The contact and the permission to copy in mkdocs.yml extra are checked here.
        page_macros = pages.PageMacros(hb, Path(conf["docs_dir"]).resolve(), folder, site, conf["use_directory_urls"])
    _state["macros"] = page_macros
    for name, macro in page_macros.macros.items():
        env.macro(macro, name)
    # The pages render in the sandbox with its own names; mkdocs-macros' list shows the facts too.
    env.variables["facts"] = page_macros.variables["facts"]


def on_pre_page_macros(env) -> None:
    page_macros = _state["macros"]
    # mkdocs-macros has no setting for its template environment: the sandbox replaces it
    # (tests/test_couplings.py fails if this stops taking effect).
    env._env = page_macros.environment
    page = env.page
    with one_line():
        page_macros.begin(page.file.src_path, page.url, env.markdown, page.file.content_string)


def on_post_page_macros(env) -> None:
    page_macros = _state["macros"]
    with one_line():
        page_macros.finish()
    env.markdown += page_macros.tooltips(env.page.file.src_path)


def on_post_build(env) -> None:
    with one_line():
        _state["macros"].check_cited()
