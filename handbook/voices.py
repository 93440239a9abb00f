"""The handbook's three voices, kept apart by structure.

1. What the source article or a work it cites says: written in the handbook's words, with `cite()`.
2. What participants said: `quote()`.
3. The handbook's own proposal: in a proposal block. Editors write it in Markdown as

       !!! ehdotus

           Advice of the handbook.

   and the meeting templates, the training and the worksheets render the same block from data.
   Every proposal block looks the same and carries the same label.

The checks below run on the HTML of each rendered page and give one line naming the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markupsafe import Markup

from .page_text import VOID
from .rules import FACILITATOR_SECTION

PROPOSAL_LABEL = "Käsikirjan ehdotus"
PROPOSAL_CLASS = "tp-proposal"

# Words that open a statement of what the pilot or the article found. Such a statement carries its
# source, and it never stands inside a proposal (a proposal does not speak for the pilot).
EVIDENCE_PHRASE = re.compile(
    r"\b(lähdeartikkeli\w*|artikkeli(?:n|ssa) mukaan|pilotissa|pilotin kokemus\w*|pilottiryhmi\w*|"
    r"pilotin aikana|pilotin tulok\w*)",
    re.IGNORECASE,
)
# The label named in running text, in any form ("käsikirjan ehdotus", "käsikirjan ehdotuksia").
_NAMED_PROPOSAL = re.compile(r"käsikirjan ehdotu(?:s|ks\w*)\b", re.IGNORECASE)
# Markdown's admonition with the type "ehdotus", with or without a title of its own.
_ADMONITION = re.compile(
    r'<div class="admonition ehdotus">\s*(?:<p class="admonition-title">(?P<title>.*?)</p>)?', re.DOTALL
)
# Table cells and term names are labels, not statements: they are not checked on their own.
_LABEL_TAGS = {"dt", "th", "td", "caption"}
# Markdown wraps a block of raw HTML in a paragraph when it stands inside an indented block such as
# !!! ehdotus (a macro's list, a list of facts): the block is taken out of the paragraph again.
_WRAPPED_BLOCK = re.compile(r"<p>\s*(<(ul|ol|dl|table|aside)\b[^>]*>.*?</\2>)\s*</p>", re.DOTALL)
_BLOCK_TAGS = {"p", "li", "dt", "dd", "td", "th", "figcaption", "caption", "h1", "h2", "h3", "h4", "h5", "h6"}


def proposal_open(title: str | None = None, markdown: bool = False) -> Markup:
    """The opening of a proposal block: the same HTML from Markdown and from the templates.

    `markdown=True` lets Markdown inside a template's block put its headings into the page's contents.
    """
    label = PROPOSAL_LABEL if not title else f"{PROPOSAL_LABEL}: {title}"
    attribute = Markup(' markdown="1"') if markdown else ""
    return Markup('<div class="{}"{}>\n<p class="{}__label">{}</p>').format(
        PROPOSAL_CLASS, attribute, PROPOSAL_CLASS, label
    )


def mark_proposals(html: str) -> str:
    """Turn each `!!! ehdotus` admonition into the handbook's proposal block."""

    def replace(match: re.Match) -> str:
        # The title is already HTML (Markdown rendered it): keep it as it is.
        title = Markup((match.group("title") or "").strip())
        return proposal_open(None if title in ("", "Ehdotus", PROPOSAL_LABEL) else title)

    return _WRAPPED_BLOCK.sub(r"\1", _ADMONITION.sub(replace, html))


@dataclass
class _Block:
    tag: str
    in_proposal: bool
    in_quote: bool
    in_bibliography: bool
    text: list[str] = field(default_factory=list)
    cited: bool = False
    # A list item that begins with a link ("[Page](…): what it holds") describes where to read more.
    starts_with_link: bool = False

    @property
    def content(self) -> str:
        return " ".join("".join(self.text).split())


class _Reader(HTMLParser):
    """Collects the text blocks of a page and whether each stands in a proposal or a quote."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, set[str]]] = []
        self.blocks: list[_Block] = []
        self.open_blocks: list[_Block] = []
        self.labels_outside: int = 0
        self.support_heading_depth: int | None = None
        self.problems: list[str] = []

    def _inside(self, cls: str, tag: str | None = None) -> bool:
        return any(cls in classes and (tag is None or t == tag) for t, classes in self.stack)

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if self.support_heading_depth is not None and len(self.stack) == self.support_heading_depth:
            if not (tag == "div" and PROPOSAL_CLASS in classes):
                self.problems.append(
                    f"the section '{FACILITATOR_SECTION} …' is the handbook's advice: begin it with a !!! ehdotus block"
                )
            self.support_heading_depth = None
        if tag == "a" and self.open_blocks:
            block = self.open_blocks[-1]
            if "tp-cite" in classes:
                block.cited = True
            elif not "".join(block.text).strip():
                block.starts_with_link = True
        if tag in VOID:
            return
        self.stack.append((tag, classes))
        if tag in _BLOCK_TAGS:
            block = _Block(
                tag, self._inside(PROPOSAL_CLASS), self._inside("tp-quote", "figure"), self._inside("tp-bibliography")
            )
            self.blocks.append(block)
            self.open_blocks.append(block)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # Close up to the matching tag: the HTML comes from Markdown and templates, so it is balanced.
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag in _BLOCK_TAGS and self.open_blocks:
                block = self.open_blocks.pop()
                if block.tag == "h2" and block.content.startswith(FACILITATOR_SECTION):
                    self.support_heading_depth = len(self.stack)
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.open_blocks:
            self.open_blocks[-1].text.append(data)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def voice_problems(html: str) -> list[str]:
    """What keeps a page's three voices from being apart, one line each (empty when all is well)."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    problems = list(reader.problems)
    for block in reader.blocks:
        text = block.content
        if not text or block.in_quote or block.in_bibliography:
            continue
        if _NAMED_PROPOSAL.search(text) and not block.in_proposal:
            problems.append(
                f"{_short(text)!r}: write the handbook's proposal in a !!! ehdotus block instead of "
                f"naming it in the text"
            )
            continue
        phrase = EVIDENCE_PHRASE.search(text)
        if phrase is None or block.tag.startswith("h") or block.tag in _LABEL_TAGS or block.starts_with_link:
            continue
        if block.in_proposal:
            problems.append(
                f"{_short(text)!r}: a proposal does not speak for the pilot or the article "
                f"({phrase.group(0)!r}): move what the article says out of the !!! ehdotus block, with its cite()"
            )
        elif not block.cited:
            problems.append(
                f"{_short(text)!r}: says what the pilot or the article found ({phrase.group(0)!r}) without a source: "
                f"add {{{{ cite('…') }}}} to it, or put advice in a !!! ehdotus block"
            )
    return problems
