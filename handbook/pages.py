"""Macros in pages: what a page may use, rendered in a sandbox, and a mistake in a page as one line.

A page's Markdown is a Jinja template. It reaches only what the handbook offers: the macros listed
in MACROS, the facts and a few details of the site's configuration, all plain data. It runs in
Jinja's immutable sandbox with no other variable, so `{{ ''.__class__ }}` or a MkDocs object is out
of reach. Text from data and configuration is HTML-escaped; a macro's output is already HTML.

An editor's mistake (an unknown id, a missing argument, an unknown name, a division by zero, an
include of a missing file) does not stop the rendering: it is recorded with its line in the page,
and `finish()` raises the first as one HandbookError line once the page is done.
"""

from __future__ import annotations

import hashlib
import inspect
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable

from jinja2 import FileSystemLoader, Template, TemplateError, TemplateNotFound, TemplateSyntaxError, Undefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import cache
from .data import Handbook, load_settings
from .errors import HandbookError
from .render import GLOSSARY_PAGE, Renderer, fi_value

# The macros a page may call, and the data files (data/<name>.yml) each reads: a page that shows a
# macro's output changes when that data changes (handbook.page_dates). Listed here once.
MACROS: dict[str, tuple[str, ...]] = {
    "quote": ("quotes",),
    "quotes": ("quotes",),
    "cite": ("references",),
    "bibliography": ("references",),
    "glossary": ("glossary",),
    "model_figure": ("model",),
    "model_cards": ("model",),
    "curriculum": ("curriculum", "worksheets", "facts", "references"),
    "meeting": ("meetings", "quotes", "worksheets", "model", "season", "references"),
    "meetings_index": ("meetings", "season"),
    "meeting_links": ("meetings",),
    "worksheet": ("worksheets",),
    "worksheets_index": ("worksheets", "meetings"),
    "season_plan": ("season", "meetings", "worksheets"),
    "contact": (),
    "reuse": (),
    "sources_checked": ("references",),
    "print_pack": ("meetings", "worksheets", "curriculum", "season"),
    "print_packs": ("meetings", "worksheets", "curriculum"),
}
# Mistakes in a page that are the editor's, not the code's: reported as one line with the page line.
PAGE_MISTAKES = (TemplateError, ArithmeticError, TypeError, ValueError, LookupError)


def plain(value: Any) -> Any:
    """Configuration as plain data (dicts, lists, text, numbers): nothing with methods that reach MkDocs."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


class PageMacros:
    """Renders the pages of one build: `begin(page)`, then the template engine renders, then `finish()`."""

    def __init__(self, hb: Handbook, docs_dir: Path, docs_shown: str, site: dict, directory_urls: bool = True):
        self.renderer = Renderer(hb, directory_urls=directory_urls)
        self.renderer.settings = load_settings(site.get("extra") or {})
        self.renderer.site_url = site.get("site_url") or ""
        self.docs_shown = docs_shown
        self.page = ""
        self.offset = 0
        self.errors: list[str] = []
        self.macros: dict[str, Callable] = {name: self._guarded(name) for name in MACROS}
        self.variables: dict[str, Any] = {
            "facts": fi_value(hb.facts), "season": self.renderer.season_facts(), "config": plain(site),
        }
        self.environment = PageSandbox(self, FileSystemLoader(docs_dir))
        self.environment.globals = {**self.macros, **self.variables}

    # --- one page ------------------------------------------------------------------------------

    def begin(self, src_path: str, url: str, markdown: str, source: str) -> None:
        """Start a page: `markdown` is its text after the front matter, `source` the whole file."""
        self.page = f"{self.docs_shown}/{src_path}"
        self.renderer.page = url
        self.errors = []
        # Line numbers count from the top of the file, front matter included.
        self.offset = len(source.splitlines()) - len(markdown.splitlines())
        try:
            # Compiled once: mkdocs-macros then renders this template instead of compiling the page again.
            self.environment.compiled = (markdown, self.environment.from_string(markdown))
        except TemplateSyntaxError as e:
            raise HandbookError(f"{self.page}: line {e.lineno + self.offset}: macro syntax error: {e.message}") from None

    def record(self, message: str, line: int | None = None) -> str:
        """Note a mistake at `line` of the page (found from the running template if not given)."""
        line = line if line is not None else _template_line()
        where = f"line {line + self.offset}: " if line else ""
        self.errors.append(f"{self.page}: {where}{message}")
        return ""

    def finish(self) -> None:
        """End a page: its first mistake, if any, as one line."""
        unchecked = self.renderer.official_uncited_check()
        if unchecked and not self.errors:
            self.record(
                f"cites {unchecked[0]!r}, a law, guidance or service: show when it was checked with "
                f"{{{{ sources_checked() }}}} at the end of the page", line=0
            )
        if self.errors:
            first, self.errors = self.errors[0], []
            raise HandbookError(first)

    def tooltips(self, src_path: str) -> str:
        """Markdown that turns glossary terms into tooltips, for every page but the glossary."""
        return "" if src_path == GLOSSARY_PAGE else "\n\n" + self.renderer.abbreviations() + "\n"

    def check_cited(self) -> None:
        """After all pages: every reference is cited somewhere."""
        uncited = self.renderer.uncited()
        if uncited:
            raise HandbookError(
                f"data/references.yml: reference {uncited[0]!r}: not cited on any page "
                f"(cite it with {{{{ cite('{uncited[0]}') }}}} or remove it)"
            )

    def _guarded(self, name: str) -> Callable:
        func = getattr(self.renderer, name)
        signature = inspect.signature(func)

        def macro(*args, **kwargs):
            try:
                signature.bind(*args, **kwargs)
            except TypeError as e:
                return self.record(f"{name}(): {e}")
            try:
                return func(*args, **kwargs)
            except HandbookError as e:
                return self.record(f"{name}(): {e}")

        macro.__name__ = name
        macro.__doc__ = func.__doc__
        return macro


def _template_line() -> int | None:
    """The line of the page being rendered, from the running template's frame (outermost: the page)."""
    line = None
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None and frame.f_code.co_filename == "<template>":
            line = template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return line


