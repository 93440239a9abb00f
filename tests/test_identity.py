"""The handbook's identity: the ESF funding shown with the EU emblem as the 2014–2020 publicity rules
have it (Implementing Regulation (EU) No 821/2014, Annex II: the flag's geometry and colours), with
a text alternative, on every page; and the logo that names the handbook."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from conftest import ROOT, html_pages

REFLEX_BLUE, YELLOW = "#003399", "#FFCC00"


def emblem(page_html: str) -> ET.Element:
    start = page_html.index('<svg class="tp-eu__flag"')
    return ET.fromstring(page_html[start:page_html.index("</svg>", start) + len("</svg>")])


def star_points(d: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(numbers[::2], numbers[1::2]))


def test_every_page_names_the_union_and_the_fund_beside_the_emblem(site_dir):
    for page in html_pages(site_dir):
        text = (site_dir / (page + "index.html" if page.endswith("/") or page == "" else page)).read_text("utf-8")
        footer = text[text.index('<div class="md-copyright">'):]
        assert re.search(r'<p class="tp-eu">\s*<svg class="tp-eu__flag"', footer), page
        assert "<span>Euroopan unioni</span> <span>Euroopan sosiaalirahasto</span>" in footer, page


def test_emblem_has_a_text_alternative(site_dir):
    flag = emblem((site_dir / "index.html").read_text("utf-8"))
    assert flag.get("role") == "img"
    title = flag.find("title")
    assert flag.get("aria-labelledby") == title.get("id")
    assert title.text == "Euroopan unionin lippu"


def test_emblem_is_drawn_to_the_rules(site_dir):
    flag = emblem((site_dir / "index.html").read_text("utf-8"))
    border, blue = flag.findall("rect")
    width, height = float(blue.get("width")), float(blue.get("height"))
    x0, y0 = float(blue.get("x")), float(blue.get("y"))
    # The rectangle is 3:2 in Reflex Blue; on the dark footer, a white border 1/25 of its height.
    assert (width / height, blue.get("fill").upper()) == (1.5, REFLEX_BLUE)
    assert border.get("fill").upper() == "#FFFFFF"
    assert math.isclose(x0 - float(border.get("x")), height / 25)
    assert math.isclose(float(border.get("width")), width + 2 * height / 25)
    assert [float(v) for v in flag.get("viewBox").split()] == [float(border.get(a)) for a in ("x", "y", "width", "height")]
    # Twelve stars on a circle whose radius is a third of the height, 30° apart, the first at the top.
    star = flag.find("defs/path")
    assert star.get("fill").upper() == YELLOW
    uses = flag.findall("use")
    assert len(uses) == 12 and all(u.get("href") == "#" + star.get("id") for u in uses)
    cx, cy = x0 + width / 2, y0 + height / 2
    for k, use in enumerate(uses):
        x, y = float(use.get("x")) - cx, float(use.get("y")) - cy
        assert math.isclose(math.hypot(x, y), height / 3, abs_tol=0.05)
        assert math.isclose(math.degrees(math.atan2(x, -y)) % 360, 30 * k, abs_tol=0.05)
    # Each a five-pointed star whose radius is an 18th of the height, one point straight up.
    points = star_points(star.get("d"))
    radii = [math.hypot(x, y) for x, y in points]
    outer = [p for p, r in zip(points, radii) if math.isclose(r, height / 18, abs_tol=0.05)]
    assert len(points) == 10 and len(outer) == 5
    assert outer[0] == (0, -height / 18)
    assert all(r < height / 18 * 0.4 for r in radii if not math.isclose(r, height / 18, abs_tol=0.05))


def test_logo_names_the_handbook():
    logo = ET.fromstring((ROOT / "docs" / "assets" / "tyopeili.svg").read_text("utf-8"))
    assert logo.get("role") == "img" and logo.get("aria-label") == "Työpeili"
