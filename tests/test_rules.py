"""The content rules of rendered pages (handbook/rules.py, applied by hooks/content_rules.py): each
breaks the fixture handbook's build with its one line, so `make serve` shows it to the editor."""

from __future__ import annotations

import re

import pytest

from conftest import build_site, edit, failed_build
from handbook import rules
from handbook.errors import HandbookError

PAGE = "docs/malli/verkostot.md"
QUOTES = [("tarvitsin-verkostoa", "Tarvitsin verkostoa koska olin yksin siinä vaiheessa.")]


def content(fixture_site, page: str) -> str:
    text = (fixture_site / page / "index.html").read_text(encoding="utf-8")
    return text[text.index('<article'):text.index("</article>")]


def check(html: str, phenomenon: bool = False, quotes=QUOTES) -> None:
    rules.check_element_page(PAGE, html, "verkostot", quotes, phenomenon, "latostenmaa-tuomainen-2019")


def refusal(html: str, **options) -> str:
    """The one line with which the page is refused."""
    with pytest.raises(HandbookError) as caught:
        check(html, **options)
    return str(caught.value)


def test_an_element_page_that_follows_the_rules_passes(fixture_site):
    check(content(fixture_site, "malli/verkostot"))


def test_an_element_page_needs_words_of_its_own(fixture_site):
    html = content(fixture_site, "malli/verkostot")
    short = re.sub(r"<p>(?!”)[^<]*</p>", "", html, count=4)
    words = rules.own_words(short)
    assert refusal(short) == (f"{PAGE}: {words} words of the page's own text, at least {rules.MIN_WORDS} are "
                                 "needed (quotes and the model figure do not count)")


def test_quotes_and_the_figure_are_not_the_pages_own_words(fixture_site):
    html = content(fixture_site, "malli/verkostot")
    assert rules.own_words(html + '<figure class="tp-quote"><p>Sana sana sana.</p></figure>') == rules.own_words(html)


def test_an_element_page_shows_every_quote_on_its_theme(fixture_site):
    html = content(fixture_site, "malli/verkostot").replace("Tarvitsin verkostoa", "Tarvitsin")
    assert refusal(html) == (
        f"{PAGE}: quote 'tarvitsin-verkostoa' on the theme 'verkostot' is not on the page (show it with "
        "{{ quotes(theme='verkostot') }} or {{ quote('tarvitsin-verkostoa') }})")


def test_an_element_page_ends_with_what_the_facilitator_can_do(fixture_site):
    html = content(fixture_site, "malli/verkostot") + '<h2 id="lue">Lue myös</h2><p>Muut sivut.</p>'
    assert refusal(html) == (f"{PAGE}: the page must end with the section '## Näin tuet …', what the "
                                 "facilitator can do in the group (its last is 'Lue myös')")


def test_a_phenomenon_page_cites_research_beyond_the_source_article(fixture_site):
    html = content(fixture_site, "ilmiot/vertaisvoima")
    check(html, phenomenon=True, quotes=[])
    only_the_article = re.sub(r'#lahde-(?!latostenmaa-tuomainen-2019)[a-z0-9-]+"', '#lahde-latostenmaa-tuomainen-2019"',
                              html)
    assert refusal(only_the_article, phenomenon=True, quotes=[]) == (
        f"{PAGE}: a phenomenon page cites research beyond the source article: add one with {{{{ cite('…') }}}}")


@pytest.mark.parametrize("meta, expected", [
    ({}, "description: missing (start the page with front matter: ---, description: one sentence on what the page "
         "gives the reader, ---)"),
    ({"description": "Ilman pistettä"}, "description: end the sentence with a full stop, got 'Ilman pistettä'"),
    ({"description": "Kaksi\nriviä."}, "description: one sentence on one line, got several lines"),
])
def test_every_page_says_in_one_sentence_what_it_gives(meta, expected):
    with pytest.raises(HandbookError) as caught:
        rules.check_description("docs/sivu.md", meta)
    assert str(caught.value) == f"docs/sivu.md: {expected}"


# The build applies each kind of rule: after rendering, to front matter, to links, to the search index.
BUILD_RULES = {
    "rendered page": (PAGE, "## Näin tuet tätä ryhmässä", "## Ryhmässä",
                      f"{PAGE}: the page must end with the section '## Näin tuet …', what the facilitator can do in "
                      "the group (its last is 'Ryhmässä')"),
    "description": ("docs/sitaatit.md", "description: Testikäsikirjan sitaatit.", "description: Sitaatit",
                    "docs/sitaatit.md: description: end the sentence with a full stop, got 'Sitaatit'"),
    "link in HTML": ("docs/sitaatit.md", "# Sitaatit", '# Sitaatit\n\n<a href="../sitaatti/">Sitaatti</a>',
                     "docs/sitaatit.md: link '../sitaatti/' leads to no page"),
    "anchor in HTML": ("docs/sitaatit.md", "# Sitaatit", '# Sitaatit\n\n<a href="../lahteet/#lahde-x">Lähde</a>',
                       "docs/sitaatit.md: link '../lahteet/#lahde-x': no such anchor on that page"),
    "left out of search": ("docs/sitaatit.md", "---\n\n", "search:\n  exclude: true\n---\n\n",
                           "docs/sitaatit.md: not in the search index (remove 'search: exclude' from its front matter)"),
}


@pytest.mark.parametrize("case", sorted(BUILD_RULES))
def test_the_build_fails_on_a_broken_rule_with_one_line(case, fixture_project):
    path, old, new, expected = BUILD_RULES[case]
    edit(fixture_project / path, old, new)
    assert failed_build(fixture_project) == [expected]


def test_a_page_missing_from_the_navigation_fails_the_build(fixture_project):
    edit(fixture_project / "mkdocs.yml", "  - Sitaatit: sitaatit.md\n", "")
    done = build_site(fixture_project / "site-out", cwd=fixture_project)
    log = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in log
    assert re.search(r"WARNING +- +The following pages exist in the docs directory, but are not included in the "
                     r'"nav" configuration:\n +- sitaatit\.md', log), log[-2000:]
