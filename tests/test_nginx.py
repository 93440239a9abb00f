"""The publisher's web server: deploy/nginx/ in a real nginx serving the built site under /tyopeili/.

The site is deployed as on the server: deploy/release.sh unpacks its archive and links `tyopeili` to
it, and the server block around the snippet sends HSTS of its own, as foorumix.fi's does.
Every page loads in Chromium through it without a Content-Security-Policy violation, a console error
or a failed request; text is compressed; Material's fingerprinted files are cached for a year and
pages are revalidated; a missing page gets the handbook's Finnish 404 page with status 404; every
response (200, 206, 301, 304, 403, 404, 416) carries the host's HSTS and each of the handbook's
headers exactly once; hidden files and symbolic links are never served; byte ranges are limited.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import nginxserver
from conftest import ROOT, SUBPATH, html_pages
from handbook import data, dist
from nginxserver import DEPLOY, HOST_HSTS, HOST_PAGE
from searchbox import open_site, result_pages, type_query

FINGERPRINTED = re.compile(r"assets/.+\.[0-9a-f]{8}\.min\.(css|js)$")
LONG_CACHE = "public, max-age=31536000, immutable"

# Records violations before any of the page's own scripts run.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`));
"""


# Planted in the deployed release; no response may ever contain it.
SECRET = "never-served-0f3c9a"
# Planted in the release: hidden files and folders (served as the 404 page) ...
HIDDEN = [".htaccess", ".git/config", ".git/", "malli/.piilotettu.html", "%2Egit/config"]
# ... and symbolic links, to a file outside the site, to a page and to a folder inside it (403).
LINKS = {"linkki.txt": "../salaisuus.txt", "malli/sama.html": "../index.html", "linkkikansio": "malli"}


