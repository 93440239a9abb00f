"""CONTRIBUTING.md, the editors' guide: every example in it works, and every error it shows is real.

Each example block is marked with a comment the reader does not see, `<!-- tarkistus: ROLE -->`:
- `lisää PATH`: the block is added to the end of the file, as the guide tells the editor to;
- `muuta PATH`: the block's entries change the fields of the entries with the same id;
- `sivu PATH`: the block is a new page; `valikko`: a nav line, put at the end of its section;
- `makro` and `sivupohja`: Markdown that must render on a page;
- `virhe lisää|muuta PATH`: a mistake; the ```text block after it is what the build prints.
The worked examples are applied together to a copy of the project, which must build strictly.
Each mistake is applied alone to a fresh copy, whose build must fail with exactly the shown line.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_site

GUIDE = ROOT / "CONTRIBUTING.md"
IGNORE = shutil.ignore_patterns(".venv", "node_modules", "site", "dist", "build", ".git", "tests", "__pycache__",
                                ".pytest_cache")
EXAMPLES_PAGE = "docs/ohjeen-esimerkit.md"
TEMPLATE_PAGE = "docs/ohjeen-sivupohja.md"


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


def copy_project(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=IGNORE)
    # The guide's test pages are outside the navigation on purpose.
    with (copy / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("\nnot_in_nav: |\n  /ohjeen-*.md\n")
    return copy


def append(path: Path, snippet: str) -> range:
    """Add the snippet after a blank line at the end of the file; returns its line numbers."""
    text = path.read_text(encoding="utf-8")
    text += ("" if text.endswith("\n") else "\n") + "\n"
    first = text.count("\n") + 1
    path.write_text(text + snippet, encoding="utf-8")
    return range(first, first + snippet.count("\n"))


class _IndentedDumper(yaml.SafeDumper):
    """Writes lists indented under their key, as the data files are, so that later additions still fit."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def change(path: Path, snippet: str) -> None:
    """Change the named fields of the entries with the snippet's ids (or of a mapping), as an editor would."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edits = yaml.safe_load(snippet)
    if isinstance(edits, dict):
        for key, value in edits.items():
            data[key] = {**data[key], **value} if isinstance(value, dict) else value
    else:
        (entries,) = data.values()
        for edit in edits:
            name = "id" if "id" in edit else "key"
            (entry,) = [e for e in entries if e[name] == edit[name]]
            entry.update(edit)
    path.write_text(yaml.dump(data, Dumper=_IndentedDumper, allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")


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
        return append(project / target, block.text)
    elif verb == "muuta":
        change(project / target, block.text)
    elif verb == "sivu":
        (project / target).write_text(block.text, encoding="utf-8")
    elif verb == "valikko":
        add_to_nav(project, block.text)
    elif verb == "sivupohja":
        (project / TEMPLATE_PAGE).write_text(block.text, encoding="utf-8")
    elif verb == "makro":
        page = project / EXAMPLES_PAGE
        if not page.exists():
            page.write_text("---\ndescription: Ohjeen esimerkit.\n---\n\n# Ohjeen esimerkit\n", encoding="utf-8")
        append(page, block.text)
    else:
        raise AssertionError(f"unknown role {block.role!r} in {GUIDE.name}")
    return None


def test_every_example_block_of_the_guide_is_checked():
    unchecked = [b.text[:60] for b in BLOCKS if b.lang in ("yaml", "markdown", "text") and b.role is None]
    assert not unchecked, f"blocks without <!-- tarkistus: … -->: {unchecked}"
    assert {b.lang for b in BLOCKS} <= {"yaml", "markdown", "text", "sh"}


def test_every_command_the_guide_names_is_a_make_target():
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    commands = [line.strip() for b in BLOCKS if b.lang == "sh" for line in b.text.splitlines() if line.strip()]
    assert commands
    for command in commands:
        assert re.fullmatch(r"make [a-z-]+", command) and command.split()[1] in targets, command


def test_the_worked_examples_build_into_the_site(tmp_path):
    project = copy_project(tmp_path)
    for block in BLOCKS:
        if block.role and block.role not in ("viesti",) and not block.role.startswith("virhe "):
            apply(project, block)
    site = tmp_path / "site"
    done = build_site(site, cwd=project)
    assert done.returncode == 0, done.stderr[-3000:]

    def page(path: str) -> str:
        return (site / path / "index.html").read_text(encoding="utf-8")

    assert re.search(r"<h1[^>]*>Aamukahvit", page("tapaamispohjat/aamukahvit"))
    assert "Mikä asia on minulle juuri nyt ajankohtaisin?" in page("tyokirja/aamun-ajatukset")
    assert '<a href="aamukahvit/">Aamukahvit</a>' in page("tapaamispohjat")
    assert "Kuulumiskierros" in page("sanasto")
    assert "Työpeili-ryhmät pilotin jälkeen" in page("lahteet")
    assert "Ryhmä kantaa silloinkin, kun oma jaksaminen on vähissä." in page("sitaatit")
    assert "Usein kysyttyä" in page("ohjaajakoulutus")
    examples = page("ohjeen-esimerkit")
    assert "Yrittäjä" in examples and 'class="tp-cite"' in examples and "{{" not in examples


@pytest.mark.parametrize("mistake", MISTAKES, ids=[f"{i}-{m.role}" for i, m in enumerate(MISTAKES)])
def test_each_error_the_guide_shows_is_what_the_build_prints(tmp_path, mistake):
    project = copy_project(tmp_path)
    added = apply(project, mistake)
    done = build_site(tmp_path / "site", cwd=project)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Traceback" not in output
    errors = [re.sub(r"^ERROR\s+-\s+", "", line) for line in output.splitlines() if line.startswith("ERROR")]
    # A line number depends on how long the file has grown since the guide was written: it must
    # point into the added lines, and the rest of the message must be the same.
    for error in errors:
        for number in re.findall(r"\bline (\d+)", error):
            assert added is not None and int(number) in added, (error, added)
    assert [re.sub(r"\bline \d+", "line N", e) for e in errors] == \
        [re.sub(r"\bline \d+", "line N", e) for e in mistake.expected], output[-2000:]
