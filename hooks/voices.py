"""The handbook's three voices on every page: proposal blocks get their one look, and a page whose
voices are mixed fails the build with one line (the rules are in `handbook/voices.py`)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from project import shown

from handbook import cache, voices

# Each page's problems, kept between builds under the version of the rules' code: an unchanged page
# is not read again.
_problems: cache.Memo | None = None


def on_pre_build(config: MkDocsConfig) -> None:
    global _problems
    folder = cache.folder(Path(config.config_file_path).parent, "voices")
    _problems = cache.Memo(folder / "problems.json", cache.code_version(voices))


@event_priority(100)  # before the print page's plugin keeps a copy of the page
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = voices.mark_proposals(html)
    problems = _problems.wrap(voices.voice_problems)(html) if _problems else voices.voice_problems(html)
    if problems:
        raise PluginError(f"{shown(config, page.file.src_path)}: {problems[0]}")
    return html


def on_post_build(config: MkDocsConfig) -> None:
    if _problems is not None:
        _problems.save()