@pytest.fixture(scope="module")
def deployed(site_dir, tmp_path_factory) -> Path:
    """The built site as it lies on the server: deploy/release.sh unpacked its archive into www/ and
    made www/tyopeili, a link, point to it. Files nginx must never serve are planted in the release."""
    tmp = tmp_path_factory.mktemp("server")
    name = "tyopeili-kasikirja-testi"
    archive = tmp / f"{name}.tar.gz"
    dist.write_tar_gz(site_dir, archive, name, 1_700_000_000)
    www = tmp / "www"
    www.mkdir()
    done = subprocess.run(["sh", str(ROOT / "deploy" / "release.sh"), str(archive), str(www)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    release = www / name
    (www / "salaisuus.txt").write_text(SECRET, encoding="utf-8")
    for hidden in HIDDEN:
        if not hidden.endswith("/") and not hidden.startswith("%"):
            (release / hidden).parent.mkdir(exist_ok=True)
            (release / hidden).write_text(SECRET, encoding="utf-8")
    for link, target in LINKS.items():
        (release / link).symlink_to(target)
    assert os.readlink(www / "tyopeili") == name
    return www / "tyopeili"


@pytest.fixture(scope="module")
def nginx_url(deployed, tmp_path_factory):
    """Base URL of the deployed site served by nginx with deploy/nginx/*.conf, e.g. http://127.0.0.1:PORT/tyopeili/."""
    if nginxserver.binary() is None:
        pytest.skip("nginx is not installed (Debian: nginx-light; `make test` installs it as root)")
    workdir = tmp_path_factory.mktemp("nginx")
    with nginxserver.nginx(deployed, workdir) as url:
        yield url
    assert not nginxserver.logged_errors(workdir)


def fetch(url: str, path: str = "", headers: dict[str, str] | None = None) -> tuple[int, list[tuple[str, str]], bytes]:
    """One GET; every response header as sent, in order, repeated ones too, names lower-cased."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", parts.path + path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, [(k.lower(), v) for k, v in response.getheaders()], body


def get(url: str, path: str = "", gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    """One request as a browser would make it; header names lower-cased."""
    status, headers, body = fetch(url, path, {"Accept-Encoding": "gzip"} if gzip_ok else {})
    return status, dict(headers), body


def set_values() -> dict[str, str]:
    """The values tyopeili-headers.conf gives the handbook's header variables."""
    text = (DEPLOY / "tyopeili-headers.conf").read_text(encoding="utf-8")
    return dict(re.findall(r'^set \$(tyopeili_\w+) "([^"]*)";$', text, re.M))


def policy() -> str:
    return set_values()["tyopeili_csp"]


def handbook_headers(cache_control: str = "no-cache") -> dict[str, str]:
    """Each header the snippet sends under /tyopeili/ (lower-cased name) and its value there."""
    text = (DEPLOY / "tyopeili.conf").read_text(encoding="utf-8")
    sent = re.findall(r"^add_header ([\w-]+) \$(tyopeili_\w+) always;$", text, re.M)
    values = set_values() | {"tyopeili_cache_control": cache_control}
    return {name.lower(): values[variable] for name, variable in sent}


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
        # A word every site has: the title of the first part of the model.
        type_query(page, data.load(ROOT, docs_dir=None).model.parts[0].title.lower())
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


@pytest.mark.parametrize("path", ["", "malli/", "search/search_index.json", "assets/tyopeili.svg", "sitemap.xml",
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


@pytest.mark.parametrize("path", ["", "tapaamispohjat/", "assets/tyopeili.svg", "assets/javascripts/workers/search-fi.js",
                                  "search/search_index.json", "assets/javascripts/lunr/min/lunr.fi.min.js"])
def test_pages_and_files_without_a_fingerprint_are_revalidated(nginx_url, path):
    status, headers, _ = get(nginx_url, path)
    assert status == 200
    assert headers["cache-control"] == "no-cache"
    assert "etag" in headers and "last-modified" in headers


@pytest.mark.parametrize("path", ["", "assets/tyopeili.svg", "ei-tallaista-sivua/"])
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


def fingerprinted(site_dir: Path) -> list[str]:
    return sorted(a for a in (p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.min.*")) if FINGERPRINTED.search(a))


def host_url(nginx_url: str) -> str:
    parts = urlsplit(nginx_url)
    return f"{parts.scheme}://{parts.netloc}/"


def test_every_kind_of_response_carries_the_host_s_hsts_and_each_handbook_header_once(site_dir, nginx_url):
    """nginx drops inherited add_header lines in a location with its own, and adds them twice to a 416:
    the snippet must do neither, whatever the status."""
    _, first, _ = get(nginx_url, "malli/")
    size = (site_dir / "assets" / "tyopeili.svg").stat().st_size
    # what: (URL, request headers, status, Cache-Control)
    cases = {
        "page": (nginx_url, {"Accept-Encoding": "gzip"}, 200, "no-cache"),
        "fingerprinted file": (nginx_url + fingerprinted(site_dir)[0], {}, 200, LONG_CACHE),
        "unchanged page": (nginx_url + "malli/", {"Accept-Encoding": "gzip", "If-None-Match": first["etag"]}, 304, "no-cache"),
        "sub-path without slash": (nginx_url.rstrip("/"), {}, 301, "no-cache"),
        "folder without slash": (nginx_url + "malli", {}, 301, "no-cache"),
        "missing page": (nginx_url + "ei-tallaista-sivua/", {}, 404, "no-cache"),
        "missing fingerprinted file": (nginx_url + "assets/javascripts/bundle.00000000.min.js", {}, 404, "no-cache"),
        "hidden file": (nginx_url + ".git/config", {}, 404, "no-cache"),
        "symbolic link": (nginx_url + "linkki.txt", {}, 403, "no-cache"),
        "one byte range": (nginx_url + "assets/tyopeili.svg", {"Range": "bytes=0-9"}, 206, "no-cache"),
        "unsatisfiable byte range": (nginx_url + "assets/tyopeili.svg", {"Range": f"bytes={size + 10}-"}, 416, "no-cache"),
    }
    expected = {"strict-transport-security": HOST_HSTS}
    problems = []
    for what, (url, request_headers, status, cache_control) in cases.items():
        got_status, headers, _ = fetch(url, "", request_headers)
        if got_status != status:
            problems.append(f"{what}: status {got_status}, not {status}")
        for name, value in (expected | handbook_headers(cache_control)).items():
            sent = [v for k, v in headers if k == name]
            if sent != [value]:
                problems.append(f"{what}: {name}: {sent}")
        server = [v for k, v in headers if k == "server"]
        if any("/" in v for v in server):
            problems.append(f"{what}: server version sent: {server}")
    assert not problems, "\n".join(problems)


def test_the_host_s_own_pages_keep_its_hsts_and_get_none_of_the_handbook_s_headers(nginx_url):
    status, headers, body = fetch(host_url(nginx_url))
    assert (status, body.decode("utf-8")) == (200, HOST_PAGE)
    assert [v for k, v in headers if k == "strict-transport-security"] == [HOST_HSTS]
    assert not {k for k, _ in headers} & set(handbook_headers())


@pytest.mark.parametrize("path", HIDDEN)
def test_hidden_files_and_folders_are_never_served(deployed, nginx_url, path):
    if not path.startswith("%") and not path.endswith("/"):
        assert (deployed / path).read_text(encoding="utf-8") == SECRET  # it is there, yet not served
    status, headers, body = fetch(nginx_url, path)
    assert status == 404
    assert "<h1>Sivua ei löytynyt</h1>" in body.decode("utf-8")
    assert SECRET.encode() not in body


@pytest.mark.parametrize("path", [*LINKS, "linkkikansio/", "linkkikansio/index.html"])
def test_symbolic_links_in_the_release_are_never_followed(deployed, nginx_url, path):
    """Only the link to the live release (www/tyopeili) is followed; none inside it, to anywhere:
    a link is refused (403), a folder reached through one is not found (the 404 page)."""
    parts = path.rstrip("/").split("/")
    assert any(deployed.joinpath(*parts[:n]).is_symlink() for n in range(1, len(parts) + 1))
    target = deployed / path
    target = target / "index.html" if target.is_dir() else target
    status, _, body = fetch(nginx_url, path)
    assert status == (403 if path in LINKS else 404)
    assert target.read_bytes() not in body and SECRET.encode() not in body


def test_one_byte_range_is_served_and_several_get_the_whole_file_once(site_dir, nginx_url):
    whole = (site_dir / "assets" / "tyopeili.svg").read_bytes()
    status, headers, body = fetch(nginx_url, "assets/tyopeili.svg", {"Range": "bytes=10-19"})
    assert (status, body) == (206, whole[10:20])
    assert dict(headers)["content-range"] == f"bytes 10-19/{len(whole)}"
    # Several ranges, or the same range many times over, would multiply the bytes sent.
    for ranges in ["bytes=0-0,5-5", "bytes=" + ",".join(["0-"] * 50)]:
        status, headers, body = fetch(nginx_url, "assets/tyopeili.svg", {"Range": ranges})
        assert (status, body) == (200, whole), ranges
        assert dict(headers)["content-length"] == str(len(whole))


def test_an_unsatisfiable_byte_range_gets_416_naming_the_size(site_dir, nginx_url):
    size = (site_dir / "assets" / "tyopeili.svg").stat().st_size
    status, headers, _ = fetch(nginx_url, "assets/tyopeili.svg", {"Range": f"bytes={size}-"})
    assert status == 416
    assert [v for k, v in headers if k == "content-range"] == [f"bytes */{size}"]
