"""The sample season (data/season.yml, checked by handbook.data.check_season): it opens with a first meeting,
goes forward month by month with templates that suit each phase, checks its vire in the middle and ends
with the closing meeting. Each mistake is one line, made in a copy of the fixture handbook's data; the
expected months, templates and phases are taken from that data."""

from __future__ import annotations

import re

import pytest

from conftest import load_error, page_file, render_page, rewrite
from handbook.errors import HandbookError
from handbook.render import MEETING_FORMATS, Renderer, page_url

SEASON = "data/season.yml"


def phase_of(season, month: int) -> str:
    return next(p.phase for p in season.phases if p.months.first <= month <= p.months.last)


def change_season(root, change) -> str:
    rewrite(root / "data" / "season.yml", change)
    return load_error(root)


def test_a_template_in_a_phase_it_does_not_suit_is_named(data_copy, hb):
    season = hb.season
    # A planned meeting, and a template that does not suit the phase of its month.
    (i, planned, template) = next(
        (i, p, m) for i, p in enumerate(season.plan) for m in hb.meetings.meetings
        if phase_of(season, p.month) not in m.phases and i not in (0, len(season.plan) - 1))

    def change(content):
        content["plan"][i]["meeting"] = template.id

    assert change_season(data_copy, change) == (
        f"{SEASON}: planned meeting '{template.id}' (month {planned.month}): month {planned.month} is in the "
        f"{phase_of(season, planned.month)}, but the template suits {', '.join(template.phases)}")


def test_a_plan_that_goes_back_in_time_is_named(data_copy, hb):
    plan = hb.season.plan
    i = next(i for i in range(1, len(plan)) if plan[i - 1].month > 1)
    earlier = plan[i - 1].month - 1

    def change(content):
        content["plan"][i]["month"] = earlier

    assert change_season(data_copy, change) == (
        f"{SEASON}: planned meeting '{plan[i].meeting}' (month {earlier}): month: the plan goes back in time "
        f"(after month {plan[i - 1].month})")


def test_a_plan_beyond_the_seasons_months_is_named(data_copy, hb):
    season = hb.season

    def change(content):
        content["plan"][-1]["month"] = season.months + 1

    assert change_season(data_copy, change) == (
        f"{SEASON}: planned meeting '{season.plan[-1].meeting}' (month {season.months + 1}): month: the season has "
        f"{season.months} months")


def test_a_season_that_does_not_open_with_a_first_meeting_is_named(data_copy, hb):
    first_phase = phase_of(hb.season, 1)
    other = next(m for m in hb.meetings.meetings if m.type != "aloitus" and first_phase in m.phases)

    def change(content):
        content["plan"][0]["meeting"] = other.id

    assert change_season(data_copy, change) == (
        f"{SEASON}: plan: the season begins in month 1 with a template of type aloitus")


def test_a_season_without_its_closing_meeting_at_the_end_is_named(data_copy, hb):
    season = hb.season

    def change(content):
        del content["plan"][-1]

    assert change_season(data_copy, change) == (
        f"{SEASON}: plan: the season ends in its last month ({season.months}) with the closing meeting "
        f"'{season.closing_meeting}'")


def test_a_midpoint_outside_the_middle_third_is_named(data_copy, hb):
    season = hb.season
    outside = next(p for p in season.plan if not season.months / 3 <= p.month <= 2 * season.months / 3)

    def change(content):
        content["midpoint"].update(month=outside.month, meeting=outside.meeting)

    assert change_season(data_copy, change) == (
        f"{SEASON}: midpoint: month {outside.month} is not in the middle third of a {season.months}-month season")


def test_a_midpoint_the_plan_does_not_hold_is_named(data_copy, hb):
    mid = hb.season.midpoint
    other = next(m.id for m in hb.meetings.meetings
                 if not any(p.month == mid.month and p.meeting == m.id for p in hb.season.plan))

    def change(content):
        content["midpoint"]["meeting"] = other

    assert change_season(data_copy, change) == f"{SEASON}: midpoint: the plan has no '{other}' in month {mid.month}"


