"""MkDocs hook for Finnish search: adds base forms, compound parts and the search words of
data/synonyms.yml to the written search index.

The work is in `handbook/search_index.py`; the browser side is
`overrides/assets/javascripts/workers/search-fi.js`, wired in by `overrides/main.html`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from project import handbook_root, log, one_line

from handbook import cache, data
from handbook.search_index import add_vocabulary, voikko_morphology


def on_post_build(config: MkDocsConfig) -> None:
    """Runs after the search plugin has written search/search_index.json (same priority, later in order)."""
    index_file = Path(config.site_dir) / "search" / "search_index.json"
    if not index_file.is_file():
        return
    try:
        # Voikko's analyses of the site's words are kept between builds.
        morphology = voikko_morphology(cache.folder(Path(config.config_file_path).parent, "voikko"))
    except (OSError, ImportError) as error:
        # A warning fails the strict build; `make serve` goes on with Material's plain search.
        log.warning("Haku: Voikko puuttuu (%s); haku ei tunnista taivutusmuotoja. Asenna libvoikko1 ja voikko-fi.", error)
        return
    with one_line():
        # The data was checked when the build began; loading it again reads the checked copy.
        synonyms = data.load(handbook_root(config), docs_dir=None).synonyms.synonyms
        add_vocabulary(index_file, morphology, {s.means: s.words for s in synonyms})
    morphology.save()
