"""What a build keeps in .cache/ for the next one gives the results it would have computed."""

from __future__ import annotations

from handbook.cache import Memo


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
