"""What a build keeps in .cache/ for the next one gives the results it would have computed."""

from __future__ import annotations

import pytest

from conftest import render_page
from handbook.cache import Memo
from handbook.errors import HandbookError


def test_a_memo_answers_a_call_it_has_kept_and_keeps_only_this_builds_calls(tmp_path):
    calls: list[tuple] = []

    def page_key(url: str, *, prefix: str) -> str:
        calls.append((url, prefix))
        return prefix + url.strip("/").replace("/", "-")

    first = Memo(tmp_path / "memo.json")
    assert first.wrap(page_key)("malli/verkostot/", prefix="p-") == "p-malli-verkostot"
    first.wrap(page_key)("sanasto/", prefix="p-")
    first.save()
    second = Memo(tmp_path / "memo.json")
    assert second.wrap(page_key)("malli/verkostot/", prefix="p-") == "p-malli-verkostot"
    assert calls == [("malli/verkostot/", "p-"), ("sanasto/", "p-")]
    assert second.wrap(page_key)("malli/verkostot/", prefix="q-") == "q-malli-verkostot"
    second.save()
    assert len(Memo(tmp_path / "memo.json").stored) == 2


def test_a_memo_of_other_code_computes_again(tmp_path):
    calls: list[str] = []

    def words(text: str) -> list[str]:
        calls.append(text)
        return text.split()

    first = Memo(tmp_path / "memo.json", "rules-1")
    first.wrap(words)("kaksi sanaa")
    first.save()
    assert Memo(tmp_path / "memo.json", "rules-1").wrap(words)("kaksi sanaa") == ["kaksi", "sanaa"]
    assert Memo(tmp_path / "memo.json", "rules-2").wrap(words)("kaksi sanaa") == ["kaksi", "sanaa"]
    assert calls == ["kaksi sanaa", "kaksi sanaa"]


def test_a_page_compiled_in_an_earlier_build_reports_its_mistakes_lines_as_before(page_macros):
    """A page's compiled code comes from .cache/ when its text has not changed (handbook/pages.py)."""
    source = "# Sivu\n\nEnsimmäinen rivi.\n\n{{ 1 / 0 }}\n"
    messages = []
    for _ in range(2):
        with pytest.raises(HandbookError) as error:
            render_page(page_macros, source)
        messages.append(str(error.value))
    assert messages[0] == messages[1] and "line 5: ZeroDivisionError" in messages[0], messages
