"""The meeting template library in Chromium: the filter narrows the list by type, phase (told in the
sample season's months), topic and the time there is, works from the keyboard, announces the count
in Finnish, and without JavaScript every template shows. What each choice should show comes from
data/meetings.yml and data/season.yml."""

from __future__ import annotations

import posixpath
import typing

import pytest
from playwright.sync_api import expect

from conftest import ROOT, describe_violations, run_axe
from handbook import data
from handbook.models import MeetingType, Phase
from handbook.render import page_url

pytestmark = pytest.mark.browser

HB = data.load(ROOT, docs_dir=None)
MEETINGS = HB.meetings.meetings
TOTAL = len(MEETINGS)
STATUS = "[data-tp-filter-status]"
# The filter offers the types in the order of the model, those some template has.
LIBRARY = page_url(posixpath.dirname(data.MEETING_PAGE) + "/index.md")  # the library of templates
TYPES = [t for t in typing.get_args(MeetingType) if any(m.type == t for m in MEETINGS)]


def shown(count: int) -> str:
    """What the live region says when `count` of the templates show."""
    if count == 0:
        return "Valinnoilla ei löytynyt yhtään tapaamispohjaa. Muuta valintoja tai valitse Näytä kaikki."
    if count == TOTAL:
        return f"Näytetään kaikki {TOTAL} tapaamispohjaa."
    return f"Näytetään {count} tapaamispohja{'' if count == 1 else 'a'} (kaikkiaan {TOTAL})."


def titles(meetings) -> list[str]:
    return [m.title for m in meetings]


def visible_titles(page) -> list[str]:
    return page.locator(".tp-card:visible .tp-card__title").all_inner_texts()


@pytest.fixture
def library(page, site_url):
    page.goto(site_url + LIBRARY)
    return page


@pytest.mark.parametrize("kind", TYPES)
def test_choosing_a_type_shows_only_the_templates_of_that_type(library, kind):
    library.select_option("#tp-filter-type", kind)
    expected = titles(m for m in MEETINGS if m.type == kind)
    assert visible_titles(library) == expected
    assert library.inner_text(STATUS) == shown(len(expected))


def test_choices_combine(library):
    kind, phase = next((m.type, m.phases[0]) for m in MEETINGS)
    library.select_option("#tp-filter-type", kind)
    library.select_option("#tp-filter-phase", phase)
    expected = titles(m for m in MEETINGS if m.type == kind and phase in m.phases)
    assert visible_titles(library) == expected
    assert library.inner_text(STATUS) == shown(len(expected))


@pytest.mark.parametrize("minutes", sorted({m.length_minutes for m in MEETINGS}))
def test_choosing_the_time_there_is_shows_every_template_that_fits_in_it(library, minutes):
    library.select_option("#tp-filter-length", str(minutes))
    assert library.locator("#tp-filter-length option:checked").inner_text() == f"Enintään {minutes}\u00a0minuuttia"
    expected = titles(m for m in MEETINGS if m.length_minutes <= minutes)
    assert expected and visible_titles(library) == expected


def test_choosing_a_topic_shows_the_templates_that_support_it(library):
    topics = {part for m in MEETINGS for part in m.model_parts}
    offered = library.eval_on_selector_all("#tp-filter-topic option", "os => os.map(o => o.value).filter(v => v)")
    assert sorted(offered) == sorted(topics)
    for topic in offered:
        library.select_option("#tp-filter-topic", topic)
        assert visible_titles(library) == titles(m for m in MEETINGS if topic in m.model_parts), topic
    labels = library.eval_on_selector_all("#tp-filter-topic option", "os => os.map(o => o.textContent)")
    assert labels[1:] == [HB.element(topic).title for topic in offered]


def test_phases_are_told_in_the_months_of_the_sample_season(library):
    labels = library.eval_on_selector_all("#tp-filter-phase option", "os => os.map(o => o.textContent)")[1:]
    expected = []
    for p in HB.season.phases:
        months = f"{p.months.first}.–{p.months.last}." if p.months.first != p.months.last else f"{p.months.first}."
        expected.append(f"{p.phase.capitalize()} ({months} kuukausi)")
    assert labels == expected
    help_text = library.locator("#tp-filter-phase-help")
    assert library.get_attribute("#tp-filter-phase", "aria-describedby") == "tp-filter-phase-help"
    assert HB.season.rhythm in help_text.inner_text()


def test_no_match_says_so_and_show_all_brings_every_template_back(library):
    phases = typing.get_args(Phase)
    empty = [(t, p) for t in TYPES for p in phases if not any(m.type == t and p in m.phases for m in MEETINGS)]
    if not empty:
        pytest.skip("every type of template is there for every phase: no choice of the two finds nothing")
    kind, phase = empty[0]
    library.select_option("#tp-filter-type", kind)
    library.select_option("#tp-filter-phase", phase)
    assert visible_titles(library) == []
    assert library.inner_text(STATUS) == shown(0)
    library.click("text=Näytä kaikki")
    # The form resets its fields after the reset event; the script counts right after that.
    expect(library.locator(STATUS)).to_have_text(shown(TOTAL))
    assert visible_titles(library) == titles(MEETINGS)
    assert library.input_value("#tp-filter-type") == ""


def test_filter_is_a_named_group_of_labelled_selects_and_the_count_a_live_region(library):
    assert library.locator("fieldset > legend").inner_text() == "Rajaa tapaamispohjia"
    for select, label in [("#tp-filter-type", "Tyyppi"), ("#tp-filter-phase", "Ryhmän vaihe"),
                          ("#tp-filter-topic", "Aihe"), ("#tp-filter-length", "Aikaa on")]:
        assert library.get_by_role("combobox", name=label, exact=True).evaluate("e => '#' + e.id") == select
    assert library.get_attribute(STATUS, "role") == "status"


def test_keyboard_alone_reaches_the_filter_and_changes_it(library):
    for _ in range(200):
        library.keyboard.press("Tab")
        if library.evaluate("document.activeElement.id") == "tp-filter-type":
            break
    else:
        pytest.fail("the keyboard never reached the type filter")
    library.keyboard.press("ArrowDown")
    assert library.input_value("#tp-filter-type") == TYPES[0]
    expected = titles(m for m in MEETINGS if m.type == TYPES[0])
    assert visible_titles(library) == expected
    assert library.inner_text(STATUS) == shown(len(expected))


def test_without_javascript_every_template_shows_and_the_filter_stays_hidden(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(site_url + LIBRARY)
        assert page.locator("form.tp-filter").is_hidden()
        assert visible_titles(page) == [m.title for m in MEETINGS]
        assert page.inner_text(STATUS) == f"Tapaamispohjia on {TOTAL}."
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_filtered_library_has_no_axe_violation(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme, locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(site_url + LIBRARY)
        page.select_option("#tp-filter-type", TYPES[-1])
        page.locator("#tp-filter-length").focus()
        violations = run_axe(page)
        assert not violations, describe_violations(violations)
    finally:
        context.close()


def test_worksheet_print_button_opens_the_print_dialog(page, site_url):
    page.goto(site_url + page_url(data.WORKSHEET_PAGE.format(HB.worksheets.worksheets[0].id)))
    page.evaluate("window.print = () => { window.printed = true; }")
    button = page.get_by_role("button", name="Tulosta")
    assert button.is_visible()
    button.click()
    assert page.evaluate("window.printed") is True
