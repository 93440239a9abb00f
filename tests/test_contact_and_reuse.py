"""The way in: whom to contact, what may be copied (mkdocs.yml extra, checked by SiteSettings), and when the
laws, guidance and services a page cites were checked. Each mistake is one line."""

from __future__ import annotations

import copy
import re

import pytest

from conftest import edit, failed_build, fixture_extra, load_error, render_page
from handbook import data
from handbook.errors import HandbookError, quoted
from handbook.models import OFFICIAL_TYPES
from handbook.render import Renderer


@pytest.fixture
def renderer(hb) -> Renderer:
    r = Renderer(hb)
    r.settings = data.load_settings(fixture_extra())
    r.site_url = "https://foorumix.fi/tyopeili/"
    r.page = "ohjaajalle/"
    return r


def test_contact_names_the_organisation_and_every_person_with_a_mail_link(renderer):
    contact = renderer.settings.contact_details
    html = str(renderer.contact())
    people = [f'{p.name} (<a href="mailto:{p.email}">{p.email}</a>)' for p in contact.people]
    listed = ", ".join(people[:-1]) + " ja " + people[-1] if len(people) > 1 else people[0]
    assert f"<p>Kysy {contact.about}: {contact.organisation},\n{listed}.</p>" in html
    # What the article says of the training carries its source.
    assert re.search(rf"<p>{re.escape(contact.training)} \(<a class=\"tp-cite\"", html)


def test_reuse_gives_what_may_be_copied_the_terms_and_the_credit_with_the_sites_address(renderer):
    reuse = renderer.settings.permission_to_copy
    html = str(renderer.reuse())
    for item in [*reuse.may, *reuse.terms]:
        assert f"<li>{item}</li>" in html
    assert f'<li>Mainitse lähde, esimerkiksi ”{reuse.credit}, <span class="tp-url">{renderer.site_url}</span>”.</li>' \
        in html
    assert f"<p>{reuse.reserved} (<a class=\"tp-cite\"" in html


def test_text_of_the_settings_is_escaped(hb):
    extra = copy.deepcopy(fixture_extra())
    extra["contact_details"]["organisation"] = "<script>x</script>"
    extra["permission_to_copy"]["credit"] = "<b>SAMK</b>"
    r = Renderer(hb)
    r.settings = data.load_settings(extra)
    assert "&lt;script&gt;x&lt;/script&gt;" in r.contact() and "<script>" not in r.contact()
    assert "&lt;b&gt;SAMK&lt;/b&gt;" in r.reuse()


def without(extra: dict, path: str) -> dict:
    """A copy of `extra` without the key at the dotted path."""
    changed = copy.deepcopy(extra)
    *parents, last = path.split(".")
    node = changed
    for key in parents:
        node = node[key]
    del node[last]
    return changed


def changed_setting(path: str, value) -> dict:
    changed = copy.deepcopy(fixture_extra())
    *parents, last = path.split(".")
    node = changed
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    node[last] = value
    return changed


LONG_LINE = "Saa kopioida omaan ryhmään. " * 8


@pytest.mark.parametrize("extra, expected", [
    (lambda: without(fixture_extra(), "contact_details"), "contact_details: missing field"),
    (lambda: without(fixture_extra(), "publisher.name"), "publisher.name: missing field"),
    (lambda: without(fixture_extra(), "permission_to_copy.credit"), "permission_to_copy.credit: missing field"),
    (lambda: changed_setting("contact_details.people.0.email", "tiina(at)example.org"),
     "contact_details.people[1].email: 'tiina(at)example.org' is not an email address like nimi@example.org"),
    (lambda: changed_setting("contact_details.people", []),
     "contact_details.people: List should have at least 1 item after validation, not 0"),
    (lambda: changed_setting("contact_details.phone", "02 620 3000"), "contact_details.phone: unknown field"),
    (lambda: changed_setting("permission_to_copy.sheet_line", LONG_LINE),
     f"permission_to_copy.sheet_line: String should have at most 200 characters (got {quoted(LONG_LINE)})"),
    (lambda: changed_setting("permission_to_copy.may", "Kaiken."),
     "permission_to_copy.may: expected a list, got the text 'Kaiken.'"),
], ids=["no contact", "no publisher", "no credit", "email", "nobody to contact", "unknown field", "long sheet line", "text for list"])
def test_a_mistake_in_the_settings_is_one_line_naming_mkdocs_yml(extra, expected):
    with pytest.raises(HandbookError) as caught:
        data.load_settings(extra())
    assert str(caught.value) == f"mkdocs.yml: extra: {expected}"


