"""What the training, meeting template and worksheet macros render on the fixture handbook, and that text from data is escaped."""

from __future__ import annotations

import dataclasses
import re
import typing

import pytest

from html import unescape as html_unescape

from conftest import known, sections
from handbook.errors import HandbookError
from handbook.models import GroupSize, MeetingsFile, MeetingType, Reading, WorksheetsFile
from handbook.render import SESSION_MODES, Renderer, fi_number, page_url, session_timing
from handbook.voices import proposal_open

SCRIPT = '<script>alert("x")</script> & muuta'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; muuta"


def renderer_on(hb, page: str) -> Renderer:
    r = Renderer(hb)
    r.page = page
    return r


def with_meeting(hb, changed):
    """The handbook with one meeting template changed."""
    meetings = [changed if m.id == changed.id else m for m in hb.meetings.meetings]
    return dataclasses.replace(hb, meetings=MeetingsFile(meetings=meetings))


# A template's sections: the proposal block holds the template itself; what it is based on and what
# it relates to stand after the block.
SECTIONS = [
    ("lyhyesti", True), ("milloin-kayttaa", True), ("milloin-ei", True), ("valmistautuminen", True),
    ("tarvikkeet-ja-roolit", True), ("nain-tapaaminen-etenee", True), ("vinkit-ja-sudenkuopat", True),
    ("mihin-pohja-perustuu", False), ("liittyy", False),
]


def test_every_meeting_has_the_same_sections_in_the_same_order_inside_and_after_its_proposal(hb):
    for m in hb.meetings.meetings:
        html = str(renderer_on(hb, f"tapaamispohjat/{m.id}/").meeting(m.id))
        # The run sheet for paper follows the template (tests/test_print_sheets.py).
        assert sections(html.split('<section class="tp-sheet')[0]) == SECTIONS, m.id
        assert html.startswith(f'<div class="tp-meeting" markdown="1">\n{proposal_open(markdown=True)}'), m.id


def test_meeting_shows_its_basis_with_the_sources_it_cites(hb):
    for m in hb.meetings.meetings:
        html = str(renderer_on(hb, f"tapaamispohjat/{m.id}/").meeting(m.id))
        basis = re.split(r"<h[23] ", html.split('<h2 id="mihin-pohja-perustuu">')[1])[0]
        paragraphs = re.findall(r"<p>(.*?)</p>", basis, re.S)
        assert len(paragraphs) == len(m.basis), m.id
        for evidence, paragraph in zip(m.basis, paragraphs):
            assert paragraph.startswith(f"{evidence.text} (<a class=\"tp-cite\""), m.id
            assert re.findall(r'#lahde-([a-z0-9-]+)"', paragraph) == evidence.cite, m.id


def test_meeting_shows_its_quotes_under_their_own_heading(hb):
    m = next(m for m in hb.meetings.meetings if m.quotes)
    html = str(renderer_on(hb, f"tapaamispohjat/{m.id}/").meeting(m.id))
    quoted = html.split('<h3 id="sitaatteja-pilotista">Sitaatteja pilotista</h3>')[1].split('<h2 id="liittyy">')[0]
    assert [html_unescape(q) for q in re.findall(r"<p>”(.*?)”</p>", quoted)] == [hb.quote(q).text for q in m.quotes]
    without = with_meeting(hb, m.model_copy(update={"quotes": []}))
    assert "sitaatteja-pilotista" not in str(renderer_on(without, f"tapaamispohjat/{m.id}/").meeting(m.id))


def test_meeting_relates_model_parts_phenomena_and_pages_to_read_apart(hb):
    phenomena = {p.id for p in hb.model.phenomena}
    m = next(m for m in hb.meetings.meetings if m.read_more and set(m.model_parts) & phenomena)
    html = str(renderer_on(hb, f"tapaamispohjat/{m.id}/").meeting(m.id))
    related = dict(re.findall(r"<dt>([^<]+)</dt>\n<dd><ul>(.*?)</ul></dd>", html.split('<h2 id="liittyy">')[1]))

    def titles(group: str) -> list[str]:
        return re.findall(r"<li><a [^>]+>([^<]+)</a>", related[group])

    assert titles("Työpeili-mallin osat") == [hb.element(e).title for e in m.model_parts if e not in phenomena]
    assert titles("Ilmiöt mallin takana") == [hb.element(e).title for e in m.model_parts if e in phenomena]
    assert titles("Lue myös") == [r.title for r in m.read_more]
    assert f'<a href="../../{page_url(m.read_more[0].page)}">' in related["Lue myös"]


