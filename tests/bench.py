"""Benchmark (`make bench`, i.e. `python -m tests.bench`): the handbook against baselines measured in the same run.

Prints, as ratios to a baseline built and measured by the same environment in the same run:
1. the full strict build time against a plain Material build of the same pages (the Markdown the
   macros make, the same navigation, extensions, theme settings and search, none of the handbook's
   machinery) and against a one-page default Material site; and the rebuild of `make serve` after
   one page is edited, against `mkdocs serve` of the plain Material copy;
2. the bytes transferred (gzip) and the requests of four typical pages with everything they load
   without any action of the reader, and the requests that block rendering, against the one-page
   default Material site;
3. Lighthouse 12 scores (mobile and desktop) of those pages and of the baseline, both behind nginx,
   with the mobile run's DOM size and main-thread work;
4. how the build time grows with the data: the site with ten times the data against the real one;
5. the Finnish search figures of tests/bench_search.py, when that module is present.

`make bench` measures everything (about 20 minutes). For a quicker look, BENCH_PARTS names the parts
to run, e.g. `BENCH_PARTS=build,pages .venv/bin/python -m tests.bench` (build, serve, pages,
lighthouse, growth, search).

Speed is measured here and nowhere else: no test times anything.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import queue
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nginxserver  # noqa: E402
from conftest import CHROMIUM_ARGS, ROOT, build_site, chromium_path, copy_project  # noqa: E402

BUILD_RUNS = 3
SERVE_EDITS = 3
PARTS = {"build", "serve", "pages", "lighthouse", "growth", "search"}
LIGHTHOUSE_RUNS = int(os.environ.get("BENCH_LIGHTHOUSE_RUNS", "3"))
PAGES = {
    "etusivu": "",
    "luku (Yrittäjävertaisuus)": "malli/yrittajavertaisuus/",
    "tapaamispohja (Ensimmäinen tapaaminen)": "tapaamispohjat/ensimmainen-tapaaminen/",
    "työkirjan lomake (Tapaamislomake)": "tyokirja/tapaamislomake/",
}
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Lighthouse audits whose figures the mobile run reports: elements on the page, main-thread work (ms).
AUDITS = {"dom-size": "DOM", "mainthread-work-breakdown": "main thread ms", "total-blocking-time": "TBT ms"}
# How `make serve` runs (Makefile): the print page is left out of its rebuilds.
SERVE_ENV = {"TYOPEILI_PRINT_PAGE": "false"}
# The page the serve benchmark edits, and a line it adds each time.
EDITED_PAGE = "ilmiot/resilienssi.md"
# What nginx compresses (deploy/nginx/tyopeili.conf); other bodies travel as they are.
COMPRESSED = re.compile(r"text/|javascript|json|xml|svg")
FACTOR = 10


# --- baselines and the tenfold copy ----------------------------------------------------------------

class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml outside MkDocs: an !ENV value is its default."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1]
                              if isinstance(node, yaml.SequenceNode) else None)


def mkdocs_config(project: Path = ROOT) -> dict:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


# Writes every page's Markdown as the handbook's plugins and hooks leave it (macros expanded).
DUMP_HOOK = """
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

OUT = Path({out!r})


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    target = OUT / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    # str(): a description the handbook has escaped is a Markup string, which YAML cannot write.
    meta = {{k: str(v) for k, v in page.meta.items() if k in ("title", "description")}}
    front = "---\\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\\n\\n" if meta else ""
    target.write_text(front + markdown, encoding="utf-8")
    return markdown
