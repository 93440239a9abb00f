"""What a build keeps for the next one, in .cache/ beside mkdocs.yml (ignored by git).

Nothing kept there changes a result: compiled templates are checked against their source, results
are filed under a digest of their arguments (`Memo`), and Voikko's analyses under a digest of what
they depend on (handbook/search_index.py). Deleting the folder only makes the next build slower.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Callable

from jinja2 import FileSystemBytecodeCache


def folder(root: Path, name: str) -> Path:
    path = root / ".cache" / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def code_version(*modules: ModuleType) -> str:
    """A digest of the modules' source: a result kept under it is made again when their code changes."""
    sources = b"".join(Path(module.__file__).read_bytes() for module in modules)
    return hashlib.sha256(sources).hexdigest()[:16]


def compiled_templates(root: Path, name: str) -> FileSystemBytecodeCache:
    """Jinja templates compiled once and kept for the next build; a changed template is compiled again.

    One folder per template environment: the compiled code depends on the environment's settings.
    """
    return FileSystemBytecodeCache(str(folder(root, name)))


class Memo:
    """Results of a pure function kept in a file between builds, under a digest of its arguments.

    `memo.wrap(function)` answers a call it has seen from the file; `save()` keeps this build's calls
    (and only those, so the file does not grow with old versions of the content).
    """

    def __init__(self, path: Path, version: str = "") -> None:
        self.path = path
        self.version = version  # of the code that makes the results (code_version): part of every key
        self.stored: dict[str, object] = read_json(path)
        self.used: dict[str, object] = {}

    def wrap(self, function: Callable) -> Callable:
        def remembered(*args, **kwargs):
            call = json.dumps([self.version, args, kwargs] if self.version else [args, kwargs],
                              ensure_ascii=False, sort_keys=True)
            key = hashlib.sha256(call.encode("utf-8")).hexdigest()
            if key not in self.used:
                self.used[key] = self.stored[key] if key in self.stored else function(*args, **kwargs)
            return self.used[key]

        return remembered

    def save(self) -> None:
        if self.used.keys() != self.stored.keys():
            write_atomically(self.path, json.dumps(self.used, ensure_ascii=False))
            self.stored = dict(self.used)


def read_json(path: Path) -> dict:
    """A kept file's content; nothing if there is no such file or it cannot be read."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_atomically(path: Path, text: str) -> None:
    """Written beside and renamed: a build running at the same time never reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
