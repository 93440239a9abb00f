"""Macro output on the fixture handbook: the HTML each macro renders, escaping of data, Finnish number and date forms."""

from __future__ import annotations

import dataclasses
import datetime
import pytest

from conftest import fixture_extra
from handbook import data
from handbook.errors import HandbookError
from handbook.models import Quote, QuotesFile
from handbook.render import Renderer, fi_date, fi_number, fi_value, page_url, relative_url



@pytest.fixture
def renderer(hb) -> Renderer:
    r = Renderer(hb)
    r.page = "malli/verkostot/"
    return r


def with_quote(hb, **fields) -> Renderer:
    quote = Quote(**{"id": "testi", "speaker": "yrittäjä", "collected": "Työpeili-pilotti 2018–2019",
                     "source": "latostenmaa-tuomainen-2019", "themes": ["verkostot"], **fields})
    changed = dataclasses.replace(hb, quotes=QuotesFile(quotes=[*hb.quotes.quotes, quote]))
    r = Renderer(changed)
    r.page = "sitaatit/"
    return r


def test_quote_renders_figure_blockquote_and_attribution(renderer):
    assert str(renderer.quote("ei-tarvitse-sanoa")) == (
        '<figure class="tp-quote">\n'
        '<blockquote lang="fi"><p>”Yrittäjä ymmärtää toista, ei tarvitse edes sanoa ’tiedän miltä sinusta tuntuu’.”'
        "</p></blockquote>\n"
        '<figcaption>Yrittäjä, Työpeili-pilotti 2018–2019 (<a class="tp-cite" '
        'href="../../lahteet/#lahde-latostenmaa-tuomainen-2019">Latostenmaa &amp; Tuomainen 2019</a>)</figcaption>\n'
        "</figure>"
    )


def test_quote_from_a_facilitator_names_the_facilitator(renderer):
    assert "<figcaption>Työpeili-ohjaaja, " in renderer.quote("heittaydytaan")


def test_script_in_data_is_escaped(hb):
    r = with_quote(hb, text='<script>alert("x")</script> & muuta')
    html = str(r.quote("testi"))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; muuta" in html


def test_yaml_trap_words_render_as_text_when_quoted_in_yaml(hb):
    r = with_quote(hb, text="no", collected="18:00")
    assert "<p>”no”</p>" in r.quote("testi")
    assert "Yrittäjä, 18:00 (" in r.quote("testi")


def test_quotes_filter_by_theme_and_speaker(renderer, hb):
    by_theme = str(renderer.quotes(theme="verkostot"))
    expected = [q for q in hb.quotes.quotes if "verkostot" in q.themes]
    assert by_theme.count("<figure") == len(expected) == 2
    facilitator = str(renderer.quotes(speaker="ohjaaja"))
    assert facilitator.count("<figure") == 1 and "Heittäydytään" in facilitator
    both = str(renderer.quotes(theme="tyopeili-ohjaaja", speaker="ohjaaja"))
    assert both.count("<figure") == 1


def test_quotes_with_unknown_theme_or_speaker_is_an_error(renderer):
    with pytest.raises(HandbookError, match=r"^unknown model element or phenomenon 'verkosot' \(known: "):
        renderer.quotes(theme="verkosot")
    with pytest.raises(HandbookError, match=r"^unknown speaker 'asiakas' \(known: yrittäjä, ohjaaja\)$"):
        renderer.quotes(speaker="asiakas")


def test_quotes_that_match_nothing_is_an_error(renderer):
    with pytest.raises(HandbookError, match="no quote matches"):
        renderer.quotes(theme="tuottavuus-ja-jatkuvuus", speaker="ohjaaja")


def test_unknown_quote_id_is_an_error_naming_the_known_ones(renderer):
    with pytest.raises(HandbookError, match=r"^unknown quote 'sain-tyokavereta' \(known: ei-tarvitse-sanoa, heittaydytaan, "):
        renderer.quote("sain-tyokavereta")