def test_a_mistake_in_the_settings_fails_the_build_with_its_line(fixture_project):
    email = fixture_extra()["contact_details"]["people"][0]["email"]
    edit(fixture_project / "mkdocs.yml", f"email: {email}", "email: tiina(at)example.org")
    assert failed_build(fixture_project) == [
        "mkdocs.yml: extra: contact_details.people[1].email: 'tiina(at)example.org' is not an email address like "
        "nimi@example.org"]


# --- laws, guidance and services: shown with the date they were checked ------------------------------

def official(hb):
    refs = [r for r in hb.references.references if r.type in OFFICIAL_TYPES]
    assert refs, "the fixture cites a law, guidance or service"
    return refs


def test_sources_checked_lists_the_official_sources_cited_above_it_with_their_dates(renderer, hb):
    refs = official(hb)
    renderer.cite("latostenmaa-tuomainen-2019", *[r.key for r in refs])
    html = str(renderer.sources_checked())
    oldest = min(r.accessed for r in refs)
    assert f"<strong>Tiedot tarkistettu {oldest.day}.{oldest.month}.{oldest.year}</strong>" in html
    items = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>[^<]*: tarkistettu ([\d.]+)</li>', html)
    assert items == [(str(r.url), r.title or r.publisher, f"{r.accessed.day}.{r.accessed.month}.{r.accessed.year}")
                     for r in refs]
    assert "latostenmaa-tuomainen-2019" not in html


def test_a_page_citing_an_official_source_without_sources_checked_fails_with_one_line(page_macros, hb):
    key = official(hb)[0].key
    with pytest.raises(HandbookError) as caught:
        render_page(page_macros, f"# Otsikko\n\nLaki kieltää sen {{{{ cite('{key}') }}}}.\n")
    assert str(caught.value) == (
        f"docs/sivu.md: cites '{key}', a law, guidance or service: show when it was checked with "
        "{{ sources_checked() }} at the end of the page")
    render_page(page_macros, f"# Otsikko\n\nLaki kieltää sen {{{{ cite('{key}') }}}}.\n\n{{{{ sources_checked() }}}}\n")


def test_sources_checked_without_an_official_source_above_it_is_a_mistake(page_macros):
    with pytest.raises(HandbookError) as caught:
        render_page(page_macros, "# Otsikko\n\n{{ sources_checked() }}\n")
    assert str(caught.value) == (
        "docs/sivu.md: line 3: sources_checked(): the page cites no law, guidance or service above this point")


def test_the_build_fails_on_a_page_citing_an_official_source_without_sources_checked(fixture_project, hb):
    page = fixture_project / "docs" / "ohjaajalle.md"
    text = page.read_text(encoding="utf-8")
    cited = [k for k in re.findall(r"cite\('([a-z0-9-]+)'\)", text) if hb.reference(k).type in OFFICIAL_TYPES]
    edit(page, "{{ sources_checked() }}", "")
    assert failed_build(fixture_project) == [
        f"docs/ohjaajalle.md: cites '{cited[0]}', a law, guidance or service: show when it was checked with "
        "{{ sources_checked() }} at the end of the page"]


def test_an_official_source_needs_its_address_and_the_date_it_was_checked(data_copy, hb):
    ref = official(hb)[0]
    refs = data_copy / "data" / "references.yml"
    edit(refs, f"    accessed: {ref.accessed.isoformat()}\n", "")
    assert load_error(data_copy) == (
        f"data/references.yml: reference '{ref.key}': a source of type '{ref.type}' needs url and accessed "
        "(the date it was checked)")


def test_a_source_without_title_or_type_is_listed_as_unknown(hb):
    untitled = [r for r in hb.references.references if r.title is None and r.type is None]
    assert untitled, "the fixture has a source whose title and type are not known"
    html = str(Renderer(hb).bibliography())
    entry = html.split(f'<li id="lahde-{untitled[0].key}">')[1].split("</li>")[0]
    assert "[Teoksen nimeä ei tiedetä.]" in entry and "None" not in entry