def _traceback_line(error: BaseException) -> int | None:
    """The page line of an exception raised while rendering (Jinja rewrites tracebacks to template lines)."""
    line, tb = None, error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


class PageTemplate(Template):
    """A page: rendered with the sandbox's names only; a mistake in it becomes a recorded line."""

    environment: PageSandbox

    def render(self, *args: Any, **kwargs: Any) -> str:
        # The template engine passes its own variables (MkDocs' config, page, files…): not offered.
        owner = self.environment.owner
        try:
            return super().render()
        except TemplateNotFound as e:
            owner.record(f"include: no file {e.name!r} in docs/", _traceback_line(e))
        except SecurityError as e:
            owner.record(f"not allowed in a page: {e}", _traceback_line(e))
        except PAGE_MISTAKES as e:
            owner.record(f"{type(e).__name__}: {e}", _traceback_line(e))
        return ""


class PageSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the handbook's names and nothing else; text is HTML-escaped."""

    template_class = PageTemplate

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 (Jinja's own name)
        """The page compiled in `PageMacros.begin` is not compiled a second time, and a page whose text
        has not changed since the last build is not compiled at all (its code is in .cache/)."""
        compiled = getattr(self, "compiled", None)
        if compiled is not None and compiled[0] == source and globals is None and template_class is None:
            return compiled[1]
        if globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        name = hashlib.sha256(source.encode("utf-8")).hexdigest()
        bucket = self.bytecode_cache.get_bucket(self, name, None, source)
        if bucket.code is None:
            bucket.code = self.compile(source)
            self.bytecode_cache.set_bucket(bucket)
        return self.template_class.from_code(self, bucket.code, self.make_globals(None), None)

    def __init__(self, owner: PageMacros, loader: FileSystemLoader) -> None:
        self.owner = owner
        self.compiled: tuple[str, Template] | None = None

        class RecordingUndefined(Undefined):
            """An unknown name (`{{ facts.pilot.grups }}`) or a forbidden attribute is a recorded mistake."""

            def _message(self) -> str:
                if self._undefined_exception is SecurityError and self._undefined_hint:
                    return f"not allowed in a page: {self._undefined_hint}"
                return f"unknown name {self._undefined_name!r}" if self._undefined_name else self._undefined_message

            def _fail_with_undefined_error(self, *args, **kwargs):
                return owner.record(self._message())

            def __str__(self) -> str:
                return owner.record(self._message())

        super().__init__(loader=loader, undefined=RecordingUndefined, autoescape=True, keep_trailing_newline=True,
                         bytecode_cache=cache.compiled_templates(Path(__file__).resolve().parents[1], "jinja-pages"))
