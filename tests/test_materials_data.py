"""The facilitator training, the meeting templates and the worksheets as data: each kind of editor's
mistake fails with one exact line, made in a copy of the fixture handbook (conftest.data_copy)."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURE, ROOT, edit, known, load_error, rewrite
from handbook import data
from handbook.errors import quoted

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


# --- rules of the new fields: each mistake made in the fixture's data, expectations from that data ------

def meeting_error(data_copy, meeting_id: str, change, docs: bool = False) -> str:
    """Change one meeting template of the fixture's meetings.yml; the message loading fails with."""
    def apply(content):
        (entry,) = [m for m in content["meetings"] if m["id"] == meeting_id]
        change(entry)

    rewrite(data_copy / "data" / "meetings.yml", apply)
    if docs:
        shutil.copytree(FIXTURE / "docs", data_copy / "docs")
    return load_error(data_copy, docs_dir="docs" if docs else None)


def minutes(value: float) -> str:
    """Minutes as a message writes them: 2.5 → '2,5'."""
    return f"{value:g}".replace(".", ",")


BASIS_HINT = ("(basis holds only what the source says, each statement as `- text: …` with `cite: [key]`; the "
              "handbook's own advice goes into the other fields)")


def test_a_basis_statement_without_its_source_is_named_with_a_hint(data_copy, hb):
    m = hb.meetings.meetings[0]
    assert meeting_error(data_copy, m.id, lambda e: e["basis"][0].pop("cite")) == (
        f"data/meetings.yml: meeting '{m.id}': basis[1].cite: missing field {BASIS_HINT}")


def test_a_basis_written_as_plain_text_is_named_with_a_hint(data_copy, hb):
    m = hb.meetings.meetings[0]
    text = m.basis[0].text

    def change(entry):
        entry["basis"] = text

    assert meeting_error(data_copy, m.id, change) == (
        f"data/meetings.yml: meeting '{m.id}': basis: expected a list, got the text {quoted(text)} {BASIS_HINT}")


def test_a_basis_citing_an_unknown_source_is_named(data_copy, hb):
    m = hb.meetings.meetings[0]

    def change(entry):
        entry["basis"][0]["cite"] = ["latostenmaa-2019"]

    assert meeting_error(data_copy, m.id, change) == (
        f"data/meetings.yml: meeting '{m.id}': basis[1].cite: unknown reference 'latostenmaa-2019' "
        f"{known('references')}")


def test_a_template_for_one_group_takes_the_seasons_group_size(data_copy, hb):
    m = next(m for m in hb.meetings.meetings if m.groups == "oma ryhmä")

    def change(entry):
        entry["group_size"] = {"min": 3, "max": 8}

    assert meeting_error(data_copy, m.id, change) == (
        f"data/meetings.yml: meeting '{m.id}': group_size: a template for one group uses the recommended size of "
        "data/season.yml (group_size); give group_size only with groups: useampi ryhmä")


def test_a_template_for_several_groups_needs_its_group_size(data_copy, hb):
    m = hb.meetings.meetings[0]
    assert meeting_error(data_copy, m.id, lambda e: e.update(groups="useampi ryhmä")) == (
        f"data/meetings.yml: meeting '{m.id}': group_size: missing field (a template for several groups needs it)")


def test_the_check_in_says_how_long_each_member_speaks(data_copy, hb):
    m = hb.meetings.meetings[0]
    step = m.agenda[0]
    assert meeting_error(data_copy, m.id, lambda e: e["agenda"][0].pop("per_person_minutes")) == (
        f"data/meetings.yml: meeting '{m.id}': agenda[1] '{step.title}': per_person_minutes: missing field (the "
        "check-in and the closing round go round every member: say how many minutes each has)")


def test_a_round_that_does_not_fit_the_largest_group_is_named(data_copy, hb):
    m = hb.meetings.meetings[0]
    step, size = m.agenda[0], hb.group_size(m).max
    each = step.minutes // size + 1

    def change(entry):
        entry["agenda"][0]["per_person_minutes"] = each

    assert meeting_error(data_copy, m.id, change) == (
        f"data/meetings.yml: meeting '{m.id}': agenda[1] '{step.title}': a round of {each} min for each of {size} "
        f"members takes {each * size} min, but the step has {step.minutes} min")