"""


def plain_project(dest: Path) -> Path:
    """The handbook's pages as a plain Material site: the Markdown its macros make, its navigation,
    Markdown extensions, link checks, theme settings and search, none of its machinery (data
    validation, macros, hooks, Finnish vocabulary, print page, theme overrides, own CSS and scripts)."""
    work = dest.parent / f"{dest.name}-source"
    copy_project(work)
    config = mkdocs_config(ROOT)
    (work / "bench_dump.py").write_text(DUMP_HOOK.format(out=str(dest / "docs")), encoding="utf-8")
    (work / "mkdocs.dump.yml").write_text(yaml.safe_dump(
        {"INHERIT": "mkdocs.yml", "hooks": config.get("hooks", []) + ["bench_dump.py"]}), encoding="utf-8")
    done = build_site(work / "site", config=work / "mkdocs.dump.yml", cwd=work)
    if done.returncode != 0:
        raise SystemExit(f"build of the handbook for its plain copy failed:\n{done.stderr[-3000:]}")
    docs = work / config.get("docs_dir", "docs")
    for path in docs.rglob("*"):
        if path.is_file() and path.suffix != ".md":
            (dest / "docs" / path.relative_to(docs)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest / "docs" / path.relative_to(docs))
    theme = {key: config["theme"][key] for key in ("name", "language", "font", "favicon", "logo", "features")
             if key in config["theme"]}
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    plain = {key: config[key] for key in ("site_name", "site_url", "use_directory_urls", "markdown_extensions",
                                          "validation", "not_in_nav", "nav") if key in config}
    plain.update(theme=theme, plugins=[{"search": search}])
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.rmtree(work)
    return dest


def baseline_project(dest: Path) -> Path:
    """A one-page site with Material's defaults: what `mkdocs new` plus `theme: material` gives."""
    (dest / "docs").mkdir(parents=True)
    (dest / "mkdocs.yml").write_text("site_name: Perussivusto\ntheme:\n  name: material\n", encoding="utf-8")
    (dest / "docs" / "index.md").write_text("# Tervetuloa\n\nYksi sivu Materialin oletuksin.\n", encoding="utf-8")
    return dest


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")


def _retag(markdown: str, macro: str, ids: set[str], suffix: str) -> str:
    """{{ quote('x') }} → {{ quote('x-k2') }} for the ids given, in every call of `macro`."""
    def one(call: re.Match) -> str:
        return re.sub(r"'([a-z0-9-]+)'", lambda m: f"'{m.group(1)}{suffix}'" if m.group(1) in ids else m.group(0), call.group(0))
    return re.sub(rf"\b{macro}\(([^)]*)\)", one, markdown)


# Macros that list every entry of a kind: a copy of a chapter leaves them out, or the tenfold handbook
# would list every quote and source on ten pages each, a hundred times the real content.
LISTINGS = re.compile(r"\{\{\s*(?:quotes|bibliography|meetings_index|worksheets_index)\([^)]*\)\s*\}\}")


