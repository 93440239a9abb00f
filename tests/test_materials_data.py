"""The facilitator training, the meeting templates and the worksheets as data: the real files follow
the source article's frame, every template and worksheet has its page, and each kind of editor's
mistake fails with one exact line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import assert_message, build_site, load_error
from handbook import data

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "fixtures" / "broken-materials"

MEETING_IDS = [
    "ensimmainen-tapaaminen", "kokemusten-vaihto", "hyvinvointi-ilta", "kavelytapaaminen",
    "yhteinen-asiantuntijaosuus", "tehdaan-yhdessa", "markkinointikaytannot", "vuosikello", "verovahennykset",
    "lomasijaisuudet", "ryhman-vire", "paatostapaaminen",
]
WORKSHEET_IDS = [
    "tapaamislomake", "odotukseni", "ryhmasopimus", "vuosikello", "hyvinvointi-ja-oma-aika", "markkinointikokeilu",
    "verkostokartta", "palaute-ja-arviointi",
]


@pytest.fixture(scope="module")
def hb():
    return data.load(ROOT)


def test_the_library_has_the_twelve_templates_and_the_workbook_the_eight_worksheets(hb):
    assert [m.id for m in hb.meetings.meetings] == MEETING_IDS
    assert [w.id for w in hb.worksheets.worksheets] == WORKSHEET_IDS


def test_curriculum_follows_the_frame_the_article_gives(hb):
    sessions = hb.curriculum.sessions
    assert len(sessions) == hb.facts.training.sessions == 5
    assert sum(s.hours for s in sessions) == hb.facts.training.hours == 12
    # Two sessions before the trainee gathers a group, two online meetings while leading it, a closing one.
    assert [(s.mode, s.timing) for s in sessions] == [
        ("lähi", "ennen ryhmää"), ("lähi", "ennen ryhmää"), ("verkko", "ryhmän aikana"),
        ("verkko", "ryhmän aikana"), ("lähi", "päätös"),
    ]
    assert any("hinnoittelu" in text.lower() for s in sessions for text in [s.title, *s.contents])


def test_every_meeting_opens_with_confidentiality_and_closes_with_takeaways_and_feedback(hb):
    for m in hb.meetings.meetings:
        first, last = m.agenda[0], m.agenda[-1]
        assert "luottamuksellisuu" in first.what, m.id
        assert "palaute" in (last.what + last.title).lower(), m.id
        assert sum(step.minutes for step in m.agenda) == m.length_minutes, m.id


def test_every_meeting_pairs_only_with_others_and_uses_the_article_as_basis(hb):
    for m in hb.meetings.meetings:
        assert m.id not in m.pairs_with
        assert m.basis.startswith("Artikkelin mukaan"), m.id


def front_matter_and_body(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\ndescription: (.+)\n---\n\n(.*)", text, re.S)
    assert match, f"{path.name}: starts with front matter that has a description"
    return match.group(1), match.group(2)


@pytest.mark.parametrize(
    "folder, macro, ids_of",
    [
        ("tapaamispohjat", "meeting", lambda hb: {m.id: m.title for m in hb.meetings.meetings}),
        ("tyokirja", "worksheet", lambda hb: {w.id: w.title for w in hb.worksheets.worksheets}),
    ],
)
def test_every_entry_has_its_page_and_every_page_its_entry(hb, folder, macro, ids_of):
    titles = ids_of(hb)
    pages = {p.stem for p in (ROOT / "docs" / folder).glob("*.md")} - {"index"}
    assert pages == set(titles)
    for ident, title in titles.items():
        _, body = front_matter_and_body(ROOT / "docs" / folder / f"{ident}.md")
        assert body.startswith(f"# {title}\n"), f"{folder}/{ident}.md: its H1 is the title in data"
        assert f"{{{{ {macro}('{ident}') }}}}" in body


def test_the_index_pages_use_the_index_macros():
    assert "{{ meetings_index() }}" in (ROOT / "docs" / "tapaamispohjat" / "index.md").read_text(encoding="utf-8")
    assert "{{ worksheets_index() }}" in (ROOT / "docs" / "tyokirja" / "index.md").read_text(encoding="utf-8")
    assert "{{ curriculum() }}" in (ROOT / "docs" / "ohjaajakoulutus.md").read_text(encoding="utf-8")




# Each fixture is named <case>.<data file>.yml and replaces that file in a copy of data/.
EXPECTED = {
    "hours-do-not-add-up.curriculum": "data/curriculum.yml: sessions: hours add up to 11,5, stated total is 12 "
    "(data/facts.yml training.hours)",
    "too-few-sessions.curriculum": "data/curriculum.yml: sessions: 4 sessions, but data/facts.yml "
    "training.sessions says 5",
    "unknown-mode.curriculum": "data/curriculum.yml: session 'yksi': mode: Input should be 'lähi' or 'verkko' "
    "(got 'etä')",
    "hours-as-text.curriculum": "data/curriculum.yml: session 'yksi': hours: expected a number, got the text '3 h'",
    "unknown-worksheet.curriculum": "data/curriculum.yml: session 'yksi': worksheets: unknown worksheet 'odotukset' "
    "(known: hyvinvointi-ja-oma-aika, markkinointikokeilu, odotukseni, palaute-ja-arviointi, ryhmasopimus, "
    "tapaamislomake, verkostokartta, vuosikello)",
    "duplicate-id.curriculum": "data/curriculum.yml: session 'yksi': duplicate id",
    "minutes-do-not-add-up.meetings": "data/meetings.yml: meeting 'vuosikello': agenda: minutes add up to 85, "
    "stated length is 90",
    "no-opening.meetings": "data/meetings.yml: meeting 'vuosikello': agenda: the first step must be the check-in "
    "with the reminder of confidentiality (kind: avaus), got 'työskentely'",
    "no-closing.meetings": "data/meetings.yml: meeting 'vuosikello': agenda: the last step must be the takeaways "
    "and feedback round (kind: lopetus), got 'työskentely'",
    "unknown-pairs-with.meetings": "data/meetings.yml: meeting 'vuosikello': pairs_with: unknown meeting "
    "'lomasijaisuus' (known: lomasijaisuudet, vuosikello)",
    "pairs-with-itself.meetings": "data/meetings.yml: meeting 'vuosikello': pairs_with: a template cannot pair "
    "with itself",
    "unknown-model-part.meetings": "data/meetings.yml: meeting 'vuosikello': model_parts: unknown model element "
    "'tuottavuus' (known: me-pystyvyys, ratkaisut, reflektoiva-oppiminen, resilienssi, rohkaistuminen-ja-jakaminen, "
    "tuottavuus-ja-jatkuvuus, tyopeili-ohjaaja, verkostot, vertaisvoima, ymmarrys-ja-itselle-aikaa, "
    "yrittajavertaisuus)",
    "unknown-quote.meetings": "data/meetings.yml: meeting 'vuosikello': quotes: unknown quote 'uudet-tyokalut' "
    "(known: ",
    "unknown-worksheet.meetings": "data/meetings.yml: meeting 'vuosikello': worksheet: unknown worksheet "
    "'vuosikalenteri' (known: hyvinvointi-ja-oma-aika, markkinointikokeilu, odotukseni, palaute-ja-arviointi, "
    "ryhmasopimus, tapaamislomake, verkostokartta, vuosikello)",
    "unknown-phase.meetings": "data/meetings.yml: meeting 'vuosikello': phases[1]: Input should be 'alkuvaihe', "
    "'keskivaihe' or 'loppuvaihe' (got 'alku')",
    "missing-when-not.meetings": "data/meetings.yml: meeting 'vuosikello': when_not: missing field",
    "group-size-backwards.meetings": "data/meetings.yml: meeting 'vuosikello': group_size: max is smaller than min",
    "duplicate-id.meetings": "data/meetings.yml: meeting 'vuosikello': duplicate id",
    "lines-and-box.worksheets": "data/worksheets.yml: worksheet 'vuosikello': fields[1]: give the room to write "
    "as either lines or box_cm (one of them)",
    "nothing-to-fill-in.worksheets": "data/worksheets.yml: worksheet 'vuosikello': give fields or a table: "
    "a worksheet needs something to fill in",
    "too-many-lines.worksheets": "data/worksheets.yml: worksheet 'vuosikello': fields[1].lines: "
    "Input should be less than or equal to 30 (got 40)",
    "unknown-field.worksheets": "data/worksheets.yml: worksheet 'vuosikello': fields[1].rivit: unknown field",
    "duplicate-id.worksheets": "data/worksheets.yml: worksheet 'vuosikello': duplicate id",
}


def test_every_broken_fixture_has_an_expected_message():
    assert sorted(p.name.removesuffix(".yml") for p in BROKEN.glob("*.yml")) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_broken_file_fails_with_its_exact_message(case, data_copy):
    shutil.copy(BROKEN / f"{case}.yml", data_copy / "data" / (case.split(".")[1] + ".yml"))
    assert_message(load_error(data_copy), EXPECTED[case])


def test_stated_total_in_facts_is_what_the_sessions_must_add_up_to(data_copy):
    facts = data_copy / "data" / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("  hours: 12", "  hours: 14"), encoding="utf-8")
    assert load_error(data_copy) == (
        "data/curriculum.yml: sessions: hours add up to 12, stated total is 14 (data/facts.yml training.hours)"
    )


@pytest.mark.parametrize(
    "page, expected",
    [
        ("tapaamispohjat/vuosikello.md",
         "data/meetings.yml: meeting 'vuosikello': no page 'tapaamispohjat/vuosikello.md' in docs/ "
         "(add it with the macro)"),
        ("tyokirja/verkostokartta.md",
         "data/worksheets.yml: worksheet 'verkostokartta': no page 'tyokirja/verkostokartta.md' in docs/ "
         "(add it with the macro)"),
    ],
)
def test_entry_without_its_page_is_named(data_copy, page, expected):
    shutil.copytree(ROOT / "docs", data_copy / "docs")
    (data_copy / "docs" / page).unlink()
    assert load_error(data_copy, docs_dir="docs") == expected


def test_reading_that_links_to_a_missing_page_is_named(data_copy):
    shutil.copytree(ROOT / "docs", data_copy / "docs")
    curriculum = data_copy / "data" / "curriculum.yml"
    text = curriculum.read_text(encoding="utf-8").replace("page: malli/index.md", "page: malli/indeksi.md")
    curriculum.write_text(text, encoding="utf-8")
    assert load_error(data_copy, docs_dir="docs") == (
        "data/curriculum.yml: session 'malli-ja-ohjaajan-rooli': reading: no such page 'malli/indeksi.md' in docs/"
    )


def test_minutes_that_do_not_add_up_fail_the_real_build_with_one_line(tmp_path):
    project = tmp_path / "project"
    ignore = shutil.ignore_patterns(".venv", "node_modules", "site", "dist", ".git", "tests", "__pycache__")
    shutil.copytree(ROOT, project, ignore=ignore)
    meetings = project / "data" / "meetings.yml"
    text = meetings.read_text(encoding="utf-8")
    step = "      - title: Oma vuosikello\n        minutes: 30\n"
    assert text.count(step) == 1
    meetings.write_text(text.replace(step, "      - title: Oma vuosikello\n        minutes: 25\n"), encoding="utf-8")
    done = build_site(project / "site-out", cwd=project)
    log = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in log
    errors = [line.split("-", 1)[1].strip() for line in log.splitlines() if line.startswith("ERROR")]
    assert errors == ["data/meetings.yml: meeting 'vuosikello': agenda: minutes add up to 85, stated length is 90"]
