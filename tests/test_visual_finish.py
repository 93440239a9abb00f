"""The finish a reader notices: page titles in the text's own colour, a print button that stands out
from the dark scheme too (non-text contrast at least 3:1, WCAG 1.4.11), a sidebar whose title covers
no navigation item, table captions with room around them, the online variant drawn as a callout,
and a search tooltip that does not stay behind on a touch screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import page_using
from handbook import data, printing

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
HB = data.load(ROOT, docs_dir=None)
SCHEMES = ["light", "dark"]
PRINT_PAGES = [
    data.WORKSHEET_PAGE.format(HB.worksheets.worksheets[0].id), data.MEETING_PAGE.format(HB.meetings.meetings[0].id),
    printing.packs(HB)[0].page,
]

# WCAG's contrast ratio between an element's background and what shows behind it (ancestors'
# backgrounds laid over each other, the page's at the bottom).
CONTRAST = """(selector) => {
  const rgba = c => { const [r, g, b, a = 1] = c.match(/[\\d.]+/g).map(Number); return [r, g, b, a]; };
  const over = (top, under) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat(1); };
  const luminance = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                           return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const el = document.querySelector(selector);
  const chain = [];
  for (let node = el.parentElement; node; node = node.parentElement) chain.unshift(rgba(getComputedStyle(node).backgroundColor));
  let behind = [255, 255, 255, 1];
  for (const layer of chain) behind = over(layer, behind);
  const own = over(rgba(getComputedStyle(el).backgroundColor), behind);
  const [hi, lo] = [luminance(own), luminance(behind)].sort((a, b) => b - a);
  return (hi + 0.05) / (lo + 0.05);
}"""


def src_url(site_url: str, src_path: str) -> str:
    from handbook.render import page_url

    return site_url + page_url(src_path)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_page_titles_are_in_the_texts_own_colour(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme, locale="fi-FI")
    try:
        page = context.new_page()
        for path in ["", src_url("", page_using("model_figure")), src_url("", PRINT_PAGES[1])]:
            page.goto(site_url + path)
            title, text = page.evaluate("""() => [getComputedStyle(document.querySelector('.md-typeset h1')).color,
                                                   getComputedStyle(document.querySelector('.md-typeset')).color]""")
            assert title == text, path
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("src_path", PRINT_PAGES)
def test_print_button_stands_out_from_the_page(browser, site_url, scheme, src_path):
    context = browser.new_context(color_scheme=scheme, locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(src_url(site_url, src_path))
        button = page.locator("[data-tp-print]")
        assert button.is_visible()
        assert page.evaluate(CONTRAST, "[data-tp-print]") >= 3
    finally:
        context.close()


@pytest.mark.parametrize("src_path", ["saavutettavuusseloste.md", data.WORKSHEET_PAGE.format(HB.worksheets.worksheets[-1].id),
                                      data.MEETING_PAGE.format(HB.meetings.meetings[len(HB.meetings.meetings) // 2].id)])
def test_sidebar_title_covers_no_navigation_item(page, site_url, src_path):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(src_url(site_url, src_path))
    # Material scrolls the current page's item into view after load: measure once the sidebar is still.
    page.evaluate("""() => new Promise(done => {
      const wrap = document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap')
      let last = null, still = 0
      const check = () => {
        const now = `${wrap.scrollTop} ${wrap.getBoundingClientRect().height}`
        still = now === last ? still + 1 : 0
        last = now
        if (still >= 10) done(); else requestAnimationFrame(check)
      }
      requestAnimationFrame(check)
    })""")
    covered = page.evaluate("""() => {
      const wrap = document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').getBoundingClientRect();
      return [...document.querySelectorAll('.md-sidebar--primary .md-nav__link')].filter(link => {
        const r = link.getBoundingClientRect();
        // An item outside the sidebar's window or the viewport is not shown, so nothing covers it.
        if (!r.height || r.top < wrap.top || r.bottom > Math.min(wrap.bottom, window.innerHeight)) return false;
        const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + r.height / 2);
        return !(hit && (link.contains(hit) || hit.contains(link)));
      }).map(link => link.textContent.trim());
    }""")
    assert covered == []


def test_table_captions_have_room_inside_the_frame(page, site_url):
    page.goto(src_url(site_url, data.MEETING_PAGE.format(HB.meetings.meetings[0].id)))
    room = page.evaluate("""() => {
      const caption = document.querySelector('.tp-meeting table caption');
      const table = caption.closest('table').getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(caption);
      const text = range.getBoundingClientRect();
      return [text.left - table.left, text.top - table.top];
    }""")
    assert min(room) >= 8


def test_online_variant_is_a_framed_callout(page, site_url):
    meeting = next(m for m in HB.meetings.meetings if any(step.online for step in m.agenda))
    page.goto(src_url(site_url, data.MEETING_PAGE.format(meeting.id)))
    style = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.tp-online'));
      return [s.borderTopStyle, s.borderRightStyle, s.borderBottomStyle, s.borderLeftStyle, parseFloat(s.paddingLeft),
              parseFloat(s.paddingTop)]; }""")
    assert style[:4] == ["dashed"] * 4
    assert min(style[4:]) >= 8


def test_search_tooltip_does_not_stay_on_a_touch_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True, locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(site_url)
        page.tap(".md-header label[for=__search]")
        page.fill(".md-search__input", "ryhmä")
        page.tap(".md-search__options button[type=reset]")
        page.wait_for_timeout(500)
        shown = page.evaluate("""() => [...document.querySelectorAll('.md-tooltip, .md-tooltip2')]
            .filter(t => t.getBoundingClientRect().height > 0 && getComputedStyle(t).visibility !== 'hidden'
                         && getComputedStyle(t).opacity !== '0').map(t => t.textContent.trim())""")
        assert shown == []
    finally:
        context.close()