def tenfold_project(dest: Path) -> Path:
    """A copy of the project with ten times the quotes, references, meeting templates, worksheets and pages.

    Copy k (2…10) repeats every quote, reference, meeting and worksheet under a new id (`<id>-k<k>`),
    each meeting and worksheet with its page beside the original's, and every other chapter under
    docs/kopio-<k>/, whose quotes, citations and links to meeting and worksheet pages point to copy
    k's entries and which leave out the lists of all entries (`LISTINGS`: the original pages list
    them all). So the handbook's content is ten times as large.
    Returns the path of the copy's config file (mkdocs.tenfold.yml: the real config with a longer nav).
    """
    copy_project(dest)
    data, docs = dest / "data", dest / "docs"
    quotes, refs = _load(data / "quotes.yml"), _load(data / "references.yml")
    meetings, worksheets = _load(data / "meetings.yml"), _load(data / "worksheets.yml")
    quote_ids = {q["id"] for q in quotes["quotes"]}
    ref_keys = {r["key"] for r in refs["references"]}
    originals = {
        "quotes": list(quotes["quotes"]), "references": list(refs["references"]),
        "meetings": list(meetings["meetings"]), "worksheets": list(worksheets["worksheets"]),
    }
    entry_pages = {f"tapaamispohjat/{m['id']}.md" for m in originals["meetings"]}
    entry_pages |= {f"tyokirja/{w['id']}.md" for w in originals["worksheets"]}
    # A link to a meeting or worksheet page, from a chapter (its copy is one folder deeper).
    entry_link = re.compile(r"\]\(((?:\.\./)*)((?:tapaamispohjat|tyokirja)/[a-z0-9-]+)\.md([#)])")
    chapters = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    nav = mkdocs_config(ROOT)["nav"]
    copies_nav = []
    extra_meetings, extra_worksheets = [], []
    for k in range(2, FACTOR + 1):
        suffix = f"-k{k}"
        for q in originals["quotes"]:
            quotes["quotes"].append({**q, "id": q["id"] + suffix})
        for r in originals["references"]:
            # A source whose title is not known stays without one.
            title = {"title": f"{r['title']} ({k})"} if "title" in r else {}
            refs["references"].append({**r, "key": r["key"] + suffix, **title})
        for m in originals["meetings"]:
            meetings["meetings"].append({**m, "id": m["id"] + suffix, "title": f"{m['title']} {k}"})
            page = (docs / "tapaamispohjat" / f"{m['id']}.md").read_text(encoding="utf-8")
            page = page.replace(f"# {m['title']}\n", f"# {m['title']} {k}\n", 1)  # a page's heading is its title
            (docs / "tapaamispohjat" / f"{m['id']}{suffix}.md").write_text(
                _retag(page, "meeting", {m["id"]}, suffix), encoding="utf-8")
            extra_meetings.append({f"{m['title']} {k}": f"tapaamispohjat/{m['id']}{suffix}.md"})
        for w in originals["worksheets"]:
            worksheets["worksheets"].append({**w, "id": w["id"] + suffix, "title": f"{w['title']} {k}"})
            page = (docs / "tyokirja" / f"{w['id']}.md").read_text(encoding="utf-8")
            page = page.replace(f"# {w['title']}\n", f"# {w['title']} {k}\n", 1)
            (docs / "tyokirja" / f"{w['id']}{suffix}.md").write_text(
                _retag(page, "worksheet", {w["id"]}, suffix), encoding="utf-8")
            extra_worksheets.append({f"{w['title']} {k}": f"tyokirja/{w['id']}{suffix}.md"})
        for src in chapters:
            if src in entry_pages:
                continue
            text = (docs / src).read_text(encoding="utf-8")
            for macro, ids in (("quote", quote_ids), ("cite", ref_keys)):
                text = _retag(text, macro, ids, suffix)
            text = LISTINGS.sub("", text)
            text = entry_link.sub(lambda m: f"](../{m.group(1)}{m.group(2)}{suffix}.md{m.group(3)}"
                                  if f"{m.group(2)}.md" in entry_pages else m.group(0), text)
            target = docs / f"kopio-{k}" / src
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        copies_nav.append({f"Kopio {k}": _prefixed(_without(nav, entry_pages), f"kopio-{k}/")})
    for name, content in (("quotes", quotes), ("references", refs), ("meetings", meetings), ("worksheets", worksheets)):
        _dump(data / f"{name}.yml", content)
    _append_to_section(nav, "tapaamispohjat/index.md", extra_meetings)
    _append_to_section(nav, "tyokirja/index.md", extra_worksheets)
    config = dest / "mkdocs.tenfold.yml"
    config.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "nav": nav + copies_nav}, allow_unicode=True,
                                     sort_keys=False), encoding="utf-8")
    return config


def _without(nav, pages: set[str]):
    """The navigation without the given pages."""
    if isinstance(nav, str):
        return None if nav in pages else nav
    if isinstance(nav, list):
        return [kept for item in nav if (kept := _without(item, pages)) is not None]
    return {key: kept for key, value in nav.items() if (kept := _without(value, pages)) is not None} or None


def _prefixed(nav, prefix: str):
    if isinstance(nav, str):
        return prefix + nav
    if isinstance(nav, list):
        return [_prefixed(item, prefix) for item in nav]
    return {key: _prefixed(value, prefix) for key, value in nav.items()}


def _append_to_section(nav: list, first_page: str, entries: list) -> None:
    for item in nav:
        if isinstance(item, dict):
            (children,) = item.values()
            if isinstance(children, list):
                if children and children[0] == first_page:
                    children.extend(entries)
                    return
                _append_to_section(children, first_page, entries)


# --- measurements ----------------------------------------------------------------------------------

