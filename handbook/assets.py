"""The site's own style sheets and scripts, each kind joined into one file named by its content.

A page waits for every style sheet in its head before it shows anything, so seven of them cost a
reader on a slow connection seven downloads; joined, a page waits for Material's and this one. The
name carries a digest of the content (`assets/stylesheets/site.3f2a9c1d.min.css`): a new version
has a new name, so the web server lets browsers keep the file for a year (deploy/nginx).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Callable, Iterable, Mapping

import rcssmin
import rjsmin

KINDS = {
    # suffix: (folder, minifier, what goes between two files)
    "css": ("assets/stylesheets", rcssmin.cssmin, "\n"),
    # A script that ends without a semicolon must not run into the next one's opening parenthesis.
    "js": ("assets/javascripts", rjsmin.jsmin, ";\n"),
}


# Material's palette gives each of its named colours a rule for pages that choose it
# (data-md-color-primary="indigo"). The site chooses none, so its pages carry no such attribute
# (tests/test_couplings.py) and those rules, four fifths of the palette, never apply.
NAMED_COLOUR = re.compile(r"\[data-md-color-(?:primary|accent)=")


def _rules(css: str) -> list[tuple[str, str]]:
    """The top-level rules of minified CSS as (prelude, body); an at-rule's body holds its own rules."""
    rules, start = [], 0
    while (opening := css.find("{", start)) != -1:
        depth, end = 1, opening + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        rules.append((css[start:opening], css[opening + 1:end - 1]))
        start = end
    return rules


def without_named_colours(css: str) -> str:
    """Material's palette without the rules that apply only to a named primary or accent colour."""
    kept = []
    for prelude, body in _rules(css):
        if prelude.lstrip().startswith("@"):
            if inner := without_named_colours(body):
                kept.append(f"{prelude}{{{inner}}}")
        elif not all(NAMED_COLOUR.search(selector) for selector in prelude.split(",")):
            kept.append(f"{prelude}{{{body}}}")
    return "".join(kept)


# Elements whose white space shows or counts: preformatted text and code, form fields, and inline
# scripts and styles (the scripts' hashes are in the web server's CSP).
KEEPS_SPACE = re.compile(r"<(pre|textarea|code|kbd|script|style)\b.*?</\1>", re.S | re.IGNORECASE)
INDENTATION = re.compile(r"\n\s+")


def without_indentation(html: str) -> str:
    """A page without the indentation and empty lines of its templates: the browser draws it the same
    (a line break is white space as the indentation was), and its first visit weighs about 0.6 KiB
    less after compression."""
    out, start = [], 0
    for kept in KEEPS_SPACE.finditer(html):
        out += [INDENTATION.sub("\n", html[start:kept.start()]), kept.group(0)]
        start = kept.end()
    out.append(INDENTATION.sub("\n", html[start:]))
    return "".join(out)


def joined(sources: Iterable[Path], suffix: str,
           trims: Mapping[Path, Callable[[str], str]] | None = None) -> tuple[str, bytes]:
    """The files, minified and joined in order, and the site path named by their digest; `trims`
    takes out of a file's minified text what the site does not use."""
    folder, minify, between = KINDS[suffix]
    trims = trims or {}
    text = between.join(trims.get(path, str)(minify(path.read_text(encoding="utf-8"))) for path in sources)
    content = text.encode("utf-8")
    digest = hashlib.sha256(content).hexdigest()[:8]
    return f"{folder}/site.{digest}.min.{suffix}", content
