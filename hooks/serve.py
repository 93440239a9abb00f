"""`make serve` survives a failed rebuild: the editor sees the one-line error, fixes it, and the preview recovers."""

from __future__ import annotations

from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer

from project import log


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    def rebuild() -> None:
        try:
            builder()
        except (Abort, SystemExit):
            # The error itself has already been logged as one line; no traceback for an editor's mistake.
            log.error("Korjaa yllä mainittu virhe ja tallenna: esikatselu päivittyy itsestään.")

    server.builder = rebuild
    return server
