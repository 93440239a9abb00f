"""robots.txt for the web site (not the offline copy), with the sitemap under the site's sub-path."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from project import offline

from handbook.robots import robots_txt


def on_post_build(config: MkDocsConfig) -> None:
    if config.site_url and not offline(config):
        Path(config.site_dir, "robots.txt").write_text(robots_txt(config.site_url), encoding="utf-8")
