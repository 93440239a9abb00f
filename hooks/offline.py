"""The offline copy (`make offline`, TYOPEILI_OFFLINE=true): the same site, opened from the file system.

Material's offline plugin would load the search worker's shim from a CDN: the shim comes from npm
(package.json) instead, and instant navigation, which file:// does not allow, is off.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from project import ROOT, offline

IFRAME_WORKER = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
IFRAME_WORKER_URL = "assets/javascripts/iframe-worker.js"


@event_priority(100)  # before the offline plugin, which would otherwise add the shim from a CDN
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if offline(config):
        config.extra["polyfills"] = [IFRAME_WORKER_URL]
        config.theme["features"] = [f for f in config.theme["features"] if not f.startswith("navigation.instant")]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if offline(config):
        if not IFRAME_WORKER.is_file():
            raise PluginError("node_modules/iframe-worker is missing: run `npm ci` (make offline does it)")
        files.append(File.generated(config, IFRAME_WORKER_URL, abs_src_path=str(IFRAME_WORKER)))
    return files


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    # mkdocs-print-site-plugin renders the print page with the 404 page's context, whose base is the
    # server path (/tyopeili/). The offline copy has no server: its print page (print_page.html, at
    # the top) needs the relative base, or its search looks for file:///tyopeili/.
    if template_name == "404.html" and offline(config):
        context["base_url"] = "."
    return context

