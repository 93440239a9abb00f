"""Every page on a phone: nothing scrolls sideways at 320 px or 360 px (WCAG 1.4.10), every target is
at least 24 by 24 px or has room around it (WCAG 2.5.8), also in the opened navigation, and the
model figure keeps its text legible and its links tall enough to tap."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import html_pages, page_using
from handbook import data
from handbook.render import page_url

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
MODEL = data.load(ROOT, docs_dir=None).model
WIDTHS = [320, 360]
FIGURE_PAGE = page_url(page_using("model_figure"))  # the model's figure

# What scrolls sideways: the page itself, or any element that scrolls its content sideways.
SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  if (document.documentElement.scrollWidth > width) found.push(`page ${document.documentElement.scrollWidth} px`);
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    if (['auto', 'scroll'].includes(style.overflowX) && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      found.push(`${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth} px in ${el.clientWidth} px`);
    }
  }
  return found;
}"""

# Targets under 24 by 24 px, less the exceptions of WCAG 2.5.8: a link inside a sentence, and a
# target whose 24 px circle around its centre touches no other target (nor another such circle).
SMALL_TARGETS = """(scope) => {
  const width = document.documentElement.clientWidth;
  const root = scope ? document.querySelector(scope) : document;
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for]';
  const shown = el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > 0 && r.left < width
      && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[hidden], [aria-hidden=true]');
  };
  const targets = [...root.querySelectorAll(selector)].filter(shown);
  const rects = targets.map(el => el.getBoundingClientRect());
  const inSentence = el => {
    if (getComputedStyle(el).display !== 'inline') return false;
    const block = el.closest('p, li, dd, dt, td, th, figcaption, caption, h1, h2, h3, h4') || el.parentElement;
    return block.textContent.replace(/\\s+/g, ' ').trim().length > el.textContent.replace(/\\s+/g, ' ').trim().length + 1;
  };
  const found = [];
  targets.forEach((el, i) => {
    const r = rects[i];
    if ((r.width >= 24 && r.height >= 24) || inSentence(el)) return;
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    const crowded = rects.some((o, j) => {
      if (j === i || targets[j].contains(el) || el.contains(targets[j])) return false;
      if (o.width < 24 || o.height < 24) return Math.hypot(o.left + o.width / 2 - cx, o.top + o.height / 2 - cy) < 24;
      return Math.hypot(Math.max(o.left - cx, 0, cx - o.right), Math.max(o.top - cy, 0, cy - o.bottom)) < 12;
    });
    if (crowded) {
      const name = (el.textContent || el.getAttribute('aria-label') || el.title || '').trim().slice(0, 40);
      found.push(`${el.tagName.toLowerCase()}.${el.className} "${name}" ${Math.round(r.width)}×${Math.round(r.height)} px`);
    }
  });
  return found;
}"""


def phone(browser, width: int):
    return browser.new_context(viewport={"width": width, "height": 640}, is_mobile=True, has_touch=True,
                               device_scale_factor=2, locale="fi-FI")


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways_and_every_target_is_24_px(browser, site_dir, site_url, width):
    context = phone(browser, width)
    page = context.new_page()
    sideways, small = {}, {}
    try:
        for path in html_pages(site_dir):
            page.goto(site_url + path)
            if found := page.evaluate(SIDEWAYS):
                sideways[path or "index"] = found
            if found := page.evaluate(SMALL_TARGETS, None):
                small[path or "index"] = found
    finally:
        context.close()
    assert not sideways, sideways
    assert not small, small


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["", FIGURE_PAGE])
def test_opened_navigation_has_24_px_targets(browser, site_url, width, path):
    context = phone(browser, width)
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.click(".md-header label[for=__drawer]")
        page.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
        assert page.evaluate(SMALL_TARGETS, ".md-sidebar--primary") == []
        assert page.evaluate(SIDEWAYS) == []
    finally:
        context.close()


def test_model_figure_on_a_phone_has_legible_links_at_least_24_px_tall(browser, site_url):
    elements = [MODEL.core, *MODEL.parts, *MODEL.other_parts]
    context = phone(browser, 360)
    try:
        page = context.new_page()
        page.goto(site_url + FIGURE_PAGE)
        links = page.evaluate("""() => [...document.querySelectorAll('figure.tp-model a')]
            .filter(a => a.getBoundingClientRect().height > 0)
            .map(a => { const r = a.getBoundingClientRect();
                        return [a.textContent.trim(), r.height, parseFloat(getComputedStyle(a).fontSize), r.right]; })""")
    finally:
        context.close()
    assert [title for title, *_ in links] == [e.title for e in elements]
    for title, height, font_size, right in links:
        assert height >= 24, title
        assert font_size >= 16, title
        assert right <= 360, title


def test_model_figure_is_the_drawing_on_a_wide_screen(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + FIGURE_PAGE)
    assert page.locator("figure.tp-model svg").is_visible()
    assert page.locator("figure.tp-model .tp-model__column").is_hidden()