class Timed:
    """Wall and CPU seconds of runs, medians. On a machine others share, the two differ; a ratio of
    CPU seconds is the steadier one, and both are taken in turn with the run they are compared to."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __str__(self) -> str:
        return f"{statistics.median(self.wall):.2f} s (CPU {statistics.median(self.cpu):.2f} s)"

    def ratio(self, other: "Timed") -> str:
        return (f"{ratio(statistics.median(self.wall), statistics.median(other.wall))} "
                f"(CPU {ratio(statistics.median(self.cpu), statistics.median(other.cpu))})")


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def build_times(builds: dict[str, tuple[Path, Path, Path | None]]) -> dict[str, Timed]:
    """BUILD_RUNS full strict builds of each (project, site, config), each a fresh process as
    `make build` is, the projects in turn."""
    times = {name: Timed() for name in builds}
    for _ in range(BUILD_RUNS):
        for name, (project, dest, config) in builds.items():
            if dest.exists():
                shutil.rmtree(dest)
            start, cpu = time.perf_counter(), _children_cpu()
            done = build_site(dest, config=config, cwd=project)
            times[name].wall.append(time.perf_counter() - start)
            times[name].cpu.append(_children_cpu() - cpu)
            if done.returncode != 0:
                raise SystemExit(f"build of {project} failed:\n{done.stderr[-3000:]}")
    return times


class Server:
    """`mkdocs serve` of a project, told when it has rebuilt."""

    def __init__(self, project: Path, env: dict | None = None) -> None:
        command = [sys.executable, "-m", "mkdocs", "serve", "--livereload",
                   "--dev-addr", f"127.0.0.1:{nginxserver.free_port()}"]
        self.project, self.lines = project, queue.Queue()
        self.process = subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                        text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
        threading.Thread(target=lambda: [self.lines.put(line) for line in self.process.stderr], daemon=True).start()
        self.built()  # the first build
        # Only then does it watch the files: an edit before that would never be rebuilt.
        self.built(r"Watching paths for changes")

    def built(self, said_when_done: str = r"Documentation built in ([\d.]+) seconds") -> float:
        """Waits for the next "Documentation built in N seconds" (or another line) and returns N."""
        said: list[str] = []
        while True:
            try:
                line = self.lines.get(timeout=300)
            except queue.Empty:
                raise SystemExit(f"mkdocs serve in {self.project} did not rebuild (exit code "
                                 f"{self.process.poll()}):\n{''.join(said[-20:])}") from None
            said.append(line)
            found = re.search(said_when_done, line)
            if found:
                return float(found.group(1)) if found.groups() else 0.0

    def cpu(self) -> float:
        """CPU seconds the server has used, its finished child processes (git) included."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")

    def edit(self, edit: int, times: Timed) -> None:
        """Adds a line to one page and records the rebuild."""
        time.sleep(1)
        page = self.project / "docs" / EDITED_PAGE
        cpu = self.cpu()
        page.write_text(page.read_text(encoding="utf-8") + f"\n\nMuokkaus {edit + 1}.\n", encoding="utf-8")
        times.wall.append(self.built())
        times.cpu.append(self.cpu() - cpu)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def serve_rebuild_times(servers: dict[str, tuple[Path, dict]]) -> dict[str, Timed]:
    """How long `mkdocs serve` of each project takes to rebuild after one page is edited (as MkDocs
    reports it), SERVE_EDITS edits, the projects in turn."""
    running = {name: Server(project, env) for name, (project, env) in servers.items()}
    times = {name: Timed() for name in servers}
    try:
        for edit in range(SERVE_EDITS):
            for name, server in running.items():
                server.edit(edit, times[name])
    finally:
        for server in running.values():
            server.close()
    return times


def transferred(browser, url: str) -> dict:
    """Requests and bytes (as sent, and gzipped as nginx sends text) for one page in a fresh browser,
    with everything it loads until the network is quiet, and the requests that block rendering."""
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    loaded: list[tuple[int, int, str]] = []  # (gzip size, size, file name)
    blocked: list[str] = []
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda r: (blocked.append(r.request.url), r.abort()))

    def record(response) -> None:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted response has no body
            return
        kind = response.headers.get("content-type", "")
        sent = len(gzip.compress(body, 6)) if COMPRESSED.search(kind) else len(body)
        loaded.append((sent, len(body), response.url.split("?")[0].rsplit("/", 1)[-1] or "index.html"))

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    blocking = page.evaluate("performance.getEntriesByType('resource')"
                             ".filter(e => e.renderBlockingStatus === 'blocking').length")
    context.close()
    largest = sorted(loaded, reverse=True)[:3]
    return {"requests": len(loaded), "bytes": sum(b for _, b, _ in loaded), "gzip": sum(g for g, _, _ in loaded),
            "blocked_outside": len(blocked), "blocking": blocking,
            "largest": ", ".join(f"{name} {size / 1024:.0f} KiB" for size, _, name in largest)}


def lighthouse(url: str, preset: str, out: Path) -> dict:
    """Median Lighthouse scores (0–100) of LIGHTHOUSE_RUNS runs; preset 'mobile' (the default) or 'desktop'.

    One run's performance score moves by ten points or more on two cores (total blocking time).
    """
    runs = [_lighthouse_once(url, preset, out) for _ in range(LIGHTHOUSE_RUNS)]
    failed = [r for r in runs if "error" in r]
    if failed:
        return failed[0]
    return {c: round(statistics.median(r[c] for r in runs)) for c in (*CATEGORIES, *AUDITS)}