def test_cite_links_each_key_to_the_bibliography_and_remembers_it(renderer):
    html = str(renderer.cite("saviranta-ahlberg-2010", "mikkonen-2009"))
    assert html == (
        '(<a class="tp-cite" href="../../lahteet/#lahde-saviranta-ahlberg-2010">Saviranta &amp; Åhlberg 2010</a>; '
        '<a class="tp-cite" href="../../lahteet/#lahde-mikkonen-2009">Mikkonen 2009</a>)'
    )
    assert {"saviranta-ahlberg-2010", "mikkonen-2009"} <= renderer.cited


def test_cite_labels_follow_the_number_of_authors(renderer):
    assert "Latostenmaa ym. 2017" in renderer.cite("latostenmaa-ym-2017")
    assert "Työterveyslaitos 2017" in renderer.cite("tyoterveyslaitos-2017")
    assert "Verkostojen laatu 2019" in renderer.cite("verkostojen-laatu-2019")


def test_unknown_reference_key_is_an_error(renderer):
    with pytest.raises(HandbookError, match=r"^unknown reference 'mikkonen-2008' \(known: "):
        renderer.cite("mikkonen-2008")


def test_uncited_lists_references_no_page_cites(hb):
    r = Renderer(hb)
    everything_but_one = [ref.key for ref in hb.references.references if ref.key != "brusin-2014"]
    r.cite(*everything_but_one)
    assert r.uncited() == ["brusin-2014"]


def test_bibliography_lists_every_reference_with_an_anchor(renderer, hb):
    html = str(renderer.bibliography())
    for ref in hb.references.references:
        assert f'<li id="lahde-{ref.key}">' in html
    assert "(viitattu 28.10.2019)" in html
    untitled = [ref for ref in hb.references.references if ref.title is None]
    assert untitled, "the fixture has a reference whose title is not known"
    for ref in untitled:
        entry = html.split(f'<li id="lahde-{ref.key}">')[1].split("</li>")[0]
        assert "[Teoksen nimeä ei tiedetä.]" in entry and "None" not in entry
    assert html.index('id="lahde-brusin-2014"') < html.index('id="lahde-utter-2019"')


def test_glossary_defines_every_term_and_links_related_ones(renderer, hb):
    html = str(renderer.glossary())
    assert html.count("<dt ") == len(hb.glossary.terms)
    assert '<dt id="vertaistuki">Vertaistuki</dt>' in html
    assert '<a href="#vertaisvoima">Vertaisvoima</a>' in html
    assert '<a href="../../ilmiot/vertaisvoima/">Lue lisää: Vertaisvoima</a>' in html


def test_model_figure_links_every_element_and_describes_itself(hb):
    r = Renderer(hb)
    r.page = "malli/"
    html = str(r.model_figure())
    model = hb.model
    for element in [model.core, *model.parts, *model.other_parts]:
        assert f'href="{page_url(element.page).removeprefix("malli/")}"' in html
    assert 'role="group" aria-labelledby="tp-model-title tp-model-desc"' in html
    assert (
        "<desc id=\"tp-model-desc\">Yrittäjävertaisuus on mallin kantava teema ja sen ydin. Sen ympärillä ovat osat "
        "”Ymmärrys ja itselle aikaa” sekä ”Tuottavuus ja jatkuvuus”. Mallin muut osat ovat ”Verkostot” sekä "
        "”Työpeili-ohjaaja”.</desc>"
    ) in html
    assert ">Mallin muut osat</text>" in html
    assert "<figcaption>Kuva: Työpeili-malli. Yrittäjävertaisuus on mallin kantava teema ja ydin." in html


def test_facts_are_shown_in_finnish_form(hb):
    facts = fi_value(hb.facts)
    assert facts["solo_entrepreneurs"]["count"] == "182\u00a0000"
    assert facts["pilot"]["duration_years"] == "1,5"
    assert facts["pilot"]["start_year"] == "2018"
    assert facts["project"]["planned_end_date"] == "31.7.2020"
    assert facts["project"]["funders"] == list(hb.facts.project.funders)
    assert facts["training"]["online_sessions"] == list(hb.facts.training.online_sessions)


