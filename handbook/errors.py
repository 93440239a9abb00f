"""The one kind of error an editor sees: a single line naming the place and the problem."""

from __future__ import annotations

import unicodedata

# Characters of Finnish text beyond ASCII. Any other (a Cyrillic "о" in "vertaisvоima") looks like a
# letter an editor meant to type, so a message names it.
ORDINARY = frozenset("åäöÅÄÖéÉüÜšŠžŽ–—”’…\u00a0")
# Values longer than this are cut in messages, so that a message stays one readable line.
SHOWN_LENGTH = 80


class HandbookError(Exception):
    """A mistake in data or content. Its message is one line, ready to show as it is."""


def quoted(value: object) -> str:
    """A value as a message quotes it: like repr(), cut when long, with look-alike characters named."""
    if not isinstance(value, str):
        return repr(value)
    text = repr(value) if len(value) <= SHOWN_LENGTH else f"{value[:SHOWN_LENGTH]!r}… ({len(value)} characters)"
    odd = [c for c in dict.fromkeys(value) if ord(c) > 127 and c not in ORDINARY]
    if odd:
        names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')}" for c in odd)
        text += f" (contains {names})"
    return text
