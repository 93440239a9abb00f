"""The meeting template library in Chromium: the filter narrows the list by type, phase and length,
works from the keyboard, announces the count in Finnish, and without JavaScript every template shows.
What each choice should show comes from data/meetings.yml."""

from __future__ import annotations

import typing

import pytest
from playwright.sync_api import expect

from conftest import ROOT, describe_violations, run_axe
from handbook import data
from handbook.models import MeetingType, Phase
from handbook.render import LENGTH_RANGES

pytestmark = pytest.mark.browser

MEETINGS = data.load(ROOT, docs_dir=None).meetings.meetings
TOTAL = len(MEETINGS)
STATUS = "[data-tp-filter-status]"
# The filter offers the types in the order of the model, those some template has.
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
    page.goto(site_url + "tapaamispohjat/")
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


@pytest.mark.parametrize("choice, shortest, longest", [r[0::2] + r[3:] for r in LENGTH_RANGES])
def test_choosing_a_length_shows_the_templates_of_that_length(library, choice, shortest, longest):
    expected = titles(m for m in MEETINGS if shortest <= m.length_minutes <= longest)
    if not expected:
        assert library.locator(f"#tp-filter-length option[value='{choice}']").count() == 0
        return
    library.select_option("#tp-filter-length", choice)
    assert visible_titles(library) == expected


def test_no_match_says_so_and_show_all_brings_every_template_back(library):
    phases = typing.get_args(Phase)
    kind, phase = next((t, p) for t in TYPES for p in phases if not any(m.type == t and p in m.phases for m in MEETINGS))
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
                          ("#tp-filter-length", "Kesto")]:
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
        page.goto(site_url + "tapaamispohjat/")
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
        page.goto(site_url + "tapaamispohjat/")
        page.select_option("#tp-filter-type", TYPES[-1])
        page.locator("#tp-filter-length").focus()
        violations = run_axe(page)
        assert not violations, describe_violations(violations)
    finally:
        context.close()


def test_worksheet_print_button_opens_the_print_dialog(page, site_url):
    page.goto(site_url + "tyokirja/vuosikello/")
    page.evaluate("window.print = () => { window.printed = true; }")
    button = page.get_by_role("button", name="Tulosta")
    assert button.is_visible()
    button.click()
    assert page.evaluate("window.printed") is True