def test_phases_with_a_gap_are_named(data_copy, hb):
    second = hb.season.phases[1]

    def change(content):
        content["phases"][1]["months"]["first"] = second.months.first + 1

    assert change_season(data_copy, change) == (
        f"{SEASON}: phases: '{second.phase}' begins in month {second.months.first + 1}, expected "
        f"{second.months.first} (the phases follow each other without gaps)")


def test_an_unknown_midpoint_worksheet_is_named(data_copy, hb):
    def change(content):
        content["midpoint"]["worksheet"] = "valiarvi"

    worksheets = ", ".join(sorted(w.id for w in hb.worksheets.worksheets))
    assert change_season(data_copy, change) == (
        f"{SEASON}: midpoint: worksheet: unknown worksheet 'valiarvi' (known: {worksheets})")


# --- the season as the pages show it ---------------------------------------------------------------

def test_season_plan_shows_the_months_meetings_and_midpoint_in_one_proposal(hb):
    r = Renderer(hb)
    r.page = "ohjaajalle/"
    html = str(r.season_plan())
    season = hb.season
    assert html.startswith('<div class="tp-season" markdown="1">\n<div class="tp-proposal" markdown="1">\n'
                           '<p class="tp-proposal__label">Käsikirjan ehdotus: esimerkkikausi</p>')
    rows = re.findall(r'<tr><td data-label="Kuukausi">(\d+)\.</td><td><a href="([^"]+)">([^<]+)</a></td>'
                      r'<td data-label="Kesto">(\d+)&nbsp;minuuttia</td>', html)
    assert rows == [(str(p.month), f"../{page_url(f'tapaamispohjat/{p.meeting}.md')}", hb.meeting(p.meeting).title,
                     str(hb.meeting(p.meeting).length_minutes)) for p in season.plan]
    assert f"<dd>{season.group_size.min}–{season.group_size.max} yrittäjää</dd>" in html
    assert f"<caption>Esimerkkikausi: {len(season.plan)} tapaamista {season.months} kuukaudessa</caption>" in html
    midpoint = html.split('<h2 id="valitarkistus">')[1].split("<h2 ")[0]
    assert f"Kauden {season.midpoint.month}. kuukautena" in midpoint
    assert f'<a href="../tyokirja/{season.midpoint.worksheet}/">{hb.worksheet(season.midpoint.worksheet).title}</a>' \
        in midpoint


def test_pages_show_the_seasons_recommendations_as_variables(fixture_site, hb):
    season = hb.season
    html = page_file(fixture_site, "ohjaajalle/").read_text(encoding="utf-8")
    assert f"Kokoa ryhmään {season.group_size.min}–{season.group_size.max} yrittäjää ja tapaa {season.rhythm}." in html
    lengths = [hb.meeting(p.meeting).length_minutes for p in season.plan]
    assert Renderer(hb).season_facts()["meeting_minutes"] == {"min": min(lengths), "max": max(lengths)}


def test_meeting_links_list_the_templates_held_one_way(fixture_site, hb):
    html = page_file(fixture_site, "ohjaajalle/").read_text(encoding="utf-8")
    listed = re.findall(r'<li><a href="\.\./tapaamispohjat/([a-z0-9-]+)/">', html.split('class="tp-meeting-links"')[1]
                        .split("</ul>")[0])
    assert listed == [m.id for m in hb.meetings.meetings if m.format == "lähi"]


def test_meeting_links_of_an_unknown_format_is_one_line(page_macros):
    with pytest.raises(HandbookError) as caught:
        render_page(page_macros, "# Otsikko\n\n{{ meeting_links(format='etä') }}\n")
    assert str(caught.value) == (
        f"docs/sivu.md: line 3: meeting_links(): unknown format 'etä' (known: {', '.join(MEETING_FORMATS)})")