def test_meeting_gives_the_size_of_its_group(hb):
    own = next(m for m in hb.meetings.meetings if m.groups == "oma ryhmä")
    size = hb.season.group_size
    html = str(renderer_on(hb, f"tapaamispohjat/{own.id}/").meeting(own.id))
    assert f"<div><dt>Ryhmän koko</dt><dd>{size.min}–{size.max} yrittäjää</dd></div>" in html
    several = own.model_copy(update={"groups": "useampi ryhmä", "group_size": GroupSize(min=8, max=30)})
    html = str(renderer_on(with_meeting(hb, several), f"tapaamispohjat/{own.id}/").meeting(own.id))
    assert "<div><dt>Ryhmän koko</dt><dd>Useampi ryhmä yhdessä, 8–30 yrittäjää</dd></div>" in html


def test_meeting_agenda_shows_running_minutes_and_each_step(hb):
    html = str(renderer_on(hb, "tapaamispohjat/vuosikello/").meeting("vuosikello"))
    rows = re.findall(r"<tr><td data-label=\"Minuutit\">(\d+–\d+)</td><td><a href=\"#vaihe-(\d)\">([^<]+)</a>", html)
    assert rows == [
        ("0–10", "1", "Kuulumiskierros"), ("10–20", "2", "Esimerkki"), ("20–50", "3", "Oma vuosikello"),
        ("50–65", "4", "Parin kommentit"), ("65–80", "5", "Yhteiset ajankohdat"),
        ("80–90", "6", "Sitoumus ja palautekierros"),
    ]
    assert "<caption>Aikataulu, yhteensä 90&nbsp;minuuttia</caption>" in html
    assert '<h3 id="vaihe-3">3. Oma vuosikello, 30&nbsp;minuuttia</h3>' in html
    assert ('<p class="tp-question"><strong>Ohjaaja kysyy:</strong> ”Mitkä kuukaudet ovat yrityksessäsi '
            "kiireisimpiä, ja mitä pitäisi tehdä jo ennen niitä?”</p>") in html
    assert '<p class="tp-online"><strong>Verkossa:</strong> Esimerkin näyttäjä jakaa näyttönsä.</p>' in html


def test_meeting_links_its_pairs_model_parts_worksheet_and_source(hb):
    html = str(renderer_on(hb, "tapaamispohjat/vuosikello/").meeting("vuosikello"))
    assert '<a href="../kokemusten-vaihto/">Kokemusten vaihto</a>' in html
    assert '<a href="../../malli/tuottavuus-ja-jatkuvuus/">Tuottavuus ja jatkuvuus</a>' in html
    assert '<dd><a href="../../tyokirja/vuosikello/">Vuosikello</a></dd>' in html
    assert 'href="../../lahteet/#lahde-latostenmaa-tuomainen-2019"' in html
    assert html.count('<figure class="tp-quote">') == 1


def test_meeting_without_member_preparation_says_members_can_come_as_they_are(hb):
    html = str(renderer_on(hb, "tapaamispohjat/kokemusten-vaihto/").meeting("kokemusten-vaihto"))
    assert "<p>Ryhmäläisten ei tarvitse valmistautua. Yrittäjä voi tulla tapaamiseen valmistautumatta.</p>" in html


def test_unknown_meeting_or_worksheet_is_an_error_naming_the_known_ones(hb):
    r = renderer_on(hb, "tapaamispohjat/")
    with pytest.raises(HandbookError) as caught:
        r.meeting("vuosikell")
    assert str(caught.value) == f"unknown meeting template 'vuosikell' {known('meetings')}"
    with pytest.raises(HandbookError) as caught:
        r.worksheet("vuosikell")
    assert str(caught.value) == f"unknown worksheet 'vuosikell' {known('worksheets')}"


