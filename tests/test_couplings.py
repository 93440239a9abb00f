"""Guards of every place where the handbook depends on the internals of Material for MkDocs, of its
plugins or of MkDocs (README "Couplings to Material and the plugins"). Each test fails when an
upgrade changes what the handbook relies on, before a reader would notice."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE, ROOT, build_site, edit, failed_build, served
from searchbox import open_site, result_pages, type_query

MATERIAL = Path(__import__("material").__file__).parent / "templates"
INLINE = ROOT / "overrides" / "assets" / "javascripts" / "inline"
SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
OUR_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S)


def code_of(path: Path) -> str:
    """A moved inline script's code: the file without its comment lines."""
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("//"))


# --- overrides/partials: copies and moves of Material's own templates -------------------------------

def test_materials_inline_scripts_are_the_files_the_pages_load():
    """overrides/partials/javascripts/content.html loads Material's inline scripts from files (for the CSP)."""
    scripts = SCRIPT.findall((MATERIAL / "partials" / "javascripts" / "content.html").read_text(encoding="utf-8"))
    assert scripts == [code_of(INLINE / name) for name in ("content-tabs-link.js", "content.js")]


def test_the_inline_script_of_every_page_starts_with_materials_own():
    """overrides/partials/javascripts/base.html: Material's helpers, then the colour scheme that follows the
    system; its hash is in the CSP (tests/test_nginx.py). Material's palette script is not used."""
    ours = OUR_SCRIPT.findall((ROOT / "overrides" / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8"))
    (material,) = SCRIPT.findall((MATERIAL / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8"))
    (script,) = ours
    scope = '"{{ config.extra.scope | d(base_url) }}"'
    assert script.replace("document.currentScript.dataset.scope", scope).startswith(material + ";")
    assert not OUR_SCRIPT.findall((ROOT / "overrides" / "partials" / "javascripts" / "palette.html").read_text(encoding="utf-8"))


def test_pages_choose_no_named_colour_so_the_palette_keeps_only_its_schemes(fixture_site):
    """handbook/assets.py leaves out the palette's rules for named colours (data-md-color-primary="indigo"):
    Material's templates set that attribute only from a palette in mkdocs.yml, which the site has none of.
    The dark scheme the page follows stays."""
    pages = {p: p.read_text(encoding="utf-8") for p in fixture_site.rglob("*.html")}
    assert pages and not [p for p, text in pages.items() if re.search(r"data-md-color-(?:primary|accent)=", text)]
    (style,) = (fixture_site / "assets" / "stylesheets").glob("site.*.min.css")
    css = style.read_text(encoding="utf-8")
    assert "[data-md-color-scheme=slate]{color-scheme:dark;" in css
    assert not re.search(r"\[data-md-color-(?:primary|accent)=", css)


def test_search_partial_differs_from_materials_only_by_the_dialogs_name_and_the_live_region():
    def body(path: Path) -> str:
        return re.sub(r"^\{#-.*?-#\}\n", "", path.read_text(encoding="utf-8"), flags=re.S)

    ours = body(ROOT / "overrides" / "partials" / "search.html")
    named = ' aria-label="{{ lang.t(\'search\') }}"'
    live = '<div class="md-search-result__meta" role="status">'
    assert named in ours and live in ours
    material = ours.replace(named, "", 1).replace(live, '<div class="md-search-result__meta">', 1)
    assert material == body(MATERIAL / "partials" / "search.html")


def test_finnish_strings_have_every_key_materials_have():
    def keys(path: Path) -> set[str]:
        return set(re.findall(r'^\s*"([a-z0-9_.]+)":', path.read_text(encoding="utf-8"), re.M))

    missing = keys(MATERIAL / "partials" / "languages" / "fi.html") - keys(ROOT / "overrides/partials/languages/fi.html")
    assert not missing, f"add these keys to overrides/partials/languages/fi.html: {sorted(missing)}"


# --- Finnish search: overrides/main.html and search-fi.js ---------------------------------------------

def test_pages_point_material_at_the_finnish_worker(fixture_site):
    """main.html rewrites Material's worker address in the page's config: search-fi.js#<Material's worker>."""
    page = (fixture_site / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.S).group(1))
    worker, _, material = config["search"].partition("#")
    assert worker == "assets/javascripts/workers/search-fi.js"
    assert re.fullmatch(r"search\.[0-9a-f]+\.min\.js", material)
    workers = fixture_site / "assets" / "javascripts" / "workers"
    assert (workers / "search-fi.js").is_file() and (workers / material).is_file()


def material_worker_changed(fixture_site: Path, tmp_path: Path, script: str) -> Path:
    """A copy of the fixture site whose Material worker ends with the script."""
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    (worker,) = (site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    worker.write_text(worker.read_text(encoding="utf-8") + script, encoding="utf-8")
    return site


def searched(browser, site: Path, queries: list[str]) -> tuple[list[list[str]], list[str]]:
    """The pages each query finds, typed in turn into one page, and the warnings the page wrote."""
    context = browser.new_context(locale="fi-FI")
    warnings: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
        with served(site) as url:
            open_site(page, url)
            found = []
            for query in queries:
                type_query(page, query)
                found.append(result_pages(page, url))
    finally:
        context.close()
    return found, warnings


@pytest.mark.browser
def test_search_still_answers_when_the_finnish_patch_cannot_apply(browser, fixture_site, tmp_path):
    """Break the hook point: Lunr.js's query method can no longer be replaced; Material's own search answers."""
    site = material_worker_changed(fixture_site, tmp_path, "\n;Object.freeze(lunr.Index.prototype);\n")
    (found,), warnings = searched(browser, site, ["vertaisvoima"])
    assert "ilmiot/vertaisvoima/" in found
    assert any(w.startswith("Finnish search is off, Material's own search answers: ") for w in warnings), warnings


# Lunr.js fails on any query with the word "rikki", as it fails by itself on some queries of the real
# site (a word typed up to its hyphen, "me-").
BREAK_LUNR = """
;(function (query) {
  lunr.Index.prototype.query = function (fn) {
    return query.call(this, function (q) {
      fn.call(q, q)
      if (q.clauses.some(function (c) { return c.term.indexOf("rikki") === 0 }))
        throw new TypeError("Lunr.js cannot answer this query")
    })
  }
})(lunr.Index.prototype.query);
"""


@pytest.mark.browser
def test_a_query_lunr_cannot_answer_leaves_the_finnish_search_on(browser, fixture_site, tmp_path):
    """Material answers such a query with nothing, and the next query is Finnish again."""
    site = material_worker_changed(fixture_site, tmp_path, BREAK_LUNR)
    (broken, inflected), warnings = searched(browser, site, ["rikki", "vertaisvoimasta"])
    assert broken == [] and inflected[:1] == ["ilmiot/vertaisvoima/"]
    assert not [w for w in warnings if w.startswith("Finnish search is off")], warnings


# --- Material writes what it is given: description and tooltips -------------------------------------

def test_quotes_and_markup_in_a_page_description_stay_inside_its_meta_tags(fixture_project):
    """Material writes page.meta.description into its meta tag unescaped: hooks/content_rules.py escapes it."""
    description = 'Sivu, jossa on "lainaus" ja <b>merkintä</b> & muuta.'
    edit(fixture_project / "docs" / "index.md", "description: Testikäsikirjan etusivu.", f"description: '{description}'")
    site = fixture_project / "site"
    done = build_site(site, cwd=fixture_project)
    assert done.returncode == 0, done.stderr[-2000:]
    page = (site / "index.html").read_text(encoding="utf-8")
    escaped = html.escape(description).replace("&quot;", "&#34;").replace("&#x27;", "&#39;")
    assert f'<meta name="description" content="{escaped}">' in page
    assert f'<meta property="og:description" content="{escaped}">' in page
    assert "<b>merkintä</b>" not in page.split("</head>")[0]


def test_markup_in_the_sites_texts_is_shown_as_text(fixture_project):
    """Material writes the site's name, description and copyright line, and a page's title, as they are."""
    hostile = '<b>"SAMK"</b> & co'
    config = fixture_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_name: Testikäsikirja\n",
        f"site_name: 'Testikäsikirja {hostile}'\nsite_description: '{hostile}.'\ncopyright: '{hostile}'\n"
        f"extra:\n  funding: '{hostile}'\n"), encoding="utf-8")
    edit(fixture_project / "docs" / "sanasto.md", "---\n\n", f"title: '{hostile}'\n---\n\n")
    site = fixture_project / "site"
    done = build_site(site, cwd=fixture_project)
    assert done.returncode == 0, done.stderr[-2000:]
    escaped = html.escape(hostile, quote=False)
    for page in ("404.html", "index.html", "sanasto/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert "<b>" not in text, page
        assert f'<p class="md-copyright__highlight">{escaped}</p>' in text.replace("&#34;", '"'), page
    assert '<meta name="description" content="&lt;b&gt;&#34;SAMK&#34;&lt;/b&gt; &amp; co.">' in (
        site / "404.html").read_text(encoding="utf-8")


def test_no_tooltip_carries_markup(fixture_site):
    """Material's tooltips turn an abbr title back into HTML: glossary texts have no markup (handbook/models.py)."""
    titles = re.findall(r'<abbr title="([^"]*)"', (fixture_site / "index.html").read_text(encoding="utf-8"))
    assert titles and not any(c in html.unescape(t) for t in titles for c in "<>&")


# --- mkdocs-macros: the pages' template environment ------------------------------------------------

@pytest.mark.parametrize("markdown, expected", [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}",
     "not allowed in a page: access to attribute '__class__' of 'str' object is unsafe."),
    ("{{ macros_info() }}", "unknown name 'macros_info'"),
])
def test_pages_render_in_the_handbooks_sandbox(fixture_project, markdown, expected):
    """macros.py replaces mkdocs-macros' template environment: its own names and Python's are out of reach."""
    (fixture_project / "docs" / "index.md").write_text(
        f"---\ndescription: Etusivu.\n---\n\n# Etusivu\n\n{markdown}\n", encoding="utf-8")
    assert failed_build(fixture_project) == [f"docs/index.md: line 7: {expected}"]


# --- mkdocs-print-site-plugin -----------------------------------------------------------------------

def test_print_page_has_our_cover_description_and_link_targets(fixture_site):
    """hooks/print_page.py: the plugin's page keeps, the cover template, the ids of link targets."""
    page = (fixture_site / "print_page" / "index.html").read_text(encoding="utf-8")
    assert '<div class="tp-cover">' in page
    assert re.search(r'<meta name="description" content="Koko Työpeili-käsikirja yhtenä sivuna', page)
    article = page[page.index("<article"):page.index("</article>")]
    ids = set(re.findall(r'\sid="([^"]+)"', article))
    missing = {href for href in re.findall(r'href="#([^"]+)"', article) if href not in ids}
    assert not missing


def test_print_page_contents_name_a_section_and_its_first_page_once(fixture_site):
    """hooks/print_page.py wraps the plugin's `renderer.write_combined` to leave out a section's title
    where its first page repeats it (the fixture's section Malli opens with the page Malli)."""
    page = (fixture_site / "print_page" / "index.html").read_text(encoding="utf-8")
    toc = page[page.index('<nav class="md-nav md-nav--secondary"'):]
    toc = toc[:toc.index("</nav>")]
    entries = [t.strip() for t in re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', toc)]
    assert "Malli" in entries
    assert [a for a, b in zip(entries, entries[1:]) if a == b] == []


# --- MkDocs: dates -------------------------------------------------------------------------------------

def test_build_without_git_history_says_pages_are_left_undated(fixture_site):
    """hooks/page_dates.py gives MkDocs the epoch for an undated page and takes it out of the sitemap."""
    log = fixture_site.with_name("site.log").read_text(encoding="utf-8")
    assert "No git history: pages are left undated (dates come from git, never from the clock)." in log
    assert "tp-updated" not in (fixture_site / "index.html").read_text(encoding="utf-8")
    sitemap = (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>" in sitemap and "<lastmod>" not in sitemap
    assert (fixture_site / "sitemap.xml.gz").read_bytes()[4:8] == b"\0\0\0\0"


# --- Material's offline plugin ---------------------------------------------------------------------

@pytest.mark.full
def test_offline_copy_takes_the_worker_shim_from_npm(fixture_project):
    """hooks/offline.py sets Material's polyfills before the offline plugin would add a CDN's."""
    site = fixture_project / "offline"
    done = build_site(site, cwd=fixture_project, env={"TYOPEILI_OFFLINE": "true"})
    assert done.returncode == 0, done.stderr[-2000:]
    shim = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
    assert (site / "assets" / "javascripts" / "iframe-worker.js").read_bytes() == shim.read_bytes()
    for page in site.rglob("*.html"):
        assert "unpkg.com" not in page.read_text(encoding="utf-8"), page
    # The print page is rendered with the 404 page's context: its base is made relative, as file:// needs.
    assert '"base": "."' in (site / "print_page.html").read_text(encoding="utf-8")


def test_the_fixture_handbook_has_the_real_plugins_and_hooks():
    """The fixture inherits mkdocs.yml but names plugins and hooks again (their paths): they must match."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    real = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    fixture = yaml.load((FIXTURE / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)

    def named(plugins):
        return {next(iter(p)) if isinstance(p, dict) else p: p for p in plugins}

    ours, theirs = named(real["plugins"]), named(fixture["plugins"])
    assert list(ours) == list(theirs)
    for name in ("search", "offline"):
        assert ours[name] == theirs[name]
    assert [h.removeprefix("../../../") for h in fixture["hooks"]] == real["hooks"]
