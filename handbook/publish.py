"""What publishing needs from the sources, without MkDocs: when each page last changed, and robots.txt.

Dates come from git history, never from the clock, so two builds of the same commit are identical.
A page changes when its Markdown file changes or when a data file that its macros read changes
(a meeting template page is one line of Markdown; its content is in data/meetings.yml).
"""

from __future__ import annotations

import datetime
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

# Dates are shown as a Finnish reader's calendar has them.
TIMEZONE = ZoneInfo("Europe/Helsinki")

# The data files (data/<name>.yml) each macro reads. A macro missing here would leave its data out
# of the page's date; tests/test_publish_meta.py checks that every registered macro is listed.
MACRO_DATA: dict[str, tuple[str, ...]] = {
    "quote": ("quotes",),
    "quotes": ("quotes",),
    "cite": ("references",),
    "bibliography": ("references",),
    "glossary": ("glossary",),
    "model_figure": ("model",),
    "model_cards": ("model",),
    "curriculum": ("curriculum", "worksheets", "facts"),
    "meeting": ("meetings", "quotes", "worksheets", "model"),
    "meetings_index": ("meetings",),
    "worksheet": ("worksheets",),
    "worksheets_index": ("worksheets", "meetings"),
}
_EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)
_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", "-C", str(root), *args],
                              capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


@dataclass
class History:
    """Commit times (seconds since the epoch) of the last change to each file, from `git log`.

    In a shallow clone the oldest commit present seems to add every file; a file last seen there
    has an unknown date, and gets the date of the last commit (never the clock).
    """

    head: int | None
    files: dict[str, int] = field(default_factory=dict)
    shallow: bool = False

    def changed(self, path: str) -> int | None:
        """When `path` (relative to the repository root) last changed; uncommitted files: the last commit."""
        return self.files.get(path, self.head)


def history(root: Path, *pathspecs: str) -> History:
    head = _git(root, "log", "-1", "--format=%ct")
    if not head or not head.strip():
        return History(head=None)
    shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    boundary: set[str] = set()
    if shallow:
        shallow_file = (_git(root, "rev-parse", "--git-path", "shallow") or "").strip()
        path = Path(shallow_file) if Path(shallow_file).is_absolute() else root / shallow_file
        if path.is_file():
            boundary = set(path.read_text().split())
    files: dict[str, int] = {}
    log = _git(root, "log", "--format=%x01%H %ct", "--name-only", "--no-renames", "HEAD", "--", *pathspecs) or ""
    commit, when = "", 0
    for line in log.splitlines():
        if line.startswith("\x01"):
            commit, stamp = line[1:].split()
            when = int(stamp)
        elif line and line not in files and commit not in boundary:
            files[line] = when
        elif line and commit in boundary:
            files.setdefault(line, int(head))
    return History(head=int(head), files=files, shallow=shallow)


def data_read_by(markdown: str) -> list[str]:
    """The data files a page's macros read, e.g. ['data/quotes.yml'], in a stable order."""
    names: set[str] = set()
    for expression in _EXPRESSION.findall(markdown):
        for call in _CALL.findall(expression):
            names.update(MACRO_DATA.get(call, ()))
        if re.search(r"\bfacts\.", expression):
            names.add("facts")
    return [f"data/{name}.yml" for name in sorted(names)]


def page_changed(hist: History, src: str, markdown: str) -> int | None:
    """Commit time of the last change to a page: its Markdown file `src` or the data its macros read."""
    times = [t for t in (hist.changed(p) for p in [src, *data_read_by(markdown)]) if t is not None]
    return max(times) if times else None


def local_date(timestamp: int) -> datetime.date:
    return datetime.datetime.fromtimestamp(timestamp, TIMEZONE).date()


def robots_txt(site_url: str) -> str:
    """robots.txt for a site under a sub-path of a host; crawlers read only the host's own."""
    base = site_url.rstrip("/") + "/"
    path = "/" + base.split("://", 1)[-1].split("/", 1)[-1]
    return (
        f"# Työpeili-käsikirja: {base}\n"
        "# Hakukoneet lukevat robots.txt-tiedoston vain palvelimen juuresta. Lisää nämä rivit\n"
        "# palvelimen omaan robots.txt-tiedostoon, jos käsikirja julkaistaan alipolussa.\n"
        "User-agent: *\n"
        f"Allow: {path}\n"
        f"Sitemap: {base}sitemap.xml\n"
    )
