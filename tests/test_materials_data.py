"""The facilitator training, the meeting templates and the worksheets as data: each kind of editor's
mistake fails with one exact line, made in a copy of the fixture handbook (conftest.data_copy)."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURE, ROOT, edit, known, load_error

BROKEN = ROOT / "tests" / "fixtures" / "broken-materials"
WORKSHEETS = known("worksheets")


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
    f"{WORKSHEETS}",
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
    f"'tuottavuus' {known('elements')}",
    "unknown-quote.meetings": "data/meetings.yml: meeting 'vuosikello': quotes: unknown quote 'uudet-tyokalut' "
    f"{known('quotes')}",
    "unknown-worksheet.meetings": "data/meetings.yml: meeting 'vuosikello': worksheet: unknown worksheet "
    f"'vuosikalenteri' {WORKSHEETS}",
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
    assert load_error(data_copy) == EXPECTED[case]


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
    shutil.copytree(FIXTURE / "docs", data_copy / "docs")
    (data_copy / "docs" / page).unlink()
    assert load_error(data_copy, docs_dir="docs") == expected


def test_reading_that_links_to_a_missing_page_is_named(data_copy):
    shutil.copytree(FIXTURE / "docs", data_copy / "docs")
    curriculum = data_copy / "data" / "curriculum.yml"
    text = curriculum.read_text(encoding="utf-8").replace("page: malli/index.md", "page: malli/indeksi.md")
    curriculum.write_text(text, encoding="utf-8")
    assert load_error(data_copy, docs_dir="docs") == (
        "data/curriculum.yml: session 'malli-ja-ohjaajan-rooli': reading: no such page 'malli/indeksi.md' in docs/"
    )


# Rules of a meeting's agenda and of the pages of meetings and worksheets: edits of the fixture.
RULES = {
    "check-in without confidentiality": (
        [("data/meetings.yml", "kuulumisensa. Ohjaaja muistuttaa luottamuksellisuudesta eli siitä, että ryhmässä",
          "kuulumisensa. Ohjaaja kertoo, että ryhmässä")],
        "data/meetings.yml: meeting 'vuosikello': agenda[1].what: the check-in must remind the group of "
        "confidentiality (say it with the word luottamuksellisuus)"),
    "closing without feedback": (
        [("data/meetings.yml", "title: Oma oivallus ja palautekierros", "title: Oma oivallus"),
         ("data/meetings.yml", "tapaamisesta\n          lyhyen palautteen.", "tapaamisesta\n          lyhyen kommentin.")],
        "data/meetings.yml: meeting 'kokemusten-vaihto': agenda[6]: the last step must close with a short feedback "
        "round (name it with the word palaute in its title or what)"),
    "heading is not the title": (
        [("docs/tapaamispohjat/vuosikello.md", "# Vuosikello", "# Vuoden kello")],
        "docs/tapaamispohjat/vuosikello.md: the page's heading must be '# Vuosikello', the title in "
        "data/meetings.yml (got 'Vuoden kello')"),
    "page without the macro": (
        [("docs/tyokirja/verkostokartta.md", "{{ worksheet('verkostokartta') }}", "Lomake tulee tähän.")],
        "docs/tyokirja/verkostokartta.md: the page must show the worksheet with {{ worksheet('verkostokartta') }}"),
}


@pytest.mark.parametrize("case", sorted(RULES))
def test_rule_of_meetings_and_their_pages_fails_with_its_exact_message(case, data_copy):
    edits, expected = RULES[case]
    shutil.copytree(FIXTURE / "docs", data_copy / "docs")
    for path, old, new in edits:
        edit(data_copy / path, old, new)
    assert load_error(data_copy, docs_dir="docs") == expected


def test_page_whose_file_name_is_no_entry_is_named(data_copy):
    shutil.copytree(FIXTURE / "docs", data_copy / "docs")
    shutil.copy(data_copy / "docs" / "tyokirja" / "vuosikello.md", data_copy / "docs" / "tyokirja" / "kalenteri.md")
    assert load_error(data_copy, docs_dir="docs") == (
        "docs/tyokirja/kalenteri.md: no worksheet with the id 'kalenteri' in data/worksheets.yml (a page in tyokirja/ "
        "shows the worksheet of its file name)"
    )
