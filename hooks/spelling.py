"""Finnish spelling: a word on a page that Voikko does not know, and that is not in the reviewed word
list (data/sanalista.txt), is a warning, so `make serve` shows it and the strict build fails."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from project import handbook_root, log, shown

from handbook import spelling

_speller: list = []
_reviewed: set[str] = set()


def on_pre_build(config: MkDocsConfig) -> None:
    _reviewed.clear()
    _reviewed.update(spelling.reviewed_words(handbook_root(config) / spelling.WORD_LIST))
    if not _speller:
        try:
            _speller.append(spelling.voikko())
        except (OSError, ImportError) as error:
            # hooks/search_fi.py warns that Voikko is missing, which fails the strict build.
            log.info("Spelling not checked: Voikko is missing (%s).", error)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _speller and page.file.abs_src_path is not None:
        unknown = spelling.unknown_words(html, _speller[0], _reviewed)
        if unknown:
            log.warning("%s: words Voikko does not know: %s (fix them, or add a real name to %s)",
                        shown(config, page.file.src_path), ", ".join(unknown), spelling.WORD_LIST)
    return html
