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


def flat(text: str) -> str:
    """Text with its white space as single spaces, to compare against data."""
    return re.sub(r"\s+", " ", text).strip()


def print_with(page, url: str, pdf: Path, background: bool = False, ready: str | None = None) -> Path:
    """Print `url` in an open page (its context's scheme and locale); `background`: with background graphics."""
    page.goto(url)
    if ready:
        page.wait_for_selector(ready, state="attached")
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", print_background=background)
    return pdf


def page_images(pdf: Path, dest: Path, dpi: int = 30) -> list[bytes]:
    """Every page rendered as a greyscale image (PGM bytes), to compare two prints pixel for pixel."""
    poppler("pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(dest / pdf.stem))
    return [p.read_bytes() for p in sorted(dest.glob(f"{pdf.stem}-*.pgm"))]


def ink_heights(pdf: Path, dest: Path, top_mm: float, bottom_mm: float, dpi: int = 20) -> list[float]:
    """For each page, how much of the height between the margins its content spans (0 blank, 1 full)."""
    a4_height_mm = 297
    heights = []
    for image in page_images(pdf, dest, dpi):
        _, size, _, pixels = image.split(b"\n", 3)
        width, height = map(int, size.split())
        top, bottom = round(height * top_mm / a4_height_mm), round(height * (1 - bottom_mm / a4_height_mm))
        rows = [y for y in range(top, bottom) if min(pixels[y * width:(y + 1) * width]) < 200]
        heights.append((rows[-1] - rows[0] + 1) / (bottom - top) if rows else 0.0)
    return heights


def site_config(root: Path) -> dict:
    """The mkdocs.yml at `root` as data (its !ENV values read as absent): what printed sheets take from it."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
