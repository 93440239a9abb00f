"""Glue between mkdocs-macros and the `handbook` package: registers the macros and variables.

Errors: mkdocs-macros turns any exception inside a page into a traceback and `exit()`, which also
stops `mkdocs serve`. So the macros record an editor's mistake instead of raising it, and the
hook that runs after the page (outside mkdocs-macros' own error handling) fails the build with
that one line.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

from jinja2 import TemplateSyntaxError, Undefined
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).parent
# The `mkdocs` command does not put the project on the import path.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
_state: dict = {"page": "", "errors": [], "renderer": None}


def _fresh(module: str):
    # Under `make serve`, edits to the handbook's code take effect at the next rebuild; code that has
    # not changed is not imported again (building its data models takes a while).
    changed = sorted((p.as_posix(), p.stat().st_mtime_ns) for p in (ROOT / "handbook").rglob("*.py"))
    if getattr(sys.modules.get("handbook"), "imported_as", None) != changed:
        for name in [n for n in sys.modules if n == "handbook" or n.startswith("handbook.")]:
            del sys.modules[name]
        importlib.import_module("handbook").imported_as = changed
    return importlib.import_module(module)


def _record(message: str) -> str:
    _state["errors"].append(f"{_state['page']}: {message}")
    return ""


class _RecordingUndefined(Undefined):
    """An unknown name in a page (`{{ facts.pilot.grups }}`) is an error, reported like the others."""

    def _message(self) -> str:
        return f"unknown name {self._undefined_name!r}" if self._undefined_name else self._undefined_message

    def _fail_with_undefined_error(self, *args, **kwargs):
        return _record(self._message())

    def __str__(self) -> str:
        return _record(self._message())


def _guarded(name: str, func, error_type):
    signature = inspect.signature(func)

    def macro(*args, **kwargs):
        try:
            signature.bind(*args, **kwargs)
        except TypeError as e:
            return _record(f"{name}(): {e}")
        try:
            return func(*args, **kwargs)
        except error_type as e:
            return _record(f"{name}(): {e}")

    macro.__doc__ = func.__doc__
    return macro


def define_env(env) -> None:
    data = _fresh("handbook.data")
    render = importlib.import_module("handbook.render")
    errors = importlib.import_module("handbook.errors")
    cache = importlib.import_module("handbook.cache")
    try:
        hb = data.load(ROOT)
    except errors.HandbookError as e:
        raise PluginError(str(e)) from None

    renderer = render.Renderer(hb, directory_urls=env.conf["use_directory_urls"])
    # Its templates are compiled once and kept for the next build (handbook/cache.py).
    renderer.env.bytecode_cache = cache.compiled_templates(ROOT, "jinja-handbook")
    _state.update(renderer=renderer, errors=[], glossary_page=render.GLOSSARY_PAGE)
    env.variables["facts"] = render.fi_value(hb.facts)
    for name in ("quote", "quotes", "cite", "bibliography", "glossary", "model_figure", "model_cards",
                 "curriculum", "meeting", "meetings_index", "worksheet", "worksheets_index"):
        env.macro(_guarded(name, getattr(renderer, name), errors.HandbookError), name)


def on_pre_page_macros(env) -> None:
    docs = Path(env.conf["docs_dir"]).resolve()
    shown = docs.relative_to(ROOT.resolve()).as_posix() if docs.is_relative_to(ROOT.resolve()) else docs.name
    _state["page"] = f"{shown}/{env.page.file.src_path}"
    _state["renderer"].page = env.page.url
    env.env.undefined = _RecordingUndefined
    _compile_once(env.env)
    try:
        _state["compiled"] = (env.markdown, env.env.from_string(env.markdown))
    except TemplateSyntaxError as e:
        # Line numbers count from the top of the file, front matter included.
        source = Path(env.page.file.abs_src_path).read_text(encoding="utf-8")
        line = e.lineno + len(source.splitlines()) - len(env.markdown.splitlines())
        raise PluginError(f"{_state['page']}: line {line}: macro syntax error: {e.message}") from None


def _compile_once(jinja) -> None:
    """A page is compiled once: in on_pre_page_macros, where a syntax error becomes one line, and
    mkdocs-macros then renders that template instead of compiling the page again."""
    if getattr(jinja.from_string, "compiles_once", False):
        return
    compile_page = jinja.from_string

    def from_string(source, *args, **kwargs):
        compiled = _state.get("compiled")
        if compiled and compiled[0] == source and not args and not kwargs:
            return compiled[1]
        return compile_page(source, *args, **kwargs)

    from_string.compiles_once = True
    jinja.from_string = from_string


def on_post_page_macros(env) -> None:
    if _state["errors"]:
        first = _state["errors"][0]
        _state["errors"] = []
        raise PluginError(first)
    # Glossary terms become tooltips everywhere but on the glossary itself.
    if env.page.file.src_path != _state["glossary_page"]:
        env.markdown += "\n\n" + _state["renderer"].abbreviations() + "\n"


def on_post_build(env) -> None:
    uncited = _state["renderer"].uncited()
    if uncited:
        raise PluginError(
            f"data/references.yml: reference {uncited[0]!r}: not cited on any page "
            f"(cite it with {{{{ cite('{uncited[0]}') }}}} or remove it)"
        )