def test_a_round_in_small_groups_is_timed_for_one_group_of_the_recommended_size(data_copy, hb):
    """Several groups meet together: a round in each group's own circle fits, one round of all does not."""
    m = hb.meetings.meetings[0]
    step, one_group = m.agenda[0], hb.season.group_size.max
    together = {"min": one_group * 3, "max": one_group * 4}
    each = step.minutes / one_group

    def change(entry, in_small_groups: bool):
        entry.update(groups="useampi ryhmä", group_size=together)
        entry["agenda"][0]["per_person_minutes"] = each
        for other in entry["agenda"]:
            if "per_person_minutes" in other:
                other["in_small_groups"] = in_small_groups

    shutil.copytree(data_copy / "data", data_copy / "in-circles" / "data")
    assert meeting_error(data_copy, m.id, lambda e: change(e, False)) == (
        f"data/meetings.yml: meeting '{m.id}': agenda[1] '{step.title}': a round of {minutes(each)} min for each of "
        f"{together['max']} members takes {minutes(each * together['max'])} min, but the step has {step.minutes} min")

    def in_circles(content):
        (entry,) = [e for e in content["meetings"] if e["id"] == m.id]
        change(entry, True)

    rewrite(data_copy / "in-circles" / "data" / "meetings.yml", in_circles)
    data.load(data_copy / "in-circles", docs_dir=None)


def test_a_face_to_face_template_has_no_online_steps(data_copy, hb):
    m = next(m for m in hb.meetings.meetings if any(step.online for step in m.agenda) and m.format != "lähi")
    i, step = next((i, s) for i, s in enumerate(m.agenda, 1) if s.online)
    assert meeting_error(data_copy, m.id, lambda e: e.update(format="lähi")) == (
        f"data/meetings.yml: meeting '{m.id}': agenda[{i}] '{step.title}': online: the template is held face to "
        "face (format: lähi), so it has no online steps")


@pytest.mark.parametrize("field", ["makes_possible", "tips", "when_not"])
def test_a_templates_proposal_does_not_speak_for_the_pilot(data_copy, hb, field):
    m = hb.meetings.meetings[0]

    def change(entry):
        said = "Pilotissa ryhmät tapasivat kerran kuukaudessa."
        entry[field] = [said] if isinstance(entry[field], list) else said

    where = f"{field}[1]" if isinstance(getattr(m, field), list) else field
    assert meeting_error(data_copy, m.id, change) == (
        f"data/meetings.yml: meeting '{m.id}': {where}: 'Pilotissa': this field is the handbook's proposal and does "
        "not speak for the pilot or the article; put what the article says in basis with its cite")


def test_read_more_that_links_to_a_missing_page_is_named(data_copy, hb):
    m = next(m for m in hb.meetings.meetings if m.read_more)

    def change(entry):
        entry["read_more"][0]["page"] = "ohjaajalle/ei-ole.md"

    assert meeting_error(data_copy, m.id, change, docs=True) == (
        f"data/meetings.yml: meeting '{m.id}': read_more: no such page 'ohjaajalle/ei-ole.md' in docs/")


# --- worksheets returned without a name ---------------------------------------------------------------

def worksheet_error(data_copy, worksheet_id: str, change) -> str:
    def apply(content):
        (entry,) = [w for w in content["worksheets"] if w["id"] == worksheet_id]
        change(entry)

    rewrite(data_copy / "data" / "worksheets.yml", apply)
    return load_error(data_copy)


def test_an_anonymous_sheet_does_not_ask_for_a_name(data_copy, hb):
    w = next(w for w in hb.worksheets.worksheets if w.anonymous)

    def change(entry):
        entry["fields"].append({"question": "Nimi (vapaaehtoinen)", "lines": 1})

    assert worksheet_error(data_copy, w.id, change) == (
        f"data/worksheets.yml: worksheet '{w.id}': fields[{len(w.fields) + 1}]: an anonymous sheet does not ask for "
        "a name")


