"""A mistake in a page or in data fails the real build with one line, and no page is published with it."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, build_site

IGNORE = shutil.ignore_patterns(".venv", "node_modules", "site", "dist", ".git", "tests", "__pycache__", ".pytest_cache")


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project to break."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=IGNORE)
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def failed_build(project: Path) -> str:
    out = project / "site-out"
    done = build_site(out, cwd=project)
    log = done.stdout + done.stderr
    assert done.returncode != 0, "the build must fail"
    assert "Traceback" not in log
    return log


def error_lines(log: str) -> list[str]:
    """The ERROR lines of a build log, without MkDocs' own "Error reading page 'x':" context line."""
    lines = [line.split("-", 1)[1].strip() for line in log.splitlines() if line.startswith("ERROR")]
    return [line for line in lines if not (line.startswith("Error reading page") and line.endswith(":"))]


CASES = {
    "unknown quote": ("{{ quote('sain-tyokavereita') }}", "{{ quote('sain-tyokavereta') }}",
                      "docs/index.md: quote(): unknown quote 'sain-tyokavereta' (known: aikaa-itselleen, "),
    "unknown reference": ("{{ cite('latostenmaa-tuomainen-2019') }}", "{{ cite('latostenmaa-2019') }}",
                          "docs/index.md: cite(): unknown reference 'latostenmaa-2019' (known: brusin-2014, "),
    "unknown variable": ("{{ facts.pilot.groups }}", "{{ facts.pilot.grups }}",
                         "docs/index.md: unknown name 'grups'"),
    "missing argument": ("{{ quote('sain-tyokavereita') }}", "{{ quote() }}",
                         "docs/index.md: quote(): missing a required argument: 'quote_id'"),
    "syntax error": ("{{ quote('sain-tyokavereita') }}", "{{ quote('sain-tyokavereita' }}",
                     "docs/index.md: line 15: macro syntax error: unexpected '}', expected ')'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_page_mistake_fails_the_build_with_one_line(case, project):
    old, new, expected = CASES[case]
    edit(project / "docs" / "index.md", old, new)
    errors = error_lines(failed_build(project))
    assert len(errors) == 1
    assert errors[0].startswith(expected) if expected.endswith(", ") else errors[0] == expected
    assert not (project / "site-out" / "index.html").exists() or "Macro" not in (
        project / "site-out" / "index.html").read_text()


def test_data_mistake_fails_the_build_with_one_line(project):
    edit(project / "data" / "quotes.yml", "themes: [verkostot]", "themes: [verkosot]")
    errors = error_lines(failed_build(project))
    assert len(errors) == 1
    assert errors[0].startswith("data/quotes.yml: quote 'synergia': themes: unknown theme 'verkosot' (known: ")


def test_reference_no_page_cites_fails_the_build(project):
    refs = project / "data" / "references.yml"
    refs.write_text(refs.read_text() + (
        "\n  - key: ylimaarainen-2020\n    authors: [\"Testaaja, T.\"]\n    year: 2020\n"
        "    title: Lähde, jota kukaan ei mainitse\n    type: raportti\n"), encoding="utf-8")
    errors = error_lines(failed_build(project))
    assert errors == ["data/references.yml: reference 'ylimaarainen-2020': not cited on any page "
                      "(cite it with {{ cite('ylimaarainen-2020') }} or remove it)"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, seconds: float = 120.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_survives_a_bad_edit_and_recovers(project):
    port = free_port()
    log_path = project / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
            cwd=project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    url = f"http://127.0.0.1:{port}/tyopeili/"

    def home() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            return ""

    try:
        assert wait_for(lambda: "Työpeili-käsikirja" in home()), log_path.read_text()[-2000:]
        facts = project / "data" / "facts.yml"
        good = facts.read_text()
        facts.write_text(good.replace("groups: 10", "groups: kymmenen"))
        expected = "data/facts.yml: pilot.groups: expected a whole number, got the text 'kymmenen'"
        assert wait_for(lambda: expected in log_path.read_text()), log_path.read_text()[-2000:]
        time.sleep(1)
        assert server.poll() is None, "the server must keep running"
        assert "Traceback" not in log_path.read_text()

        facts.write_text(good.replace("groups: 10", "groups: 11"))
        assert wait_for(lambda: re.search(r"<td>Ryhmiä</td>\s*<td>11</td>", home()) is not None), (
            log_path.read_text()[-2000:])
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
