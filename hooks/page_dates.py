"""Page dates from git: "Päivitetty 27.11.2026" at the bottom of each page and the sitemap's lastmod.

The dates are the last commit that changed the page's Markdown file or the data its macros show
(`handbook/page_dates.py`). Nothing is dated by the clock: without git history pages are undated.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from project import handbook_root, log

from handbook import page_dates

_history: page_dates.History | None = None
# The date MkDocs is given for an undated page: it needs one (the sitemap's gzip header takes the
# latest), and the epoch is what gzip reads as "no time". The sitemap leaves it out.
UNDATED = "1970-01-01"


@event_priority(100)  # first: SOURCE_DATE_EPOCH must be set before anything is dated
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _history
    root = handbook_root(config)
    _history = page_dates.history(root, os.path.relpath(config.docs_dir, root), "data")
    if _history.head is None:
        log.info("No git history: pages are left undated (dates come from git, never from the clock).")
    else:
        # Whatever MkDocs dates by the clock (sitemap.xml.gz) is dated by the last commit instead.
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(_history.head))
    if _history.shallow:
        log.info("Shallow git clone: pages last changed before its oldest commit are dated by the last commit.")
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _history is None:
        return markdown
    src = None
    if page.file.abs_src_path is not None:
        src = os.path.relpath(os.path.realpath(page.file.abs_src_path), handbook_root(config)).replace(os.sep, "/")
    # A page the build makes (a print pack) is dated by the data its macros show.
    changed = page_dates.page_changed(_history, src, page.file.content_string)
    if changed is None:
        page.update_date = UNDATED
    else:
        page.meta["updated"] = page_dates.local_date(changed)
        page.update_date = page.meta["updated"].isoformat()
    return markdown


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "sitemap.xml":
        return output.replace(f"<lastmod>{UNDATED}</lastmod>", "")
    return output
