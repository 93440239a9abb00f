"""The Makefile's guards: `make build` and `make serve` stop with one line without Voikko, and
`make dist` publishes nothing from a strict build that fails (a broken link, no Voikko) or from a
folder without git history."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, edit, make

pytestmark = pytest.mark.full
NO_VOIKKO = {"PYTHONPATH": str(ROOT / "tests" / "fixtures" / "no-voikko")}
VOIKKO_MISSING = ("Voikko is missing: install libvoikko1 and voikko-fi (Debian, Ubuntu: sudo apt-get install "
                  "libvoikko1 voikko-fi; other systems: see README), then run make again.")


def refused(done: subprocess.CompletedProcess, build: Path) -> str:
    """The output of a make that failed without a traceback and without writing an archive."""
    output = done.stdout + done.stderr
    assert done.returncode != 0, output[-2000:]
    assert "Traceback" not in output, output[-3000:]
    assert not list((build / "dist").glob("*")) if (build / "dist").exists() else True
    return output


@pytest.mark.parametrize("target", ["build", "dist"])
def test_without_voikko_make_stops_with_one_line(tmp_path, target):
    output = refused(make(target, tmp_path, env=NO_VOIKKO), tmp_path)
    assert VOIKKO_MISSING in output.splitlines()
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("mistake", ["broken link", "page missing from the navigation"])
def test_dist_fails_on_what_the_strict_build_refuses(tmp_path, mistake):
    """Not --quiet: a warning alone (a page left out of the navigation) fails the strict build too."""
    project = copy_project(tmp_path / "project", committed=True)
    if mistake == "broken link":
        page = next(p for p in sorted((project / "docs").rglob("*.md")) if p.name != "index.md")
        edit(page, "# ", "[Katso myös](ei-ole.md)\n\n# ")
        expected = f"ERROR   -  {page.relative_to(project).as_posix()}: link 'ei-ole.md' leads to no page"
    else:
        (project / "docs" / "uusi.md").write_text("---\ndescription: Uusi sivu.\n---\n\n# Uusi\n", encoding="utf-8")
        expected = "Aborted with 1 warnings in strict mode!"
    output = refused(make("dist", tmp_path / "build", project=project), tmp_path / "build")
    assert expected in output.splitlines()


def test_dist_and_offline_refuse_to_build_without_git_history(tmp_path):
    project = copy_project(tmp_path / "project")
    for target in ("dist", "offline"):
        output = refused(make(target, tmp_path / "build", project=project), tmp_path / "build")
        first, last = output.strip().splitlines()
        assert first == "dist: no git history: an archive is named and dated by git (build it from a git clone)"
        assert re.fullmatch(r"make(\[\d+\])?: \*\*\* \[Makefile:\d+: git-history\] Error 1", last)
        assert not (tmp_path / "build" / "site").exists()
