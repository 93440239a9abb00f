"""The site's own style sheets and scripts, each kind joined into one file named by its content.

A page waits for every style sheet in its head before it shows anything, so seven of them cost a
reader on a slow connection seven downloads; joined, a page waits for Material's and this one. The
name carries a digest of the content (`assets/stylesheets/site.3f2a9c1d.min.css`): a new version
has a new name, so the web server lets browsers keep the file for a year (deploy/nginx).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

import rcssmin
import rjsmin

KINDS = {
    # suffix: (folder, minifier, what goes between two files)
    "css": ("assets/stylesheets", rcssmin.cssmin, "\n"),
    # A script that ends without a semicolon must not run into the next one's opening parenthesis.
    "js": ("assets/javascripts", rjsmin.jsmin, ";\n"),
}


def joined(sources: Iterable[Path], suffix: str) -> tuple[str, bytes]:
    """The files, minified and joined in order, and the site path named by their digest."""
    folder, minify, between = KINDS[suffix]
    text = between.join(minify(path.read_text(encoding="utf-8")) for path in sources)
    content = text.encode("utf-8")
    digest = hashlib.sha256(content).hexdigest()[:8]
    return f"{folder}/site.{digest}.min.{suffix}", content
