"""The handbook's three voices (handbook/voices.py, applied by hooks/voices.py): a proposal looks the same
wherever it comes from, and a page that mixes the voices fails with one line.

The rules are shown on pages rendered as the build renders them (the pages' macros, then Markdown with
the site's extensions); one mistake of each kind of check goes through the real build.
"""

from __future__ import annotations

import re

import markdown
import pytest
import yaml

from conftest import FIXTURE, ROOT, edit, failed_build, page_file, render_page
from handbook import data
from handbook.data import MEETING_PAGE, WORKSHEET_PAGE
from handbook.render import page_url
from handbook.voices import PROPOSAL_CLASS, PROPOSAL_LABEL, mark_proposals, proposal_open, voice_problems


def site_markdown() -> markdown.Markdown:
    """Markdown with the extensions and settings of the site's mkdocs.yml."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        settings[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=settings)


def page_html(page_macros, source: str) -> str:
    """A page's HTML as the voices' hook gets it: macros rendered, Markdown converted, proposals marked."""
    converted = site_markdown().convert(render_page(page_macros, f"# Sivu\n\n{source}"))
    return mark_proposals(converted)


def problems(page_macros, source: str) -> list[str]:
    return voice_problems(page_html(page_macros, source))


# --- one look for every proposal ---------------------------------------------------------------------

LABEL = re.compile(rf'<div class="{PROPOSAL_CLASS}"[^>]*>\n<p class="{PROPOSAL_CLASS}__label">([^<]*)</p>')


def test_a_markdown_proposal_block_is_the_handbooks_proposal_block(page_macros):
    html = page_html(page_macros, "!!! ehdotus\n\n    Sovi tapaamisajat pitkälle eteenpäin.\n")
    assert str(proposal_open()) + "\n<p>Sovi tapaamisajat pitkälle eteenpäin.</p>\n</div>" in html
    assert "admonition" not in html


@pytest.mark.parametrize("title, label", [
    ('"ensimmäinen tapaaminen"', f"{PROPOSAL_LABEL}: ensimmäinen tapaaminen"),
    ('"Ehdotus"', PROPOSAL_LABEL),
    (f'"{PROPOSAL_LABEL}"', PROPOSAL_LABEL),
])
def test_a_proposal_blocks_title_follows_the_label(page_macros, title, label):
    html = page_html(page_macros, f"!!! ehdotus {title}\n\n    Sovi tapaamisajat pitkälle eteenpäin.\n")
    assert LABEL.findall(html) == [label]


def test_every_proposal_of_the_built_site_has_the_same_block_and_label(fixture_site):
    """Markdown blocks, meeting templates, worksheets, the training and the season plan: one look."""
    hb = data.load(FIXTURE, docs_dir=None)
    docs = FIXTURE / "docs"
    with_macro = {name: [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")
                         if f"{{{{ {name}(" in p.read_text(encoding="utf-8")]
                  for name in ("curriculum", "season_plan")}
    sources = {
        "markdown": [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")
                     if "!!! ehdotus" in p.read_text(encoding="utf-8")],
        "meeting": [MEETING_PAGE.format(m.id) for m in hb.meetings.meetings],
        "worksheet": [WORKSHEET_PAGE.format(w.id) for w in hb.worksheets.worksheets],
        **with_macro,
    }
    for kind, pages in sources.items():
        assert pages, f"the fixture shows a proposal from {kind}"
        for src in pages:
            html = page_file(fixture_site, page_url(src)).read_text(encoding="utf-8")
            article = html[html.index("<article"):html.index("</article>")]
            labels = LABEL.findall(article)
            assert labels and article.count(f'class="{PROPOSAL_CLASS}"') == len(labels), (kind, src)
            assert all(label == PROPOSAL_LABEL or label.startswith(f"{PROPOSAL_LABEL}: ") for label in labels), src
            assert "admonition" not in article, src


# --- the rules, each one line --------------------------------------------------------------------------

CITE = "{{ cite('latostenmaa-tuomainen-2019') }}"
CASES = {
    "the proposal named in the text": (
        "Tämä on käsikirjan ehdotus ryhmälle.",
        "'Tämä on käsikirjan ehdotus ryhmälle.': write the handbook's proposal in a !!! ehdotus block instead "
        "of naming it in the text"),
    "the proposal named in another form": (
        "Alla on käsikirjan ehdotuksia ryhmälle.",
        "'Alla on käsikirjan ehdotuksia ryhmälle.': write the handbook's proposal in a !!! ehdotus block instead "
        "of naming it in the text"),
    "evidence inside a proposal": (
        "!!! ehdotus\n\n    Pilotissa ryhmät tapasivat kerran kuukaudessa.",
        "'Pilotissa ryhmät tapasivat kerran kuukaudessa.': a proposal does not speak for the pilot or the article "
        "('Pilotissa'): move what the article says out of the !!! ehdotus block, with its cite()"),
    "evidence inside a proposal, even cited": (
        f"!!! ehdotus\n\n    Lähdeartikkelin mukaan ryhmät tapasivat kuukausittain {CITE}.",
        "'Lähdeartikkelin mukaan ryhmät tapasivat kuukausittain (Lato…': a proposal does not speak for the "
        "pilot or the article ('Lähdeartikkelin'): move what the article says out of the !!! ehdotus block, "
        "with its cite()"),
    "evidence without its source": (
        "Pilotin aikana ryhmät tapasivat kerran kuukaudessa.",
        "'Pilotin aikana ryhmät tapasivat kerran kuukaudessa.': says what the pilot or the article found "
        "('Pilotin aikana') without a source: add {{ cite('…') }} to it, or put advice in a !!! ehdotus block"),
    "evidence without its source in a list": (
        "- Ryhmät tapasivat kerran kuukaudessa.\n- Artikkelin mukaan tapaamiset kestivät kaksi tuntia.",
        "'Artikkelin mukaan tapaamiset kestivät kaksi tuntia.': says what the pilot or the article found "
        "('Artikkelin mukaan') without a source: add {{ cite('…') }} to it, or put advice in a !!! ehdotus block"),
    "a long statement is shortened": (
        "Pilottiryhmissä yrittäjät kertoivat toisilleen arjestaan ja saivat siitä voimia jatkaa työtään.",
        "'Pilottiryhmissä yrittäjät kertoivat toisilleen arjestaan ja…': says what the pilot or the article "
        "found ('Pilottiryhmissä') without a source: add {{ cite('…') }} to it, or put advice in a !!! ehdotus block"),
    "advice section without a proposal block": (
        "## Näin tuet tätä ryhmässä\n\nKysy jokaiselta, mitä hänelle kuuluu.",
        "the section 'Näin tuet …' is the handbook's advice: begin it with a !!! ehdotus block"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_mixed_voices_are_one_line_each(page_macros, case):
    source, expected = CASES[case]
    assert problems(page_macros, source)[:1] == [expected]


@pytest.mark.parametrize("source", [
    f"Pilotissa toimi kymmenen ryhmää {CITE}.",
    f"- Artikkelin mukaan tapaamiset kestivät kaksi tuntia {CITE}.",
    "## Mitä pilotissa opittiin\n\nRyhmät tapasivat.",
    "| Lähde | Mitä pilotissa tehtiin |\n| --- | --- |\n| Artikkeli | Pilotissa tavattiin |",
    "- [Pilotti ja tulokset](pilotti.md): mitä pilotissa tehtiin.",
    "{{ quote('sain-tyokavereita') }}",
    "## Näin tuet tätä ryhmässä\n\n!!! ehdotus\n\n    Kysy jokaiselta, mitä hänelle kuuluu.",
    "!!! ehdotus\n\n    Tämä on käsikirjan ehdotus ryhmälle.",
], ids=["cited", "cited list item", "heading", "table", "link to read more", "quote", "advice in a block",
        "the label inside a block"])
def test_voices_kept_apart_pass(page_macros, source):
    assert problems(page_macros, source) == []


@pytest.mark.parametrize("page, old, new, expected", [
    ("docs/ohjaajalle.md", "!!! ehdotus\n\n    Kokoa",
     "!!! ehdotus\n\n    Pilotissa ryhmät tapasivat kerran kuukaudessa.\n\n    Kokoa",
     "docs/ohjaajalle.md: 'Pilotissa ryhmät tapasivat kerran kuukaudessa.': a proposal does not speak for the pilot "
     "or the article ('Pilotissa'): move what the article says out of the !!! ehdotus block, with its cite()"),
    ("docs/malli/verkostot.md", "## Näin tuet tätä ryhmässä\n\n!!! ehdotus\n\n    Kysy",
     "## Näin tuet tätä ryhmässä\n\nKysy",
     "docs/malli/verkostot.md: the section 'Näin tuet …' is the handbook's advice: begin it with a !!! ehdotus block"),
], ids=["evidence in a proposal", "advice section"])
def test_the_build_fails_on_mixed_voices_with_one_line(fixture_project, page, old, new, expected):
    edit(fixture_project / page, old, new)
    assert failed_build(fixture_project) == [expected]
