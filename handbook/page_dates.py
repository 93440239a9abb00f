"""When each page last changed, from git history: shown at the bottom of the page and in sitemap.xml.

Dates come from git, never from the clock, so two builds of the same commit are identical; without
git history pages are left undated. A page changes when its Markdown file changes or when a data
file that its macros read changes (a meeting template page is one line of Markdown; its content is
in data/meetings.yml).
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from .git import git, last_commit_time
from .pages import MACROS

# Dates are shown as a Finnish reader's calendar has them.
TIMEZONE = ZoneInfo("Europe/Helsinki")
_EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)
_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
# The pages' variables and the data files each shows: {{ season.… }} gives the meetings' lengths too.
_VARIABLES = {"facts": ("facts",), "season": ("season", "meetings")}


@dataclass
class History:
    """Commit times (seconds since the epoch) of the last change to each file, from `git log`.

    Paths are relative to the folder the history was read for. In a shallow clone the oldest commit
    present seems to add every file; a file last seen there has an unknown date, and gets the date
    of the last commit (never the clock).
    """

    head: int | None
    files: dict[str, int] = field(default_factory=dict)
    shallow: bool = False

    def changed(self, path: str) -> int | None:
        """When `path` last changed; uncommitted files: the last commit; no history: None."""
        return self.files.get(path, self.head)


def history(where: Path, *pathspecs: str) -> History:
    """The history of `pathspecs` (relative to `where`, a folder inside a git clone)."""
    head = last_commit_time(where)
    if head is None:
        return History(head=None)
    top = Path((git(where, "rev-parse", "--show-toplevel") or "").strip())
    here = Path(os.path.realpath(where))
    shallow = (git(where, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    boundary: set[str] = set()
    if shallow:
        shallow_file = Path((git(where, "rev-parse", "--git-path", "shallow") or "").strip())
        shallow_file = shallow_file if shallow_file.is_absolute() else here / shallow_file
        if shallow_file.is_file():
            boundary = set(shallow_file.read_text().split())
    files: dict[str, int] = {}
    log = git(where, "log", "--format=%x01%H %ct", "--name-only", "--no-renames", "HEAD", "--", *pathspecs) or ""
    commit, when = "", 0
    for line in log.splitlines():
        if line.startswith("\x01"):
            commit, stamp = line[1:].split()
            when = int(stamp)
            continue
        if not line:
            continue
        # git names files relative to the top of the clone; the history is kept relative to `where`.
        name = Path(os.path.relpath(top / line, here)).as_posix()
        if commit in boundary:
            files.setdefault(name, head)
        elif name not in files:
            files[name] = when
    return History(head=head, files=files, shallow=shallow)


def data_read_by(markdown: str) -> list[str]:
    """The data files a page's macros read, e.g. ['data/quotes.yml'], in a stable order."""
    names: set[str] = set()
    for expression in _EXPRESSION.findall(markdown):
        for call in _CALL.findall(expression):
            names.update(MACROS.get(call, ()))
        for variable, files in _VARIABLES.items():
            if re.search(rf"\b{variable}\.", expression):
                names.update(files)
    return [f"data/{name}.yml" for name in sorted(names)]


def page_changed(hist: History, src: str | None, markdown: str) -> int | None:
    """Commit time of the last change to a page: its Markdown file `src` or the data its macros read
    (a page the build makes, such as a print pack, has no file: `src` None)."""
    paths = [src] if src is not None else []
    times = [t for t in (hist.changed(p) for p in [*paths, *data_read_by(markdown)]) if t is not None]
    return max(times) if times else None


def local_date(timestamp: int) -> datetime.date:
    return datetime.datetime.fromtimestamp(timestamp, TIMEZONE).date()
