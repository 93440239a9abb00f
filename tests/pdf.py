"""Reading printed pages: Chromium prints to A4 PDF, poppler-utils (Debian) reads them back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest


def poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (Debian poppler-utils) is not installed")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


def info(pdf: Path) -> str:
    return poppler("pdfinfo", str(pdf))


def page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)$", info(pdf), re.M).group(1))


def text(pdf: Path, page: int | None = None, layout: bool = False) -> str:
    """The PDF's text, or one page's."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return poppler("pdftotext", *pages, *(["-layout"] if layout else []), str(pdf), "-")


def print_page(browser, url: str, pdf: Path, scheme: str = "light", ready: str | None = None) -> Path:
    """Print the page at `url` to an A4 PDF as the browser's print dialog would; `ready`: a selector to wait for."""
    context = browser.new_context(color_scheme=scheme, locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(url)
        if ready:
            page.wait_for_selector(ready, state="attached")
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), format="A4")
    finally:
        context.close()
    return pdf
