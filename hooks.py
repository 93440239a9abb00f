"""MkDocs hooks for `make serve`: a failed rebuild reports its one line and the server keeps running."""

from __future__ import annotations

import logging

from mkdocs.exceptions import Abort

log = logging.getLogger("mkdocs")


def on_serve(server, config, builder):
    def rebuild() -> None:
        try:
            builder()
        except (Abort, SystemExit):
            # The error itself has already been logged as one line; no traceback for an editor's mistake.
            log.error("Korjaa yllä mainittu virhe ja tallenna: esikatselu päivittyy itsestään.")

    server.builder = rebuild
    return server
