"""Driving the site's search box as a reader does: open it with "/", type, read the result list.

A query is answered when the search worker has replied to the last query the page sent; the page's
Worker is wrapped (before any script runs) to record that, so no test waits on a timer.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

# Material's worker messages: 1 = ready, 2 = query (data: the typed text), 3 = result. Also when
# (performance.now()) the search box first had focus and the last answer came.
RECORD_WORKER = """
(() => {
  const Native = window.Worker
  const pending = []
  window.__search = { sent: null, answered: null, ready: null, focused: null, answeredAt: null }
  document.addEventListener("focusin", ev => {
    if (window.__search.focused === null && ev.target.matches("[data-md-component=search-query]"))
      window.__search.focused = performance.now()
  })
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener("message", ev => {
        if (ev.data && ev.data.type === 1)
          window.__search.ready = performance.now()
        if (ev.data && ev.data.type === 3) {
          window.__search.answered = pending.shift()
          window.__search.answeredAt = performance.now()
        }
      })
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2)
        pending.push(window.__search.sent = message.data)
      return super.postMessage(message, ...rest)
    }
  }
})()
"""


ANSWERED = """q => window.__search && "answered" in window.__search
  ? window.__search.sent === q && window.__search.answered === q
  : [...document.querySelectorAll('.md-search-result__item > a')]
      .some(a => new URL(a.href).searchParams.get('h') === q)"""


def open_site(page, url: str) -> None:
    """Load a page with the worker recorder in place."""
    page.add_init_script(RECORD_WORKER)
    page.goto(url)


def type_query(page, query: str, timeout: float = 30_000) -> None:
    """Open the search with "/", clear it, type the query key by key and wait for its answer.

    Without the recorder (the offline copy replaces Worker with a shim that runs it from file://),
    the answer is the first result link Material marks with the query (?h=…).
    """
    field = page.locator("input[data-md-component=search-query]")
    if not field.is_visible():
        page.keyboard.press("/")
    field.fill("")
    field.press_sequentially(query)
    # Playwright types letters outside the US layout (ä, ö) without key events; Material reads the
    # field on keyup, so one key that changes nothing follows.
    field.press("End")
    page.wait_for_function(ANSWERED, arg=query, timeout=timeout)
    # Material draws the first results in the same task as the answer arrives.


def result_pages(page, site_url: str) -> list[str]:
    """The pages in the result list, in order, as paths relative to the site root ("ilmiot/resilienssi/")."""
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item", "items => items.map(li => li.querySelector('a.md-search-result__link').href)"
    )
    base = urlsplit(site_url).path
    pages = []
    for href in hrefs:
        path = urlsplit(href).path
        pages.append(path[len(base):] if path.startswith(base) else path)
    return pages


def result_meta(page) -> str:
    return page.inner_text(".md-search-result__meta")


def first_use(page, query: str) -> float:
    """Milliseconds from the search box's first focus ("/") to the answer of a query, for the benchmark.

    The query is filled in at once, so the figure is the search's own: loading it if it waits for its
    first use, and answering.
    """
    page.keyboard.press("/")
    field = page.locator("input[data-md-component=search-query]")
    field.fill(query)
    field.press("End")
    page.wait_for_function("q => window.__search.answered === q", arg=query, polling="raf")
    return page.evaluate("window.__search.answeredAt - window.__search.focused")


def timed_query(page, query: str) -> float:
    """Seconds from the last keystroke of a query to the worker's answer, for the benchmark."""
    type_query(page, query[:-1])
    start = time.perf_counter()
    page.locator("input[data-md-component=search-query]").press(query[-1])  # a letter with a key event
    page.wait_for_function("q => window.__search.answered === q", arg=query, polling="raf")
    return time.perf_counter() - start
