"""The built site as a reader gets it: quotes verbatim, sources complete, links that resolve, a footer."""

from __future__ import annotations

import html
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT, SUBPATH, html_pages
from handbook import data
from sitetext import visible_text

ARTICLE = ROOT.parent / "shared" / "seed" / "000_b226b475bafdd361.txt"


@pytest.fixture(scope="module")
def hb():
    return data.load(ROOT)


def page_file(site: Path, page: str) -> Path:
    return site / (page + "index.html" if page.endswith("/") or page == "" else page)


def read(site: Path, page: str) -> str:
    return page_file(site, page).read_text(encoding="utf-8")


def normalise(text: str) -> str:
    """Compare words, not typography: quotation marks and white space differ between article and site."""
    text = re.sub(r"[\"”“’‘']", "", text)
    return re.sub(r"\s+", " ", text).strip()


def test_every_quote_is_on_the_quotes_page_verbatim(site_dir, hb):
    page = html.unescape(read(site_dir, "sitaatit/"))
    for quote in hb.quotes.quotes:
        assert f"”{quote.text}”" in page, quote.id


def test_every_quote_is_word_for_word_from_the_source_article(hb):
    if not ARTICLE.exists():
        pytest.skip("the source article is not beside the project")
    article = normalise(ARTICLE.read_text(encoding="utf-8"))
    for quote in hb.quotes.quotes:
        if quote.source == "latostenmaa-tuomainen-2019":
            assert normalise(quote.text) in article, quote.id


def test_every_quoted_sentence_of_the_article_is_in_the_data(hb):
    if not ARTICLE.exists():
        pytest.skip("the source article is not beside the project")
    text = ARTICLE.read_text(encoding="utf-8")
    # Participants' and facilitators' words are the sentences the article puts in quotation marks.
    # Quoted phrases that are not the pilot's words: a model name, a cited report's phrase, a title.
    not_quotes = {"Foorumix", "hetki yhdessä tässä ja nyt", "JA MÄ HUOMASIN PIAN, ETTÄ MÄ OSAAN!"}
    quoted = {normalise(q) for q in re.findall(r'"([^"\n]{6,}?)"', text)} - {normalise(n) for n in not_quotes}
    ours = {normalise(q.text) for q in hb.quotes.quotes}
    missing = sorted(q for q in quoted if not any(q in o or o in q for o in ours))
    assert not missing


def test_every_source_is_in_the_bibliography(site_dir, hb):
    page = read(site_dir, "lahteet/")
    for ref in hb.references.references:
        assert f'id="lahde-{ref.key}"' in page
        assert html.escape(ref.title, quote=False) in page


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def parse_links(text: str) -> _Links:
    parser = _Links()
    parser.feed(text)
    return parser


