"""Finnish spelling: a word on a page that Voikko does not know, and that is not in the reviewed word
list (data/sanalista.txt), is a warning, so `make serve` shows it and the strict build fails."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from project import handbook_root, log, shown

from handbook import cache, page_text, search_index, spelling

_speller: list = []
_reviewed: set[str] = set()
_known: dict[str, bool] = {}  # the answers of this build, word by word
# Each page's unknown words, kept between builds under the versions of Voikko and of this code, and
# with the word list as part of the key: an unchanged page is not read again.
_unknown: cache.Memo | None = None


def on_pre_build(config: MkDocsConfig) -> None:
    global _unknown
    _reviewed.clear()
    _known.clear()
    _reviewed.update(spelling.reviewed_words(handbook_root(config) / spelling.WORD_LIST))
    if not _speller:
        try:
            _speller.append(spelling.voikko())
        except (OSError, ImportError) as error:
            # hooks/search_fi.py warns that Voikko is missing, which fails the strict build.
            log.info("Spelling not checked: Voikko is missing (%s).", error)
            return
    for problem in spelling.word_list_problems(handbook_root(config) / spelling.WORD_LIST, _speller[0]):
        log.warning(problem)
    version = f"{search_index.voikko_version()} {cache.code_version(spelling, page_text)}"
    _unknown = cache.Memo(cache.folder(Path(config.config_file_path).parent, "spelling") / "unknown.json", version)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _speller and page.file.abs_src_path is not None:
        unknown = _unknown.wrap(_unknown_words)(html, sorted(_reviewed))
        if unknown:
            log.warning("%s: words Voikko does not know: %s (fix them, or add a real name to %s)",
                        shown(config, page.file.src_path), ", ".join(unknown), spelling.WORD_LIST)
    return html


def _unknown_words(html: str, reviewed: list[str]) -> list[str]:
    return spelling.unknown_words(html, _speller[0], set(reviewed), _known)


def on_post_build(config: MkDocsConfig) -> None:
    if _unknown is not None:
        _unknown.save()