def _lighthouse_once(url: str, preset: str, out: Path) -> dict:
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}",
               "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS)]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chromium_path() or ""}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["lighthouse failed"]}
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    return {**scores, **{a: report["audits"][a]["numericValue"] for a in AUDITS}}


def machine() -> str:
    version = subprocess.run([chromium_path() or "chromium", "--version"], capture_output=True, text=True).stdout
    os_name = "unknown"
    if Path("/etc/os-release").exists():
        os_name = dict(re.findall(r'^(\w+)="?([^"\n]*)"?$', Path("/etc/os-release").read_text(), re.M)).get("PRETTY_NAME", "")
    return f"{os.cpu_count()} cores, {os_name}, {version.strip() or 'Chromium ?'}, Python {platform.python_version()}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "–"


def main() -> int:
    from playwright.sync_api import sync_playwright

    parts = set(filter(None, os.environ.get("BENCH_PARTS", ",".join(PARTS)).split(","))) & PARTS
    print(f"Työpeili-käsikirjan benchmark — {machine()}\n")
    with tempfile.TemporaryDirectory(prefix="tyopeili-bench-") as tmp_name:
        tmp = Path(tmp_name)
        baseline = baseline_project(tmp / "baseline")
        site, base_site = tmp / "site", tmp / "baseline-site"
        plain = plain_project(tmp / "plain") if parts & {"build", "serve"} else None

        # 1. Build time (the site is built in any case: the other parts measure it)
        builds = {"site": (ROOT, site, None), "baseline": (baseline, base_site, None)}
        if "build" in parts:
            builds["plain"] = (plain, tmp / "plain-site", None)
        built = build_times(builds)
        t_site = built["site"]
        if "build" in parts:
            print("1. Täysi tiukka build (mediaani %d ajosta, vuorotellen)" % BUILD_RUNS)
            print(f"   käsikirja {t_site}, samat sivut pelkällä Materialilla {built['plain']}: "
                  f"{t_site.ratio(built['plain'])}")
            print(f"   yhden sivun Material-perussivusto {built['baseline']}: {t_site.ratio(built['baseline'])}")
        if "serve" in parts:
            mine, theirs = tmp / "serve-handbook", tmp / "serve-plain"
            copy_project(mine)
            shutil.copytree(plain, theirs)
            served = serve_rebuild_times({"handbook": (mine, SERVE_ENV), "plain": (theirs, {})})
            print(f"   make serve: uudelleenrakennus yhden sivun muutoksen jälkeen {served['handbook']}, "
                  f"pelkkä Material {served['plain']}: {served['handbook'].ratio(served['plain'])} "
                  f"(mediaani {SERVE_EDITS} muutoksesta)")
        print()

        # 4. Tenfold data (built before the browsers start, so the builds have the machine to themselves)
        if "growth" in parts:
            ten_config = tenfold_project(tmp / "tenfold")
            grown = build_times({"site": (ROOT, site, None), "tenfold": (tmp / "tenfold", tmp / "tenfold-site", ten_config)})
            pages_real = sum(1 for _ in site.rglob("index.html"))
            pages_ten = sum(1 for _ in (tmp / "tenfold-site").rglob("index.html"))
            # The content, as the search index holds it (its text without the Finnish vocabulary).
            content_real, content_ten = (_indexed_text(s) for s in (site, tmp / "tenfold-site"))

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            with nginxserver.nginx(site, tmp / "nginx-site") as url, \
                    nginxserver.nginx(base_site, tmp / "nginx-base", plain=True) as base_url:
                # 2. Bytes transferred
                if "pages" in parts:
                    base_bytes = transferred(browser, base_url)
                    print("2. Ensikäynti (gzip): sivu ja kaikki, mitä se lataa ilman lukijan toimia, tyhjällä välimuistilla")
                    print(f"   perussivusto: {base_bytes['gzip'] / 1024:.1f} KiB, {base_bytes['requests']} pyyntöä, "
                          f"{base_bytes['blocking']} estää piirron "
                          f"(+{base_bytes['blocked_outside']} ulkopuolista fonttipyyntöä estetty, ei laskettu)")
                    for name, path in PAGES.items():
                        mine = transferred(browser, url + path)
                        print(f"   {name}: {mine['gzip'] / 1024:.1f} KiB, {mine['requests']} pyyntöä, "
                              f"{mine['blocking']} estää piirron, pakkaamatta {mine['bytes'] / 1024:.1f} KiB: "
                              f"{ratio(mine['gzip'], base_bytes['gzip'])}")
                        if not path:
                            print(f"      suurimmat: {mine['largest']}")
                    print()
                browser.close()

                # 3. Lighthouse
                if "lighthouse" in parts:
                    print(f"3. Lighthouse 12 (suorituskyky / saavutettavuus / parhaat käytännöt / hakukoneet), "
                          f"mediaani {LIGHTHOUSE_RUNS} ajosta, nginx ja tyhjä välimuisti")
                    if not LIGHTHOUSE.exists():
                        print("   node_modules/lighthouse puuttuu: aja npm ci")
                    else:
                        for preset in ("mobile", "desktop"):
                            base_scores = lighthouse(base_url, preset, tmp / "lh.json")
                            print(f"   {preset}, perussivusto: {_scores(base_scores, preset)}")
                            for name, path in PAGES.items():
                                scores = lighthouse(url + path, preset, tmp / "lh.json")
                                print(f"   {preset}, {name}: {_scores(scores, preset)}")
                    print()

        if "growth" in parts:
            print("4. Buildin kasvu datan mukana (lainaukset, lähteet, tapaamispohjat, lomakkeet ja sivut ×%d)" % FACTOR)
            print(f"   käsikirja {pages_real} sivua {grown['site']}, kymmenkertainen {pages_ten} sivua {grown['tenfold']}: "
                  f"{grown['tenfold'].ratio(grown['site'])} (sivuja {ratio(pages_ten, pages_real)}, "
                  f"tekstiä {ratio(content_ten, content_real)})\n")

        # 5. Search
        if "search" in parts and (Path(__file__).parent / "bench_search.py").exists():
            import bench_search

            print("5. Haku (tests/bench_search.py): suomenkielinen haku ja Materialin oma haku samasta sivustosta")
            material = bench_search.material_baseline(site, tmp / "material-search")
            report = bench_search.measure(site, material)
            report["finnish"].update(bench_search.recall(site))
            report["material"].update(bench_search.recall(material))
            fi, md = report["finnish"], report["material"]
            print(f"   hakemisto {fi['bytes'] / 1024:.1f} KiB, gzip {fi['gzip'] / 1024:.1f} KiB / "
                  f"{md['bytes'] / 1024:.1f} KiB, gzip {md['gzip'] / 1024:.1f} KiB: {ratio(fi['gzip'], md['gzip'])}")
            print(f"   hakukentän ensimmäisestä kohdistuksesta tuloksiin (haku latautuu vasta silloin) "
                  f"{fi['first_focus_to_results_ms']} ms / {md['first_focus_to_results_ms']} ms (Material lataa haun "
                  f"sivun mukana): {ratio(fi['first_focus_to_results_ms'], md['first_focus_to_results_ms'])}")
            print(f"   viimeisestä näppäilystä tuloksiin {fi['keystroke_to_results_ms']} ms / "
                  f"{md['keystroke_to_results_ms']} ms: {ratio(fi['keystroke_to_results_ms'], md['keystroke_to_results_ms'])}"
                  f" (mediaani {report['runs']} ajosta, pitkä kysely)")
            print(f"   oikea sivu löytyy {fi['recall']:.0%} / {md['recall']:.0%} kyselyistä ({fi['queries']} kyselyä, "
                  f"tests/search_queries.yml)")
            print(f"   oikea sivu ensimmäisenä {fi['first']} / {md['first']}, kolmen ensimmäisen joukossa {fi['top3']} / "
                  f"{md['top3']}, viiden {fi['top5']} / {md['top5']}; keskimääräinen käänteinen sijoitus "
                  f"{fi['mrr']} / {md['mrr']}")
            if fi["missed"]:
                print(f"   ohi: {', '.join(fi['missed'])}")
    return 0


def _indexed_text(site: Path) -> int:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return sum(len(doc.get("title", "")) + len(doc.get("text", "")) for doc in docs)


def _scores(scores: dict, preset: str) -> str:
    if "error" in scores:
        return "virhe: " + " ".join(scores["error"])
    text = " / ".join(str(scores[c]) for c in CATEGORIES)
    if preset == "mobile":
        text += "; " + ", ".join(f"{label} {round(scores[audit])}" for audit, label in AUDITS.items())
    return text


if __name__ == "__main__":
    sys.exit(main())
