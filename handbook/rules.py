"""Content rules beyond the data types: what every page and entry of the handbook must have.

Each rule fails the build with one line naming the file, the entry or page, and the problem, so that
`make serve` shows it to the editor the moment the file is saved. The data layer (`handbook.data`)
calls the rules on data and Markdown sources (agendas, entry pages); `hooks/content_rules.py` calls
those on a rendered page (descriptions, model pages, the facilitator's section).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Iterable

from .errors import HandbookError, quoted
from .page_text import visible_text, words

# A meeting's check-in reminds the group of confidentiality; its last step has a feedback round.
CONFIDENTIALITY = re.compile(r"luottamukselli", re.IGNORECASE)
FEEDBACK = re.compile(r"palaut(?:e|te)", re.IGNORECASE)
# A model element or phenomenon page: at least this many words of its own, quotes and figure aside.
MIN_WORDS = 300
# …and its last section is what the facilitator can do in the group.
FACILITATOR_SECTION = "Näin tuet"
H1 = re.compile(r"^# (.+?)\s*$", re.M)
H2 = re.compile(r"<h2[^>]*>(.*?)</h2>", re.S)
FIGURE = re.compile(r'<figure class="tp-(?:quote|model)">.*?</figure>', re.S)
CITED = re.compile(r'class="tp-cite" href="[^"]*#lahde-([a-z0-9-]+)"')


def check_agenda(where: str, what_first: str, last_title: str, last_what: str, steps: int) -> None:
    """A meeting opens by reminding of confidentiality and closes with a feedback round."""
    if not CONFIDENTIALITY.search(what_first):
        raise HandbookError(
            f"{where}: agenda[1].what: the check-in must remind the group of confidentiality "
            "(say it with the word luottamuksellisuus)"
        )
    if not FEEDBACK.search(f"{last_title} {last_what}"):
        raise HandbookError(
            f"{where}: agenda[{steps}]: the last step must close with a short feedback round "
            "(name it with the word palaute in its title or what)"
        )


def check_entry_pages(docs_dir: Path, folder: str, shown: str, noun: str, macro: str,
                      titles: dict[str, str]) -> None:
    """Every page in `folder` shows one entry with its macro, under the entry's title as its heading."""
    for path in sorted((docs_dir / folder).glob("*.md")):
        if path.stem == "index":
            continue
        page = f"docs/{folder}/{path.name}"
        if path.stem not in titles:
            raise HandbookError(
                f"{page}: no {noun} with the id {quoted(path.stem)} in {shown} (a page in {folder}/ shows the "
                f"{noun} of its file name)"
            )
        text = path.read_text(encoding="utf-8")
        heading = H1.search(text)
        title = titles[path.stem]
        if heading is None or heading.group(1) != title:
            got = f"got {quoted(heading.group(1))}" if heading else "it has none"
            raise HandbookError(f"{page}: the page's heading must be '# {title}', the title in {shown} ({got})")
        if not re.search(rf"\{{\{{\s*{macro}\(\s*['\"]{re.escape(path.stem)}['\"]\s*\)\s*\}}\}}", text):
            raise HandbookError(f"{page}: the page must show the {noun} with {{{{ {macro}('{path.stem}') }}}}")


def check_description(page: str, meta: dict) -> None:
    """Every page says in its front matter, in one sentence, what it gives the reader."""
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        raise HandbookError(
            f"{page}: description: missing (start the page with front matter: ---, "
            "description: one sentence on what the page gives the reader, ---)"
        )
    if "\n" in description.strip():
        raise HandbookError(f"{page}: description: one sentence on one line, got several lines")
    if not description.strip().endswith("."):
        raise HandbookError(f"{page}: description: end the sentence with a full stop, got {quoted(description)}")


def own_words(content: str) -> int:
    """Words of the page's own text: quotes, the model figure and headings' permalink marks aside."""
    return len(words(visible_text(FIGURE.sub(" ", content), {"headerlink"})))


def check_element_page(page: str, content: str, element_id: str, theme_quotes: Iterable[tuple[str, str]],
                       phenomenon: bool, source_article: str) -> None:
    """A model element or phenomenon page: substantial, with the participants' words on its theme, ending
    with what the facilitator can do; a phenomenon page also cites research beyond the source article."""
    count = own_words(content)
    if count < MIN_WORDS:
        raise HandbookError(
            f"{page}: {count} words of the page's own text, at least {MIN_WORDS} are needed "
            "(quotes and the model figure do not count)"
        )
    text = html.unescape(content)
    for quote_id, quote_text in theme_quotes:
        if f"”{quote_text}”" not in text:
            raise HandbookError(
                f"{page}: quote {quoted(quote_id)} on the theme {quoted(element_id)} is not on the page "
                f"(show it with {{{{ quotes(theme='{element_id}') }}}} or {{{{ quote('{quote_id}') }}}})"
            )
    sections = [visible_text(h, {"headerlink"}).strip() for h in H2.findall(content)]
    if not sections or not sections[-1].startswith(FACILITATOR_SECTION):
        last = f"its last is {quoted(sections[-1])}" if sections else "it has none"
        raise HandbookError(
            f"{page}: the page must end with the section '## {FACILITATOR_SECTION} …', what the facilitator "
            f"can do in the group ({last})"
        )
    if phenomenon and not set(CITED.findall(content)) - {source_article}:
        raise HandbookError(
            f"{page}: a phenomenon page cites research beyond the source article: add one with {{{{ cite('…') }}}}"
        )