def test_a_sheet_that_says_it_may_be_returned_without_a_name_is_anonymous(data_copy, hb):
    w = next(w for w in hb.worksheets.worksheets if w.anonymous)
    assert any("nimettömä" in text for text in w.instructions)
    assert worksheet_error(data_copy, w.id, lambda e: e.pop("anonymous")) == (
        f"data/worksheets.yml: worksheet '{w.id}': anonymous: the sheet says it may be returned without a name: set "
        "anonymous: true (the sheet then has no name line)")


# --- the training: when each session is held ------------------------------------------------------------

def session_error(data_copy, number: int, change) -> str:
    """Change the session with this number (1 = the first) of the fixture's curriculum.yml."""
    rewrite(data_copy / "data" / "curriculum.yml", lambda content: change(content["sessions"][number - 1]))
    return load_error(data_copy)


def test_a_session_before_the_group_is_held_in_month_zero(data_copy, hb):
    before = hb.facts.training.sessions_before_group
    s = hb.curriculum.sessions[before - 1]
    assert session_error(data_copy, before, lambda e: e.update(group_month=1)) == (
        f"data/curriculum.yml: session '{s.id}': group_month: session {before} is before the trainee gathers a group "
        "(data/facts.yml training.sessions_before_group), so its group_month is 0")


def test_a_session_after_the_group_has_gathered_has_its_month(data_copy, hb):
    number = hb.facts.training.sessions_before_group + 1
    s = hb.curriculum.sessions[number - 1]
    assert session_error(data_copy, number, lambda e: e.update(group_month=0)) == (
        f"data/curriculum.yml: session '{s.id}': group_month: session {number} comes after the trainee has gathered "
        "a group: give the month of the group (1 or more)")


def test_sessions_do_not_go_back_in_time(data_copy, hb):
    sessions = hb.curriculum.sessions
    number = next(n for n in range(2, len(sessions) + 1) if sessions[n - 2].group_month > 1)
    earlier = sessions[number - 2].group_month - 1
    assert session_error(data_copy, number, lambda e: e.update(group_month=earlier)) == (
        f"data/curriculum.yml: session '{sessions[number - 1].id}': group_month: the sessions go back in time "
        f"(after month {sessions[number - 2].group_month})")


def test_the_training_ends_within_the_season(data_copy, hb):
    sessions, months = hb.curriculum.sessions, hb.season.months
    assert session_error(data_copy, len(sessions), lambda e: e.update(group_month=months + 1)) == (
        f"data/curriculum.yml: session '{sessions[-1].id}': group_month: month {months + 1} is after the season's "
        f"{months} months (data/season.yml): the training ends while the trainee's group still meets")


def test_the_online_sessions_are_the_ones_facts_name(data_copy, hb):
    number = hb.facts.training.online_sessions[0]
    s = hb.curriculum.sessions[number - 1]
    assert session_error(data_copy, number, lambda e: e.update(mode="lähi")) == (
        f"data/curriculum.yml: session '{s.id}': mode: session {number} is an online meeting "
        "(data/facts.yml training.online_sessions)")


def test_a_sessions_text_does_not_speak_for_the_pilot(data_copy, hb):
    s = hb.curriculum.sessions[0]
    assert session_error(data_copy, 1, lambda e: e.update(goals=["Pilotin kokemusten pohjalta osaat koota ryhmän."])) \
        == (f"data/curriculum.yml: session '{s.id}': goals[1]: 'Pilotin kokemusten': this field is the handbook's "
            "proposal and does not speak for the pilot or the article; put what the article says in basis with its "
            "cite")


def test_the_training_basis_cites_known_sources(data_copy):
    rewrite(data_copy / "data" / "curriculum.yml", lambda c: c["basis"][0].update(cite=["artikkeli"]))
    assert load_error(data_copy) == (
        f"data/curriculum.yml: basis[1].cite: unknown reference 'artikkeli' {known('references')}")


def test_a_worksheets_text_does_not_speak_for_the_pilot(data_copy, hb):
    w = hb.worksheets.worksheets[0]
    said = "Pilotissa tämä lomake auttoi valmistautumaan."
    assert worksheet_error(data_copy, w.id, lambda e: e.update(purpose=said)) == (
        f"data/worksheets.yml: worksheet '{w.id}': purpose: 'Pilotissa': this field is the handbook's proposal and "
        "does not speak for the pilot or the article; say what the article says on a page, with its cite()")
