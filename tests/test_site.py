"""The built site as a reader gets it: quotes verbatim, sources complete, links that resolve, a footer.

Expectations come from the data and the configuration; the glossary tooltips are a behaviour of the
build, shown on the fixture handbook.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import FIXTURE, ROOT, SUBPATH, html_pages, page_file
from handbook import data, printing
from handbook.page_text import visible_text
from handbook.render import BIBLIOGRAPHY_PAGE, GLOSSARY_PAGE, page_url

ARTICLE = ROOT.parent / "shared" / "seed" / "000_b226b475bafdd361.txt"


@pytest.fixture(scope="module")
def hb():
    return data.load(ROOT)


def read(site: Path, page: str) -> str:
    return page_file(site, page).read_text(encoding="utf-8")


def normalise(text: str) -> str:
    """Compare words, not typography: quotation marks and white space differ between article and site."""
    text = re.sub(r"[\"”“’‘']", "", text)
    return re.sub(r"\s+", " ", text).strip()


def test_every_quote_is_on_a_page_verbatim(site_dir, hb):
    text = html.unescape(" ".join(read(site_dir, page) for page in html_pages(site_dir) if page != "print_page/"))
    assert [q.id for q in hb.quotes.quotes if f"”{q.text}”" not in text] == []


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
    # Quoted phrases that are not the pilot's words: a model name, a cited report's phrase, a title, and the
    # authors' own framing of a finding ("Minä riitän!"), which the handbook gives in the article's sentence.
    not_quotes = {"Foorumix", "hetki yhdessä tässä ja nyt", "JA MÄ HUOMASIN PIAN, ETTÄ MÄ OSAAN!", "Minä riitän!"}
    quoted = {normalise(q) for q in re.findall(r'"([^"\n]{6,}?)"', text)} - {normalise(n) for n in not_quotes}
    ours = {normalise(q.text) for q in hb.quotes.quotes}
    missing = sorted(q for q in quoted if not any(q in o or o in q for o in ours))
    assert not missing


def test_every_source_is_in_the_bibliography(site_dir, hb):
    page = read(site_dir, page_url(BIBLIOGRAPHY_PAGE))
    for ref in hb.references.references:
        entry = page.split(f'<li id="lahde-{ref.key}">')[1].split("</li>")[0]
        title = html.escape(ref.title, quote=False) if ref.title else "[Teoksen nimeä ei tiedetä.]"
        assert title in entry, ref.key
        if ref.accessed:
            assert f"{ref.accessed.day}.{ref.accessed.month}.{ref.accessed.year}" in entry, ref.key


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
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    article = config["extra"]["source_article"]
    to_article = f"{page_url(article['page'])}#{article['anchor']}"
    for page in html_pages(site_dir):
        text = read(site_dir, page)
        footer = text[text.index('<div class="md-copyright">'):]
        assert html.escape(" ".join(config["copyright"].split()), quote=False) in " ".join(footer.split()), page
        assert html.escape(" ".join(config["extra"]["funding"].split()), quote=False) in " ".join(footer.split()), page
        base = page if page.endswith("/") or page == "" else posixpath.dirname(page) + "/"
        links = {posixpath.normpath(posixpath.join(base, link)) for link in parse_links(footer).links}
        if page == "404.html":
            links = {link.removeprefix(SUBPATH) for link in parse_links(footer).links}
        assert "saavutettavuusseloste" in {link.rstrip("/") for link in links}, page
        assert to_article in links, page
        assert "Made with" not in text


def test_the_accessibility_statement_takes_its_details_from_configuration(site_dir):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    text = visible_text(read(site_dir, "saavutettavuusseloste/"))
    statement = config["extra"]["accessibility"]
    details = [statement["organisation"], statement["contact_email"], statement["assessed"],
               statement["supervisor"]["name"], config["site_url"]]
    for detail in details:
        assert detail in text


def test_the_404_page_is_in_finnish(site_dir):
    text = visible_text((site_dir / "404.html").read_text(encoding="utf-8"))
    assert "Sivua ei löytynyt" in text


def test_glossary_terms_become_tooltips_outside_the_glossary(fixture_site):
    hb = data.load(FIXTURE, docs_dir=None)
    home = read(fixture_site, "")
    article = home[home.index("<article"):home.index("</article>")]
    shown = [t for t in hb.glossary.terms if re.search(rf"\b{t.term}\b", visible_text(article), re.IGNORECASE)]
    assert shown, "the fixture's home page uses a glossary term"
    for term in shown:
        assert f'<abbr title="{html.escape(term.definition)}">' in home
    assert "<abbr" not in read(fixture_site, page_url(GLOSSARY_PAGE))


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
    reaches every page from the home page through the sections' index pages. The print packs are
    reached from their templates and the training instead (tests/test_print_sheets.py)."""
    packs = {page_url(pack.page) for pack in printing.packs(data.load(ROOT, docs_dir=None))}
    pages = {p for p in html_pages(site_dir) if p not in {"404.html", "print_page/"} | packs}
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