def test_every_internal_link_and_anchor_resolves(site_dir):
    """MkDocs checks Markdown links; this also checks links in HTML from macros and templates."""
    parsed = {page: parse_links(read(site_dir, page)) for page in html_pages(site_dir)}
    broken = []
    for page, links in parsed.items():
        base = page if page.endswith("/") or page == "" else posixpath.dirname(page) + "/"
        for href in links.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or href.startswith("mailto:"):
                continue
            path = unquote(parts.path)
            if path.startswith("/"):
                # Only the 404 page links from the site root (site_url's path), as it is served at any depth.
                if page != "404.html" or not path.startswith(SUBPATH):
                    broken.append(f"{page or 'index'}: {href} (absolute)")
                    continue
                path, base = path[len(SUBPATH):], ""
            target = posixpath.normpath(posixpath.join(base, path)) if path else page
            target = "" if target == "." else target
            if parts.path.endswith("/") and target:
                target += "/"
            target_page = target if target in parsed else None
            file = site_dir / target
            if target_page is None and not (file.is_file() or (file / "index.html").is_file()):
                broken.append(f"{page or 'index'}: {href}")
                continue
            if parts.fragment and target_page is not None and unquote(parts.fragment) not in parsed[target_page].ids:
                broken.append(f"{page or 'index'}: {href} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_no_page_shows_a_macro_error_or_raw_macro(site_dir):
    for page in html_pages(site_dir):
        text = visible_text(read(site_dir, page))
        assert "Macro" not in text and "{{" not in text and "{%" not in text, page


def test_every_page_has_the_footer_with_copyright_funding_and_links(site_dir):
    for page in html_pages(site_dir):
        text = read(site_dir, page)
        footer = text[text.index('<div class="md-copyright">'):]
        assert "Sisällön oikeudet kuuluvat tekijöille ja julkaisijalle." in footer, page
        assert "Euroopan sosiaalirahasto (ESR)" in footer, page
        base = page if page.endswith("/") or page == "" else posixpath.dirname(page) + "/"
        links = {posixpath.normpath(posixpath.join(base, link)) for link in parse_links(footer).links}
        if page == "404.html":
            links = {link.removeprefix(SUBPATH) for link in parse_links(footer).links}
        assert "saavutettavuusseloste" in {link.rstrip("/") for link in links}, page
        assert "lahteet/#lahde-latostenmaa-tuomainen-2019" in links, page
        assert "Made with" not in text


def test_every_content_page_has_its_own_description(site_dir):
    default = "Käsikirja Työpeili-ryhmien ohjaajille"
    for page in html_pages(site_dir):
        if page == "404.html":
            continue
        match = re.search(r'<meta name="description" content="([^"]*)"', read(site_dir, page))
        assert match and not match.group(1).startswith(default), f"{page}: no description of its own"
        assert match.group(1).endswith("."), page


def test_the_accessibility_statement_takes_its_details_from_configuration(site_dir):
    text = visible_text(read(site_dir, "saavutettavuusseloste/"))
    for detail in ["Satakunnan ammattikorkeakoulu (SAMK)", "kaarina.latostenmaa@samk.fi", "27.11.2026",
                   "Liikenne- ja viestintävirasto Traficom", "https://foorumix.fi/tyopeili/"]:
        assert detail in text


def test_the_404_page_is_in_finnish(site_dir):
    text = visible_text((site_dir / "404.html").read_text(encoding="utf-8"))
    assert "Sivua ei löytynyt" in text


def test_glossary_terms_become_tooltips_outside_the_glossary(site_dir, hb):
    term = next(t for t in hb.glossary.terms if t.id == "yrittajavertaisuus")
    home = read(site_dir, "")
    assert f'<abbr title="{html.escape(term.definition)}">yrittäjävertaisuus</abbr>' in home
    assert "<abbr" not in read(site_dir, "sanasto/")


def navigation_links(site: Path, page: str) -> set[str]:
    """The pages the navigation of a page links to, as site paths ("malli/")."""
    text = read(site, page)
    nav = text[text.index('<nav class="md-nav md-nav--primary"'):text.index('<div class="md-content"')]
    base = page if page.endswith("/") or page == "" else posixpath.dirname(page) + "/"
    found = set()
    for link in parse_links(nav).links:
        if "#" not in link:
            target = posixpath.normpath(posixpath.join(base, link))
            found.add("" if target == "." else target + "/")
    return found


def test_every_page_is_reachable_from_the_navigation_and_from_search(site_dir):
    """The navigation shows the top level and the open page's section (navigation.prune), so a reader
    reaches every page from the home page through the sections' index pages."""
    pages = {p for p in html_pages(site_dir) if p not in {"404.html", "print_page/"}}
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    searchable = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert pages <= searchable, sorted(pages - searchable)
    reached, todo = {""}, [""]
    while todo:
        for target in navigation_links(site_dir, todo.pop()) - reached:
            reached.add(target)
            if target in pages:
                todo.append(target)
    missing = sorted(pages - reached)
    assert not missing, missing