@pytest.mark.parametrize(
    "value, shown", [(182000, "182\u00a0000"), (2018, "2018"), (12, "12"), (1.5, "1,5"), (0.25, "0,25")]
)
def test_fi_number(value, shown):
    assert fi_number(value) == shown


def test_fi_date():
    assert fi_date(datetime.date(2020, 7, 31)) == "31.7.2020"


@pytest.mark.parametrize(
    "src, directory_urls, url",
    [("index.md", True, ""), ("malli/index.md", True, "malli/"), ("lahteet.md", True, "lahteet/"),
     ("lahteet.md", False, "lahteet.html"), ("malli/index.md", False, "malli/index.html")],
)
def test_page_url(src, directory_urls, url):
    assert page_url(src, directory_urls) == url


@pytest.mark.parametrize(
    "target, from_page, link",
    [("lahteet/", "", "lahteet/"), ("lahteet/", "malli/verkostot/", "../../lahteet/"),
     ("malli/", "malli/", "./"), ("lahteet.html", "malli/verkostot.html", "../lahteet.html")],
)
def test_relative_url(target, from_page, link):
    assert relative_url(target, from_page) == link


def test_model_cards_come_from_the_model_data(hb):
    r = Renderer(hb)
    r.page = "malli/"
    cards = str(r.model_cards())
    for element in [hb.model.core, *hb.model.parts, *hb.model.other_parts]:
        assert f'<a href="{page_url(element.page).removeprefix("malli/")}">{element.title}</a>' in cards
        assert f"<p>{element.summary}</p>" in cards
    phenomena = str(r.model_cards("phenomena"))
    assert phenomena.count("<li>") == len(hb.model.phenomena) == 1
    assert '<a href="../ilmiot/vertaisvoima/">Vertaisvoima</a>' in phenomena
    with pytest.raises(HandbookError, match=r"^unknown group 'osat' \(known: elements, phenomena\)$"):
        r.model_cards("osat")


@pytest.mark.parametrize("text, literal", [
    ("Vuosikello", '"Vuosikello"'),
    ('Sano "hei"', '"Sano \\"hei\\""'),
    ("a\\b", '"a\\\\b"'),
    ("rivi\ntoinen", '"rivi\\A toinen"'),
    ("</style><script>", '"\\3c /style>\\3c script>"'),  # the footers are in a <style> of the page's head
])
def test_css_string_keeps_text_from_data_inside_the_string(text, literal):
    from handbook.render import css_string

    assert css_string(text) == literal


def test_sheet_footers_are_css_strings_from_the_data_and_the_settings(hb):
    worksheet = hb.worksheets.worksheets[0].model_copy(update={"title": 'Lomake "A" \\ B'})
    worksheets = hb.worksheets.model_copy(update={"worksheets": [worksheet, *hb.worksheets.worksheets[1:]]})
    renderer = Renderer(dataclasses.replace(hb, worksheets=worksheets))
    renderer.settings = data.load_settings({**fixture_extra(), "publisher": {"name": "Julkaisija", "url": "https://example.org/"}})
    renderer.site_url = "https://example.org/kirja/"
    line = renderer.settings.permission_to_copy.sheet_line
    css = renderer.sheets_css("Käsikirja")
    name = f"tehtava-{worksheet.id}"
    assert (f'@page tp-{name} {{\n    margin-bottom: 25mm;\n    @bottom-left {{\n      content: "Lomake \\"A\\" \\\\ B\\A '
            f'Käsikirja · Julkaisija · example.org/kirja/tyokirja/{worksheet.id}/\\A {line}";') in css
    assert f'.tp-sheet--follow[data-tp-sheet="{name}"] {{\n    page: tp-{name};' in css


def test_a_page_gets_the_footers_of_its_own_sheets_only(hb):
    renderer = Renderer(hb)
    renderer.settings = data.load_settings(fixture_extra())
    first, second, *_ = [f"tehtava-{w.id}" for w in hb.worksheets.worksheets] + [f"kulku-{m.id}" for m in hb.meetings.meetings]
    css = renderer.sheets_css("Käsikirja", [second])
    assert f"@page tp-{second} {{" in css and f"tp-{first}" not in css
