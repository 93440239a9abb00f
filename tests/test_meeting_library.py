"""The meeting template library in Chromium: the filter narrows the list by type, phase and length,
works from the keyboard, announces the count in Finnish, and without JavaScript every template shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import describe_violations, run_axe
from handbook import data

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
MEETINGS = data.load(ROOT, docs_dir=None).meetings.meetings
STATUS = "[data-tp-filter-status]"


def visible_titles(page) -> list[str]:
    return page.locator(".tp-card:visible .tp-card__title").all_inner_texts()


@pytest.fixture
def library(page, site_url):
    page.goto(site_url + "tapaamispohjat/")
    return page


def test_choosing_a_type_shows_only_the_templates_of_that_type(library):
    library.select_option("#tp-filter-type", "hyvinvointi")
    expected = [m.title for m in MEETINGS if m.type == "hyvinvointi"]
    assert visible_titles(library) == expected == ["Hyvinvointi-ilta", "Kävelytapaaminen"]
    assert library.inner_text(STATUS) == "Näytetään 2 tapaamispohjaa (kaikkiaan 12)."


def test_choices_combine_and_a_single_match_is_announced_in_the_singular(library):
    library.select_option("#tp-filter-type", "hyvinvointi")
    library.select_option("#tp-filter-phase", "alkuvaihe")
    assert visible_titles(library) == ["Kävelytapaaminen"]
    assert library.inner_text(STATUS) == "Näytetään 1 tapaamispohja (kaikkiaan 12)."


@pytest.mark.parametrize("choice, shortest, longest", [("enintaan-60", 0, 60), ("61-90", 61, 90),
                                                       ("91-120", 91, 120), ("yli-120", 121, 1440)])
def test_choosing_a_length_shows_the_templates_of_that_length(library, choice, shortest, longest):
    library.select_option("#tp-filter-length", choice)
    expected = [m.title for m in MEETINGS if shortest <= m.length_minutes <= longest]
    assert expected and visible_titles(library) == expected


def test_no_match_says_so_and_show_all_brings_every_template_back(library):
    library.select_option("#tp-filter-type", "aloitus")
    library.select_option("#tp-filter-phase", "loppuvaihe")
    assert visible_titles(library) == []
    assert library.inner_text(STATUS) == (
        "Valinnoilla ei löytynyt yhtään tapaamispohjaa. Muuta valintoja tai valitse Näytä kaikki."
    )
    library.click("text=Näytä kaikki")
    # The form resets its fields after the reset event; the script counts right after that.
    expect(library.locator(STATUS)).to_have_text("Näytetään kaikki 12 tapaamispohjaa.")
    assert len(visible_titles(library)) == 12
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
    assert library.input_value("#tp-filter-type") == "aloitus"
    assert visible_titles(library) == ["Ensimmäinen tapaaminen"]
    assert library.inner_text(STATUS) == "Näytetään 1 tapaamispohja (kaikkiaan 12)."


def test_without_javascript_every_template_shows_and_the_filter_stays_hidden(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(site_url + "tapaamispohjat/")
        assert page.locator("form.tp-filter").is_hidden()
        assert visible_titles(page) == [m.title for m in MEETINGS]
        assert page.inner_text(STATUS) == "Tapaamispohjia on 12."
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_filtered_library_has_no_axe_violation(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme, locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(site_url + "tapaamispohjat/")
        page.select_option("#tp-filter-type", "yhdessä tekeminen")
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
