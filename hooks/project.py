"""The glue's one path set-up: puts the project root on the import path, so that `handbook` imports.

MkDocs loads each hook file by its path, with the hook's own folder on the import path while it
loads; every hook imports this module first. Once imported, `handbook` (a regular package) finds
its modules by itself, so it serves the whole run, mkdocs-macros' `macros.py` included.
"""

from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from handbook.errors import HandbookError  # noqa: E402  (imports the package for the rest of the run)

log = logging.getLogger("mkdocs")


def handbook_root(config) -> Path:
    """The folder of the handbook being built: where its mkdocs.yml, data/ and docs/ are."""
    return Path(config.config_file_path).resolve().parent


def docs_folder(config) -> str:
    """The docs folder as messages name it: relative to the handbook's folder (docs), else its name."""
    docs = Path(config.docs_dir).resolve()
    root = handbook_root(config)
    return docs.relative_to(root).as_posix() if docs.is_relative_to(root) else docs.name


def shown(config, path: str) -> str:
    """A path under the docs folder as messages name it: docs/malli/verkostot.md."""
    return f"{docs_folder(config)}/{path}"


def offline(config) -> bool:
    """Whether this is the offline copy's build (TYOPEILI_OFFLINE=true, Material's offline plugin)."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


@contextmanager
def one_line() -> Iterator[None]:
    """An editor's mistake (HandbookError) fails the build with its one line and no traceback."""
    try:
        yield
    except HandbookError as e:
        raise PluginError(str(e)) from None