def test_library_lists_every_template_with_its_filter_values(hb):
    html = str(renderer_on(hb, "tapaamispohjat/").meetings_index())
    meetings = hb.meetings.meetings
    cards = re.findall(
        r'<li class="tp-card" data-type="([^"]+)" data-phases="([^"]+)" data-topics="([^"]+)" data-minutes="(\d+)">', html
    )
    assert cards == [(m.type, " ".join(m.phases), " ".join(m.model_parts), str(m.length_minutes)) for m in meetings]
    for m in meetings:
        assert f'<a href="{m.id}/">{m.title}</a>' in html
    # Without JavaScript the filter stays hidden and every card shows; the count is in a live region.
    assert '<form class="tp-filter" data-tp-filter hidden>' in html
    assert "<legend>Rajaa tapaamispohjia</legend>" in html
    assert f'<p class="tp-filter__status" role="status" data-tp-filter-status data-total="{len(meetings)}">' in html
    assert " hidden" not in html.split('<ul class="tp-cards">')[1]
    types = re.findall(r'<option value="([^"]*)">', html.split('id="tp-filter-type"')[1].split("</select>")[0])
    # Only the types some template has are offered, in the models' order.
    assert types == ["", *[t for t in typing.get_args(MeetingType) if any(m.type == t for m in meetings)]]
    # The time there is: a template fits when it takes at most that many minutes.
    lengths = re.findall(r'<option value="(\d+)">Enintään (\d+)&nbsp;minuuttia</option>', html)
    assert lengths == [(str(n), str(n)) for n in sorted({m.length_minutes for m in meetings})]
    # Each select sits inside its label: the whole-handbook print page renames ids but not labels.
    for label, select in [("Tyyppi", "type"), ("Ryhmän vaihe", "phase"), ("Aihe", "topic"), ("Aikaa on", "length")]:
        assert f'<label class="tp-filter__field">{label}\n<select id="tp-filter-{select}"' in html


def test_curriculum_shows_the_articles_frame_then_the_sessions_as_the_handbooks_proposal(hb):
    html = str(renderer_on(hb, "ohjaajakoulutus/").curriculum())
    sessions, training = hb.curriculum.sessions, hb.facts.training
    basis, proposal = html.split(str(proposal_open("koulutus kerta kerralta", markdown=True)))
    assert re.findall(r"<p>(.*?) \(<a", basis) == [e.text for e in hb.curriculum.basis]
    assert sections(html) == [("mita-lahdeartikkeli-kertoo-koulutuksesta", False)] + [(s.id, True) for s in sessions]
    rows = re.findall(r'<td data-label="Kesto">([\d,]+)&nbsp;h</td><td data-label="Toteutus">(Lähitapaaminen|'
                      r'Verkkotapaaminen)</td><td data-label="Ajankohta">([^<]+)</td>', proposal)
    assert rows == [(fi_number(s.hours), SESSION_MODES[s.mode], session_timing(s.group_month)) for s in sessions]
    assert [timing for *_, timing in rows][: training.sessions_before_group] == ["Ennen omaa ryhmää"] * \
        training.sessions_before_group
    assert session_timing(3) == "Oman ryhmän 3. kuukautena"
    assert f'<th scope="row" colspan="2">Yhteensä</th><td>{fi_number(training.hours)}&nbsp;h</td>' in html
    assert (f"<caption>Koulutuksen kulku: {training.sessions} kertaa, yhteensä {fi_number(training.hours)}&nbsp;h"
            "</caption>") in html
    last = sessions[-1]
    assert f'<h2 id="{last.id}">{len(sessions)}. kerta: {last.title}</h2>' in html
    assert f'<h3 id="{last.id}-tehtava">Tehtävä koulutuksen jälkeen</h3>' in html
    assert html.count("Tehtävä ennen seuraavaa kertaa</h3>") == len(sessions) - 1
    assert '<a href="../tyokirja/tapaamislomake/">Tapaamislomake</a>' in html
    assert '<a href="../tapaamispohjat/kokemusten-vaihto/">Kokemusten vaihto</a>' in html


def test_worksheet_has_purpose_instructions_room_to_write_and_a_print_button(hb):
    html = str(renderer_on(hb, "tyokirja/verkostokartta/").worksheet("verkostokartta"))
    assert '<button type="button" class="md-button md-button--primary tp-print__button" data-tp-print hidden>' \
        "Tulosta</button>" in html
    assert '<div class="tp-print tp-screen-only">' in html
    assert html.count('<li class="tp-field">') == 4
    assert '<div class="tp-field__box" style="height: 15.0cm"></div>' in html
    assert html.count('<span class="tp-field__line"></span>') == 15
    assert html.count("<li>") == 3


