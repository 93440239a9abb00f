"""CONTRIBUTING.md, the editors' guide: its examples pass the editors' check, and every error it shows
is what the build prints.

Each example block is marked with a comment the reader does not see, `<!-- tarkistus: ROLE -->`:
- `lisää PATH`: the block is added to the end of the file, as the guide tells the editor to;
  `lisää PATH otsikon ”## Otsikko” alle`: under that heading of a page;
- `muuta PATH`: the block's entries change the fields of the entries with the same id;
- `valikko`: a nav line, put at the end of the section that lists pages of the same folder;
- `makro`: Markdown that must render on a page (the page the guide's first example makes);
- `komennot`: shell commands to run in the project (copying a skeleton from templates/);
- `virhe lisää|muuta PATH`: a mistake; the ```text block after it is what the build prints, where
  "(known: …)" stands for the list of known ids, which grows with the data.
The worked examples are applied together to a copy of the project, on which `make check` must pass.
Each mistake is applied alone to a fresh copy, which must fail with exactly the lines shown: a
mistake in data by loading the data (the build prints the same line, tests/test_build_errors.py),
a mistake in a page or a reference no page cites by building.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_site, copy_project, error_lines, make
from handbook import data
from handbook.errors import HandbookError
from handbook.pages import MACROS

GUIDE = ROOT / "CONTRIBUTING.md"
# The macro examples go on the new page the guide makes from templates/sivu.md.
EXAMPLES_PAGE = "docs/ohjaajalle/uusi-sivu.md"
# Commands the guide may show besides its examples: make targets and the git workflow.
GIT_COMMANDS = ("git pull", "git add ", "git commit ", "git push")


@dataclass
class Block:
    lang: str
    text: str
    role: str | None
    expected: list[str] | None = None  # for a mistake: the lines the guide shows


def guide_blocks() -> list[Block]:
    text = GUIDE.read_text(encoding="utf-8")
    found: list[Block] = []
    for match in re.finditer(r"^```(\w*)\n(.*?)^```$", text, re.M | re.S):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marker = re.fullmatch(r"<!-- tarkistus: (.+?) -->", before)
        found.append(Block(match.group(1), match.group(2), marker.group(1) if marker else None))
    # A mistake's message is the next ```text block.
    for i, block in enumerate(found):
        if block.role and block.role.startswith("virhe "):
            following = found[i + 1]
            assert following.lang == "text" and following.role is None, f"no message after the mistake {block.text!r}"
            block.expected = following.text.strip().splitlines()
            following.role = "viesti"
    return found


BLOCKS = guide_blocks()
MISTAKES = [b for b in BLOCKS if b.role and b.role.startswith("virhe ")]
EXAMPLES = [b for b in BLOCKS if b.role and b.role != "viesti" and not b.role.startswith("virhe ")]


def append(path: Path, snippet: str, heading: str | None = None) -> range:
    """Add the snippet after a blank line, at the end of the file or under a heading; returns its lines."""
    text = path.read_text(encoding="utf-8")
    if heading is None:
        before, after = text + ("" if text.endswith("\n") else "\n") + "\n", ""
    else:
        at = text.index(f"\n{heading}\n") + len(heading) + 2
        before, after = text[:at] + "\n", "\n" + text[at:]
    first = before.count("\n") + 1
    path.write_text(before + snippet + after, encoding="utf-8")
    return range(first, first + snippet.count("\n"))


class _IndentedDumper(yaml.SafeDumper):
    """Writes lists indented under their key, as the data files are, so that later additions still fit."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def change(path: Path, snippet: str) -> None:
    """Change the named fields of the entries with the snippet's ids, as an editor would (the file's
    opening comments stay)."""
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    # The entries are in the file's list of entries with ids (curriculum.yml also has a list of its basis).
    entries = [e for value in content.values() if isinstance(value, list) for e in value
               if isinstance(e, dict) and ("id" in e or "key" in e)]
    for edit in yaml.safe_load(snippet):
        name = "id" if "id" in edit else "key"
        (entry,) = [e for e in entries if e.get(name) == edit[name]]
        entry.update(edit)
    header = _leading_comments(path.read_text(encoding="utf-8"))
    path.write_text(header + yaml.dump(content, Dumper=_IndentedDumper, allow_unicode=True, sort_keys=False,
                                       width=1000), encoding="utf-8")


def _leading_comments(text: str) -> str:
    """The comment lines (and blank lines) a data file starts with, such as its schema line."""
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith("#") or not line.strip():
            lines.append(line)
        else:
            break
    return "".join(lines)


def add_to_nav(project: Path, snippet: str) -> None:
    """Put the nav line after the last line of the section that holds pages of the same folder."""
    (entry,) = yaml.safe_load(snippet)
    folder = next(iter(entry.values())).split("/")[0] + "/"
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    last = max(i for i, line in enumerate(lines) if re.match(rf"\s+- .*: {re.escape(folder)}", line))
    lines.insert(last + 1, snippet if snippet.endswith("\n") else snippet + "\n")
    config.write_text("".join(lines), encoding="utf-8")


