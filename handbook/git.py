"""The one way the handbook asks git: page dates, archive names and archive dates all come from here."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(where: Path, *args: str) -> str | None:
    """Output of `git -C where args…`, or None when git is missing or the command fails (no history)."""
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", "-C", str(where), *args],
                              capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def last_commit_time(where: Path) -> int | None:
    """Seconds since the epoch of the last commit, or None without git history."""
    out = (git(where, "log", "-1", "--format=%ct") or "").strip()
    return int(out) if out else None
