"""A page as text: what a reader sees, without scripts, styles, code and URLs; and its words."""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIPPED = {"script", "style", "code", "pre", "noscript", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _TextParser(HTMLParser):
    def __init__(self, skip_classes: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_classes = skip_classes
        self.stack: list[bool] = []  # True where the element is skipped
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        lang = attrs.get("lang")
        skip = tag in SKIPPED or bool(classes & self.skip_classes) or (lang is not None and not lang.startswith("fi"))
        self.stack.append(skip or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible_text(html: str, skip_classes: set[str] = frozenset()) -> str:
    parser = _TextParser(set(skip_classes))
    parser.feed(html)
    return " ".join(parser.parts)


LETTERS = "A-Za-zÅÄÖåäöÉéÜü"
# A word may end in a hyphen when it is the first part of a shared compound ("sosiaali- ja terveysala").
WORD = re.compile(rf"[{LETTERS}]+(?:[-’'][{LETTERS}]+)*-?")
# "syys–lokakuussa": a dash between words shares the ending like a hyphen does.
DASH_BETWEEN_WORDS = re.compile(rf"(?<=[{LETTERS}])–(?=[{LETTERS}])")
URLISH = re.compile(r"\S*(?:https?://|www\.|@)\S*")


def words(text: str) -> list[str]:
    return WORD.findall(DASH_BETWEEN_WORDS.sub("- ", URLISH.sub(" ", text)))
