"""A mistake in a page or in data fails the build of the fixture handbook with one line, and no page
is published with it; `make serve` shows the line, keeps running and recovers.

Each kind of mistake in a page is made in the fixture's home page and rendered with the pages' macros
as the build renders it; one of them goes through the real build, which prints the same line.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import FIXTURE, edit, failed_build, known, render_page
from handbook.errors import HandbookError
from nginxserver import free_port

PAGE = "docs/index.md"
# The page line the mistake is on: the line of the first macro that the cases change.
LINE = "line 9"
CASES = {
    "unknown quote": ("{{ quote('sain-tyokavereita') }}", "{{ quote('sain-tyokavereta') }}",
                      f"{PAGE}: line 11: quote(): unknown quote 'sain-tyokavereta' {known('quotes')}"),
    "unknown reference": ("{{ cite('latostenmaa-tuomainen-2019') }}", "{{ cite('latostenmaa-2019') }}",
                          f"{PAGE}: {LINE}: cite(): unknown reference 'latostenmaa-2019' {known('references')}"),
    "unknown variable": ("{{ facts.pilot.groups }}", "{{ facts.pilot.grups }}", f"{PAGE}: {LINE}: unknown name 'grups'"),
    "missing argument": ("{{ quote('sain-tyokavereita') }}", "{{ quote() }}",
                         f"{PAGE}: line 11: quote(): missing a required argument: 'quote_id'"),
    "syntax error": ("{{ quote('sain-tyokavereita') }}", "{{ quote('sain-tyokavereita' }}",
                     f"{PAGE}: line 11: macro syntax error: unexpected '}}', expected ')'"),
    "arithmetic": ("{{ facts.pilot.groups }}", "{{ facts.pilot.groups / 0 }}",
                   f"{PAGE}: {LINE}: TypeError: unsupported operand type(s) for /: 'str' and 'int'"),
    "division by zero": ("{{ facts.pilot.groups }}", "{{ 1 / 0 }}", f"{PAGE}: {LINE}: ZeroDivisionError: division by zero"),
    "include of a missing file": ("{{ facts.pilot.groups }}", "{% include 'ryhmat.md' %}",
                                  f"{PAGE}: {LINE}: include: no file 'ryhmat.md' in docs/"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_page_mistake_is_one_line_naming_the_page_and_its_line(case, page_macros):
    old, new, expected = CASES[case]
    source = (FIXTURE / PAGE).read_text(encoding="utf-8")
    assert old in source
    with pytest.raises(HandbookError) as caught:
        render_page(page_macros, source.replace(old, new, 1), "index.md")
    assert str(caught.value) == expected


def test_page_mistake_fails_the_build_with_its_line_and_nothing_is_published(fixture_project):
    old, new, expected = CASES["unknown quote"]
    edit(fixture_project / PAGE, old, new)
    assert failed_build(fixture_project) == [expected]
    assert not (fixture_project / "site-out" / "index.html").exists()


def test_data_mistake_fails_the_build_with_one_line(fixture_project):
    edit(fixture_project / "data" / "quotes.yml", "- verkostot", "- verkosot")
    errors = failed_build(fixture_project)
    assert errors == ["data/quotes.yml: quote 'tarvitsin-verkostoa': themes: unknown theme 'verkosot' "
                      f"{known('elements')}"]


def test_a_search_word_that_means_a_word_no_page_has_fails_the_build(fixture_project):
    edit(fixture_project / "data" / "synonyms.yml", "means: verkkotapaaminen", "means: verkkotapaamien")
    assert failed_build(fixture_project) == [
        "data/synonyms.yml: entry 'verkkotapaamien': means: 'verkkotapaamien' is on no page of the site "
        "(write the handbook's word as a page has it)"]


def test_reference_no_page_cites_fails_the_build(fixture_project):
    refs = fixture_project / "data" / "references.yml"
    refs.write_text(refs.read_text() + (
        "\n  - key: ylimaarainen-2020\n    authors: [\"Testaaja, T.\"]\n    year: 2020\n"
        "    title: Lähde, jota kukaan ei mainitse\n    type: raportti\n"), encoding="utf-8")
    assert failed_build(fixture_project) == [
        "data/references.yml: reference 'ylimaarainen-2020': not cited on any page "
        "(cite it with {{ cite('ylimaarainen-2020') }} or remove it)"]


def wait_for(predicate, seconds: float = 120.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_survives_a_bad_edit_and_recovers(fixture_project):
    port = free_port()
    log_path = fixture_project / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
            cwd=fixture_project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
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
        assert wait_for(lambda: "Testikäsikirja" in home()), log_path.read_text()[-2000:]
        facts = fixture_project / "data" / "facts.yml"
        good = facts.read_text()
        facts.write_text(good.replace("groups: 10", "groups: kymmenen"))
        expected = "data/facts.yml: pilot.groups: expected a whole number, got the text 'kymmenen'"
        assert wait_for(lambda: expected in log_path.read_text()), log_path.read_text()[-2000:]
        time.sleep(1)
        assert server.poll() is None, "the server must keep running"
        assert "Traceback" not in log_path.read_text()

        facts.write_text(good.replace("groups: 10", "groups: 11"))
        assert wait_for(lambda: re.search(r"toimi 11 ryhmää", home()) is not None), log_path.read_text()[-2000:]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
