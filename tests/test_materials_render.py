"""What the training, meeting template and worksheet macros render on the fixture handbook, and that text from data is escaped."""

from __future__ import annotations

import dataclasses
import re
import pytest

from conftest import FIXTURE
from handbook import data
from handbook.errors import HandbookError
from handbook.models import MeetingsFile, WorksheetsFile
from handbook.render import Renderer

SCRIPT = '<script>alert("x")</script> & muuta'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; muuta"


@pytest.fixture(scope="module")
def hb():
    return data.load(FIXTURE, docs_dir=None)


def renderer_on(hb, page: str) -> Renderer:
    r = Renderer(hb)
    r.page = page
    return r


def test_meeting_has_the_same_sections_in_the_same_order(hb):
    html = str(renderer_on(hb, "tapaamispohjat/vuosikello/").meeting("vuosikello"))
    headings = re.findall(r'<h2 id="([a-z-]+)">', html)
    assert headings == [
        "lyhyesti", "milloin-kayttaa", "milloin-ei", "valmistautuminen", "tarvikkeet-ja-roolit",
        "nain-tapaaminen-etenee", "vinkit-ja-sudenkuopat", "mita-pilotissa-opittiin", "liittyy",
    ]
    assert html.startswith('<div class="tp-meeting" markdown="1">\n<p class="tp-proposal"><strong>Käsikirjan ehdotus.')
    for other in ("kokemusten-vaihto",):
        other_html = str(renderer_on(hb, f"tapaamispohjat/{other}/").meeting(other))
        assert re.findall(r'<h2 id="([a-z-]+)">', other_html) == headings


def test_meeting_agenda_shows_running_minutes_and_each_step(hb):
    html = str(renderer_on(hb, "tapaamispohjat/vuosikello/").meeting("vuosikello"))
    rows = re.findall(r"<tr><td>(\d+–\d+)</td><td><a href=\"#vaihe-(\d)\">([^<]+)</a>", html)
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
    assert "<p>Ryhmäläisten ei tarvitse valmistautua. Yrittäjä voi tulla tapaamiseen sellaisenaan.</p>" in html


def test_unknown_meeting_or_worksheet_is_an_error_naming_the_known_ones(hb):
    r = renderer_on(hb, "tapaamispohjat/")
    with pytest.raises(HandbookError, match=r"^unknown meeting template 'vuosikell' \(known: kokemusten-vaihto, vuosikello\)$"):
        r.meeting("vuosikell")
    with pytest.raises(HandbookError, match=r"^unknown worksheet 'vuosikell' \(known: tapaamislomake, verkostokartta, vuosikello\)$"):
        r.worksheet("vuosikell")


def test_library_lists_every_template_with_its_filter_values(hb):
    html = str(renderer_on(hb, "tapaamispohjat/").meetings_index())
    cards = re.findall(r'<li class="tp-card" data-type="([^"]+)" data-phases="([^"]+)" data-minutes="(\d+)">', html)
    assert cards == [("kokemusten vaihto", "alkuvaihe keskivaihe loppuvaihe", "90"), ("yhdessä tekeminen", "keskivaihe", "90")]
    assert '<a href="vuosikello/">Vuosikello</a>' in html
    # Without JavaScript the filter stays hidden and every card shows; the count is in a live region.
    assert '<form class="tp-filter" data-tp-filter hidden>' in html
    assert "<legend>Rajaa tapaamispohjia</legend>" in html
    assert '<p class="tp-filter__status" role="status" data-tp-filter-status data-total="2">' in html
    assert " hidden" not in html.split('<ul class="tp-cards">')[1]
    types = re.findall(r'<option value="([^"]*)">', html.split('id="tp-filter-type"')[1].split("</select>")[0])
    # Only the types and lengths some template has are offered.
    assert types == ["", "kokemusten vaihto", "yhdessä tekeminen"]
    assert re.findall(r'<option value="([^"]+)" data-min="(\d+)" data-max="(\d+)">', html) == [("61-90", "61", "90")]
    # Each select sits inside its label: the whole-handbook print page renames ids but not labels.
    for label, select in [("Tyyppi", "type"), ("Ryhmän vaihe", "phase"), ("Kesto", "length")]:
        assert f'<label class="tp-filter__field">{label}\n<select id="tp-filter-{select}"' in html


def test_curriculum_overview_adds_up_and_labels_the_proposal(hb):
    html = str(renderer_on(hb, "ohjaajakoulutus/").curriculum())
    hours = re.findall(r"<td>([\d,]+)&nbsp;h</td><td>(Lähitapaaminen|Verkkotapaaminen)</td>", html)
    assert [h for h, _ in hours] == ["3", "3", "1,5", "1,5", "3"]
    assert '<th scope="row" colspan="2">Yhteensä</th><td>12&nbsp;h</td>' in html
    assert "<caption>Koulutuksen kulku: 5 kertaa, yhteensä 12&nbsp;h</caption>" in html
    assert '<p class="tp-proposal"><strong>Käsikirjan ehdotus.</strong>' in html
    assert html.count("&nbsp;h (ehdotus)</dd>") == 5
    assert '<h2 id="kokoava-paatoskerta">5. kerta: Kokoava päätöskerta</h2>' in html
    assert '<h3 id="kokoava-paatoskerta-tehtava">Tehtävä koulutuksen jälkeen</h3>' in html
    assert html.count("Tehtävä ennen seuraavaa kertaa</h3>") == 4
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


def test_worksheets_index_links_each_worksheet_and_the_templates_that_use_it(hb):
    html = str(renderer_on(hb, "tyokirja/").worksheets_index())
    assert html.count('<li class="tp-card">') == 3
    assert '<a href="vuosikello/">Vuosikello</a>' in html
    assert 'Tapaamispohjat: <a href="../tapaamispohjat/vuosikello/">Vuosikello</a></p>' in html


def with_script(hb) -> Renderer:
    """A handbook whose meeting, worksheet and curriculum texts carry a script tag."""
    meeting = hb.meeting("vuosikello")
    step = meeting.agenda[1].model_copy(update={"what": SCRIPT, "question": SCRIPT, "online": SCRIPT})
    meeting = meeting.model_copy(
        update={"title": SCRIPT, "makes_possible": SCRIPT, "tips": [SCRIPT],
                "agenda": [meeting.agenda[0], step, *meeting.agenda[2:]]}
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
    curriculum = hb.curriculum.model_copy(update={"sessions": sessions})
    changed = dataclasses.replace(hb, meetings=meetings, worksheets=worksheets, curriculum=curriculum)
    return renderer_on(changed, "tapaamispohjat/vuosikello/")


@pytest.mark.parametrize(
    "render, expected_count",
    [
        (lambda r: r.meeting("vuosikello"), 8),
        (lambda r: r.meetings_index(), 2),
        (lambda r: r.worksheet("vuosikello"), 4),
        (lambda r: r.worksheets_index(), 3),
        (lambda r: r.curriculum(), 4),
    ],
)
def test_script_in_data_is_escaped(hb, render, expected_count):
    html = str(render(with_script(hb)))
    assert "<script>" not in html
    assert html.count(ESCAPED) == expected_count
