"""What editors write is safe to build: text from any field is escaped, and hostile or broken input is
refused with one line (glossary markup, duplicate keys and navigation entries, oversize values,
look-alike characters, escapes from the page sandbox, symbolic links). A description with quotes and
markup, the tooltips and the sandbox in a real build: tests/test_couplings.py."""

from __future__ import annotations

import re

import pytest

from conftest import edit, failed_build, load_error, render_page
from handbook.errors import HandbookError

SCRIPT = '<img src="x" onerror="alert(1)">'


def test_markup_in_a_glossary_definition_is_refused(data_copy):
    """Material's tooltips turn an abbr title back into HTML: a definition could run a script on every page."""
    glossary = data_copy / "data" / "glossary.yml"
    edit(glossary, "definition: Tuki, jota", f"definition: {SCRIPT} Tuki, jota")
    assert load_error(data_copy) == (
        "data/glossary.yml: term 'vertaistuki': definition: no markup: the text is shown as a tooltip; write it "
        "without <, > and & (got '<img src=\"x\" onerror=\"alert(1)\"> Tuki, jota samassa tilanteessa olevat "
        "ihmiset a'… (121 characters))"
    )


def test_a_key_written_twice_in_a_data_file_is_refused(data_copy):
    edit(data_copy / "data" / "quotes.yml", "    speaker: ohjaaja\n", "    speaker: ohjaaja\n    speaker: yrittäjä\n")
    message = load_error(data_copy)
    assert re.fullmatch(r"data/quotes\.yml: line (\d+): duplicate key 'speaker' \(the first is on line (\d+)\)", message)
    second, first = map(int, re.findall(r"line (\d+)", message))
    assert second == first + 1


def test_a_page_listed_twice_in_the_navigation_is_refused(fixture_project):
    edit(fixture_project / "mkdocs.yml", "      - Verkostot: malli/verkostot.md\n",
         "      - Verkostot: malli/verkostot.md\n      - Verkostot uudelleen: malli/verkostot.md\n")
    assert failed_build(fixture_project) == ["mkdocs.yml: nav: 'malli/verkostot.md' is listed twice (list each page once)"]


def test_a_quote_of_thousands_of_characters_is_refused_and_the_message_stays_short(data_copy):
    edit(data_copy / "data" / "quotes.yml", "text: Sain työkavereita", "text: " + "Sain työkavereita. " * 300)
    message = load_error(data_copy)
    assert message.startswith("data/quotes.yml: quote 'sain-tyokavereita': text: String should have at most 1000 "
                              "characters (got 'Sain työkavereita. Sain")
    assert message.endswith("… (5699 characters))") and len(message) < 250


@pytest.mark.parametrize("old, new, expected", [
    ("length_minutes: 90", "length_minutes: 9000",
     "data/meetings.yml: meeting 'kokemusten-vaihto': length_minutes: Input should be less than or equal to 1440 "
     "(got 9000)"),
    ("minutes: 15", "minutes: 1500",
     "data/meetings.yml: meeting 'ensimmainen-tapaaminen': agenda[1].minutes: Input should be less than or equal to "
     "1440 "
     "(got 1500)"),
])
def test_minutes_beyond_a_day_are_refused(data_copy, old, new, expected):
    edit(data_copy / "data" / "meetings.yml", old, new)
    assert load_error(data_copy) == expected


def test_a_look_alike_character_in_an_id_is_named(data_copy):
    edit(data_copy / "data" / "quotes.yml", "- verkostot", "- verk\u043estot")  # a Cyrillic о
    assert load_error(data_copy) == (
        "data/quotes.yml: quote 'tarvitsin-verkostoa': themes[1]: 'verkоstot' (contains U+043E CYRILLIC SMALL LETTER O) "
        "is not an id: use lowercase a–z, 0–9 and single hyphens"
    )


@pytest.mark.parametrize("attempt, refused", [
    ("{{ ''.__class__.__mro__ }}", "access to attribute '__class__' of 'str' object is unsafe."),
    ("{{ quote.__globals__ }}", "access to attribute '__globals__' of 'function' object is unsafe."),
    ("{{ facts.__class__.__subclasses__() }}", "access to attribute '__class__' of 'dict' object is unsafe."),
    ("{{ cite.__code__ }}", "access to attribute '__code__' of 'function' object is unsafe."),
    ("{{ facts|attr('__class__') }}", "access to attribute '__class__' of 'dict' object is unsafe."),
])
def test_a_page_cannot_reach_past_what_the_handbook_offers(page_macros, attempt, refused):
    with pytest.raises(HandbookError) as caught:
        render_page(page_macros, f"# Otsikko\n\n{attempt}\n")
    assert str(caught.value) == f"docs/sivu.md: line 3: not allowed in a page: {refused}"


@pytest.mark.parametrize("name", ["page", "files", "navigation", "environment", "plugin", "macros", "range", "lipsum"])
def test_a_page_sees_no_variable_of_the_build(page_macros, name):
    with pytest.raises(HandbookError, match=rf"^docs/sivu\.md: line 1: unknown name '{name}'$"):
        render_page(page_macros, f"{{{{ {name} }}}}")


def test_a_look_alike_character_in_a_macro_call_is_named(page_macros):
    with pytest.raises(HandbookError) as caught:
        render_page(page_macros, "Teksti.\n\n{{ quote('sain-tyokavereit\u0430') }}\n")  # a Cyrillic а
    assert str(caught.value).startswith(
        "docs/sivu.md: line 3: quote(): unknown quote 'sain-tyokavereitа' (contains U+0430 CYRILLIC SMALL LETTER A) "
        "(known: ")


def test_a_page_sees_the_sites_details_as_plain_escaped_text(page_macros):
    assert render_page(page_macros, "{{ config.site_url }} {{ config.extra.publisher.name }}") == \
        "https://foorumix.fi/tyopeili/ SAMK &lt;b&gt;"
    with pytest.raises(HandbookError, match="unknown name 'secret'"):
        render_page(page_macros, "{{ config.secret }}")


@pytest.mark.parametrize("link", ["file", "folder"])
def test_a_symbolic_link_under_docs_is_refused(fixture_project, tmp_path, link):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "salaisuus.md").write_text("---\ndescription: Salaisuus.\n---\n\n# Salaisuus\n", encoding="utf-8")
    if link == "file":
        (fixture_project / "docs" / "salaisuus.md").symlink_to(outside / "salaisuus.md")
        expected = "docs/salaisuus.md: a symbolic link ('salaisuus.md') is not published: copy the file into docs/ instead"
    else:
        (fixture_project / "docs" / "muualla").symlink_to(outside, target_is_directory=True)
        expected = "docs/muualla/salaisuus.md: a symbolic link ('muualla') is not published: copy the file into docs/ instead"
    assert failed_build(fixture_project) == [expected]
    assert not list((fixture_project / "site-out").rglob("salaisuus*"))