def test_worksheet_table_has_a_row_per_month_with_room_to_write(hb):
    html = str(renderer_on(hb, "tyokirja/vuosikello/").worksheet("vuosikello"))
    months = re.findall(r'<tr style="height: 16mm"><th scope="row">(\w+)</th>(?:<td></td>){3}</tr>', html)
    assert months[0] == "Tammikuu" and months[-1] == "Joulukuu" and len(months) == 12
    assert '<caption>Oma vuosikelloni</caption>' in html


NAME_LINE = '<div class="tp-worksheet__blank"><span>Nimi</span>'


def test_a_sheet_returned_without_a_name_has_no_name_line(hb):
    for w in hb.worksheets.worksheets:
        html = str(renderer_on(hb, f"tyokirja/{w.id}/").worksheet(w.id))
        assert (NAME_LINE in html) == (not w.anonymous), w.id
        assert '<div class="tp-worksheet__blank"><span>Päivämäärä</span>' in html
    assert any(w.anonymous for w in hb.worksheets.worksheets), "the fixture has an anonymous sheet"


def test_worksheets_index_links_each_worksheet_and_the_templates_that_use_it(hb):
    html = str(renderer_on(hb, "tyokirja/").worksheets_index())
    assert html.count('<li class="tp-card">') == len(hb.worksheets.worksheets)
    assert '<a href="vuosikello/">Vuosikello</a>' in html
    assert 'Tapaamispohjat: <a href="../tapaamispohjat/vuosikello/">Vuosikello</a></p>' in html


def with_script(hb) -> Renderer:
    """A handbook whose meeting, worksheet and curriculum texts carry a script tag."""
    meeting = hb.meeting("vuosikello")
    step = meeting.agenda[1].model_copy(update={"what": SCRIPT, "question": SCRIPT, "online": SCRIPT})
    basis = meeting.basis[0].model_copy(update={"text": SCRIPT})
    meeting = meeting.model_copy(
        update={"title": SCRIPT, "makes_possible": SCRIPT, "tips": [SCRIPT], "basis": [basis],
                "agenda": [meeting.agenda[0], step, *meeting.agenda[2:]],
                "read_more": [Reading(page="ohjaajalle.md", title=SCRIPT)]}
    )
    meetings = MeetingsFile(meetings=[meeting if m.id == "vuosikello" else m for m in hb.meetings.meetings])
    worksheet = hb.worksheet("vuosikello")
    field = worksheet.fields[0].model_copy(update={"question": SCRIPT, "hint": SCRIPT})
    worksheet = worksheet.model_copy(update={"title": SCRIPT, "purpose": SCRIPT, "instructions": [SCRIPT],
                                             "fields": [field]})
    worksheets = WorksheetsFile(
        worksheets=[worksheet if w.id == "vuosikello" else w for w in hb.worksheets.worksheets]
    )
    sessions = [hb.curriculum.sessions[0].model_copy(update={"title": SCRIPT, "assignment": SCRIPT}),
                *hb.curriculum.sessions[1:]]
    curriculum = hb.curriculum.model_copy(
        update={"sessions": sessions, "basis": [hb.curriculum.basis[0].model_copy(update={"text": SCRIPT})]})
    plan = [hb.season.plan[0].model_copy(update={"why": SCRIPT}), *hb.season.plan[1:]]
    season = hb.season.model_copy(update={"plan": plan, "attendance": [SCRIPT], "newcomers": [SCRIPT]})
    changed = dataclasses.replace(hb, meetings=meetings, worksheets=worksheets, curriculum=curriculum,
                                  season=season)
    return renderer_on(changed, "tapaamispohjat/vuosikello/")


@pytest.mark.parametrize(
    "render, expected_count",
    [
        # The template's page with its run sheet for paper (what, question, online) and its pack's contents.
        (lambda r: r.meeting("vuosikello"), 14),
        (lambda r: r.meetings_index(), 2),
        (lambda r: r.worksheet("vuosikello"), 4),
        (lambda r: r.worksheets_index(), 3),
        # The training, and each session's pack link (the session's title) and contents (a worksheet's title).
        (lambda r: r.curriculum(), 7),
        (lambda r: r.season_plan(), 5),
        (lambda r: r.meeting_links(), 1),
        # The pack: its list of sheets (2), the link back to the template, the run sheet with its title
        # (4) and the worksheet with its title (5).
        (lambda r: r.print_pack("tapaamispohja", "vuosikello"), 12),
    ],
)
def test_script_in_data_is_escaped(hb, render, expected_count):
    html = str(render(with_script(hb)))
    assert "<script>" not in html
    assert html.count(ESCAPED) == expected_count