def apply(project: Path, block: Block) -> range | None:
    """Make the block's change in the project; for an addition, returns the lines it went to."""
    role = block.role.removeprefix("virhe ")
    verb, _, target = role.partition(" ")
    if verb == "lisää":
        path, _, where = target.partition(" ")
        heading = re.fullmatch(r"otsikon ”(.+)” alle", where)
        return append(project / path, block.text, heading.group(1) if heading else None)
    elif verb == "muuta":
        change(project / target, block.text)
    elif verb == "valikko":
        add_to_nav(project, block.text)
    elif verb == "komennot":
        subprocess.run(["bash", "-euc", block.text], cwd=project, check=True)
    elif verb == "makro":
        append(project / EXAMPLES_PAGE, block.text)
    else:
        raise AssertionError(f"unknown role {block.role!r} in {GUIDE.name}")
    return None


def test_every_example_block_of_the_guide_is_checked():
    unchecked = [b.text[:60] for b in BLOCKS if b.lang in ("yaml", "markdown", "text") and b.role is None]
    assert not unchecked, f"blocks without <!-- tarkistus: … -->: {unchecked}"
    assert {b.lang for b in BLOCKS} <= {"yaml", "markdown", "text", "sh"}


def test_every_command_the_guide_names_is_a_make_target_or_the_git_workflow():
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    commands = [line.strip() for b in BLOCKS if b.lang == "sh" and b.role is None
                for line in b.text.splitlines() if line.strip()]
    assert commands
    for command in commands:
        make_target = re.fullmatch(r"make ([a-z-]+)", command)
        assert (make_target and make_target.group(1) in targets) or command.startswith(GIT_COMMANDS), command


def test_every_macro_is_in_the_guide():
    table = GUIDE.read_text(encoding="utf-8")
    assert [name for name in MACROS if f"{{{{ {name}(" not in table] == []


def test_the_guide_copies_every_skeleton():
    copied = {word for b in EXAMPLES if b.role == "komennot" for word in b.text.split() if word.startswith("templates/")}
    assert copied == {f"templates/{p.name}" for p in (ROOT / "templates").iterdir()}


@pytest.mark.full
def test_the_examples_and_skeletons_pass_the_editors_check(tmp_path):
    project = copy_project(tmp_path / "project", tests=True, committed=True)
    for block in EXAMPLES:
        apply(project, block)
    done = make("check", tmp_path / "build", project=project)
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]

    def page(path: str) -> str:
        return (tmp_path / "build" / "site" / path / "index.html").read_text(encoding="utf-8")

    assert "Ryhmä kantaa silloinkin, kun oma jaksaminen on vähissä." in page("ilmiot/resilienssi")
    assert "Työpeili-ryhmät pilotin jälkeen" in page("lahteet")
    assert "Kuulumiskierros" in page("sanasto")
    assert re.search(r"<h1[^>]*>Uusi tapaamispohja", page("tapaamispohjat/uusi-tapaamispohja"))
    assert '<a href="uusi-tapaamispohja/">Uusi tapaamispohja</a>' in page("tapaamispohjat")
    assert re.search(r"<h1[^>]*>Uusi lomake", page("tyokirja/uusi-lomake"))
    examples = page("ohjaajalle/uusi-sivu")
    assert re.search(r"<h1[^>]*>Sivun otsikko", examples)
    assert "Yrittäjä" in examples and 'class="tp-cite"' in examples and "{{" not in examples


def same(actual: list[str], shown: list[str], added: range | None) -> None:
    """The lines the guide shows are the lines printed: a line number must point into the lines the
    mistake added, and "(known: …)" stands for the list of known ids."""
    for line in actual:
        for number in re.findall(r"\bline (\d+)", line):
            assert added is not None and int(number) in added, (line, added)

    def pattern(line: str) -> str:
        escaped = re.escape(re.sub(r"\bline \d+", "line N", line))
        return escaped.replace(re.escape("(known: …)"), r"\(known: [^)]+\)")

    normalised = [re.sub(r"\bline \d+", "line N", line) for line in actual]
    assert len(normalised) == len(shown), (actual, shown)
    for line, expected in zip(normalised, shown):
        assert re.fullmatch(pattern(expected), line), (line, expected)


@pytest.mark.parametrize("mistake", MISTAKES, ids=[f"{i}-{m.role}" for i, m in enumerate(MISTAKES)])
def test_each_error_the_guide_shows_is_what_the_build_prints(tmp_path, mistake):
    project = copy_project(tmp_path / "project")
    added = apply(project, mistake)
    target = mistake.role.split()[2]
    # Loading checks every data file; that each reference is cited, and that the word a search word
    # means stands on a page, is known only after the build.
    if target.startswith("data/") and target not in ("data/references.yml", "data/synonyms.yml"):
        with pytest.raises(HandbookError) as caught:
            data.load(project)
        same([str(caught.value)], mistake.expected, added)
        return
    done = build_site(tmp_path / "site", cwd=project)
    output = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in output, output[-2000:]
    lines = [re.sub(r"^ERROR\s+-\s+", "", line) for line in output.splitlines() if line.startswith("ERROR")]
    same(lines, mistake.expected, added)
    assert error_lines(output)
