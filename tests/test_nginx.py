"""The publisher's web server: deploy/nginx/ in a real nginx serving the built site under /tyopeili/.

Every page loads in Chromium through it without a Content-Security-Policy violation, a console error
or a failed request; text is compressed; Material's fingerprinted files are cached for a year and
pages are revalidated; a missing page gets the handbook's Finnish 404 page with status 404.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import nginxserver
from conftest import ROOT, SUBPATH, html_pages
from nginxserver import DEPLOY
from searchbox import open_site, result_pages, type_query

FINGERPRINTED = re.compile(r"assets/.+\.[0-9a-f]{8}\.min\.(css|js)$")
LONG_CACHE = "public, max-age=31536000, immutable"

# Records violations before any of the page's own scripts run.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.fixture(scope="module")
def nginx_url(site_dir, tmp_path_factory):
    """Base URL of the built site served by nginx with deploy/nginx/*.conf, e.g. http://127.0.0.1:PORT/tyopeili/."""
    if nginxserver.binary() is None:
        pytest.skip("nginx is not installed (Debian: nginx-light; `make test` installs it as root)")
    workdir = tmp_path_factory.mktemp("nginx")
    with nginxserver.nginx(site_dir, workdir) as url:
        yield url
    assert not nginxserver.logged_errors(workdir)


def get(url: str, path: str = "", gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    """One request as a browser would make it; header names lower-cased."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    connection.request("GET", parts.path + path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def policy() -> str:
    headers = (DEPLOY / "tyopeili-headers.conf").read_text(encoding="utf-8")
    return re.search(r'add_header Content-Security-Policy "([^"]+)" always;', headers).group(1)


def directives(csp: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in csp.split(";")) if d}


def test_the_policy_allows_no_unlisted_inline_script_and_no_framing():
    csp = directives(policy())
    assert csp["script-src"][0] == "'self'"
    assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", source) for source in csp["script-src"][1:])
    assert csp["default-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]


def inline_scripts(html: str) -> list[str]:
    """Scripts written into the page that the browser would run (JSON data blocks do not run)."""
    found = []
    for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
        kind = re.search(r'type="([^"]+)"', attributes)
        if "src=" not in attributes and (not kind or kind.group(1) in ("text/javascript", "module")):
            found.append(body)
    return found


def test_every_inline_script_of_the_site_is_allowed_by_its_hash_and_every_hash_is_used(site_dir):
    allowed = set(directives(policy())["script-src"][1:])
    used: dict[str, str] = {}
    for path in sorted(site_dir.rglob("*.html")):
        for body in inline_scripts(path.read_text(encoding="utf-8")):
            digest = "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
            used.setdefault(digest, f"{path.relative_to(site_dir)}: {body.strip()[:80]}")
    unlisted = {h: where for h, where in used.items() if h not in allowed}
    assert not unlisted, f"inline scripts the policy blocks (move them to a file, or add the hash to {DEPLOY.name}/tyopeili-headers.conf): {unlisted}"
    assert allowed <= set(used), f"hashes no page needs any more: {sorted(allowed - set(used))}"


@pytest.mark.browser
def test_every_page_loads_through_nginx_without_csp_violation_console_error_or_failed_request(browser, site_dir, nginx_url):
    context = browser.new_context(locale="fi-FI")
    context.add_init_script(LISTEN_FOR_VIOLATIONS)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    # ERR_ABORTED: the next page was opened before the favicon had loaded (a missing file is a 404).
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}")
            if r.failure != "net::ERR_ABORTED" else None)
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    try:
        for path in html_pages(site_dir):
            if path == "404.html":
                continue
            response = page.goto(nginx_url + path, wait_until="networkidle")
            assert response.status == 200, path
            assert response.headers["content-security-policy"] == policy(), path
            # The page really is styled and scripted: Material's stylesheet and bundle ran.
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", path
            assert page.evaluate("document.documentElement.classList.contains('js')"), path
            problems += [f"{path}: {v}" for v in page.evaluate("window.__cspViolations")]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_search_and_colour_scheme_work_under_the_policy(browser, nginx_url):
    """The search, loaded on first use with its worker, and the colour scheme that follows the system:
    the parts of the site's scripts that need most permissions."""
    context = browser.new_context(locale="fi-FI", color_scheme="dark")
    context.add_init_script(LISTEN_FOR_VIOLATIONS)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    try:
        open_site(page, nginx_url)
        assert page.get_attribute("html", "data-md-color-scheme") == "slate"
        type_query(page, "vertaisvoima")
        assert result_pages(page, nginx_url)
        page.emulate_media(color_scheme="light")
        page.wait_for_function("() => document.documentElement.dataset.mdColorScheme === 'default'")
        problems += page.evaluate("window.__cspViolations")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_the_policy_is_enforced_an_injected_inline_script_is_refused(browser, nginx_url):
    context = browser.new_context()
    context.add_init_script(LISTEN_FOR_VIOLATIONS)
    page = context.new_page()
    try:
        page.goto(nginx_url, wait_until="load")
        ran = page.evaluate("""() => { window.__ran = false; const s = document.createElement('script');
            s.textContent = 'window.__ran = true'; document.body.append(s); return window.__ran; }""")
        page.wait_for_function("window.__cspViolations.length > 0")
        assert ran is False
        assert page.evaluate("window.__cspViolations")[0].startswith("script-src")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "malli/", "search/search_index.json", "assets/extra.css", "sitemap.xml",
                                  "assets/tyopeili.svg"])
def test_text_is_sent_compressed(nginx_url, path):
    status, headers, body = get(nginx_url, path)
    assert status == 200
    assert headers.get("content-encoding") == "gzip", path
    assert headers.get("vary") == "Accept-Encoding"
    assert gzip.decompress(body)


def test_fingerprinted_material_files_are_cached_for_a_year(site_dir, nginx_url):
    assets = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.min.*"))
    fingerprinted = [a for a in assets if FINGERPRINTED.search(a)]
    assert any("bundle." in a for a in fingerprinted) and any("stylesheets/main." in a for a in fingerprinted)
    for asset in fingerprinted:
        status, headers, _ = get(nginx_url, asset)
        assert status == 200, asset
        assert headers["cache-control"] == LONG_CACHE, asset
        assert headers["content-security-policy"] == policy(), asset


@pytest.mark.parametrize("path", ["", "tapaamispohjat/", "assets/extra.css", "assets/javascripts/workers/search-fi.js",
                                  "search/search_index.json", "assets/javascripts/lunr/min/lunr.fi.min.js"])
def test_pages_and_files_without_a_fingerprint_are_revalidated(nginx_url, path):
    status, headers, _ = get(nginx_url, path)
    assert status == 200
    assert headers["cache-control"] == "no-cache"
    assert "etag" in headers and "last-modified" in headers


@pytest.mark.parametrize("path", ["", "assets/extra.css", "ei-tallaista-sivua/"])
def test_security_headers_are_on_every_response(nginx_url, path):
    _, headers, _ = get(nginx_url, path)
    assert headers["content-security-policy"] == policy()
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["x-frame-options"] == "DENY"
    assert "camera=()" in headers["permissions-policy"] and "geolocation=()" in headers["permissions-policy"]
    assert "server" not in headers or "/" not in headers["server"]  # no version number


def test_a_missing_page_gets_the_finnish_404_page_with_status_404(nginx_url):
    for path in ["ei-tallaista-sivua/", "malli/ei-ole.html", "assets/puuttuu.css"]:
        status, headers, body = get(nginx_url, path, gzip_ok=False)
        assert status == 404, path
        text = body.decode("utf-8")
        assert "<h1>Sivua ei löytynyt</h1>" in text
        assert '<html lang="fi"' in text
        assert headers["content-type"] == "text/html; charset=utf-8"


@pytest.mark.browser
def test_the_404_page_is_styled_and_links_home(browser, nginx_url):
    context = browser.new_context()
    context.add_init_script(LISTEN_FOR_VIOLATIONS)
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and r.request.resource_type != "document" else None)
    try:
        response = page.goto(nginx_url + "malli/ei-ole/syvalla/", wait_until="networkidle")
        assert response.status == 404
        assert page.inner_text("h1") == "Sivua ei löytynyt"
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        assert page.evaluate("window.__cspViolations") == []
        home = page.get_attribute("text=käsikirjan etusivulle", "href")
        assert home in (SUBPATH, "https://foorumix.fi" + SUBPATH)
    finally:
        context.close()
    assert not failed, failed


def test_the_sub_path_without_slash_and_directories_redirect_relatively(nginx_url):
    status, headers, _ = get(nginx_url.rstrip("/"))
    assert (status, headers["location"]) == (301, SUBPATH)
    status, headers, _ = get(nginx_url, "malli")
    assert (status, headers["location"]) == (301, SUBPATH + "malli/")


def test_the_script_files_are_material_s_own_inline_scripts():
    """overrides/partials/javascripts/ moves Material's inline scripts into files, or into one script
    the same on every page; after an upgrade of Material they must be copied again (this fails until
    they are)."""
    import material

    partials = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    ours = ROOT / "overrides" / "assets" / "javascripts" / "inline"

    def code(name: str) -> str:
        lines = (ours / name).read_text(encoding="utf-8").splitlines()
        return "\n".join(line for line in lines if not line.startswith("//"))

    def scripts(partial: Path) -> list[str]:
        return re.findall(r"<script\b[^>]*>(.*?)</script>", partial.read_text(encoding="utf-8"), re.S)

    (material_base,) = scripts(partials / "base.html")
    (our_base,) = scripts(ROOT / "overrides" / "partials" / "javascripts" / "base.html")
    scope = '"{{ config.extra.scope | d(base_url) }}"'
    assert our_base.replace("document.currentScript.dataset.scope", scope).startswith(material_base + ";")
    assert scripts(partials / "content.html") == [code("content-tabs-link.js"), code("content.js")]
