"""The benchmark's tenfold copy of the project (tests/bench.py) is valid data, ten times as much."""

from __future__ import annotations

import yaml

import bench
from conftest import ROOT
from handbook import data


def test_the_tenfold_copy_holds_ten_times_the_data_and_passes_the_loader(tmp_path):
    config = bench.tenfold_project(tmp_path / "tenfold")
    real, tenfold = data.load(ROOT), data.load(tmp_path / "tenfold")
    for name in ("quotes", "references", "meetings", "worksheets"):
        ours, theirs = getattr(real, name), getattr(tenfold, name)
        (field,) = type(ours).model_fields
        assert len(getattr(theirs, field)) == bench.FACTOR * len(getattr(ours, field)), name
    pages = sorted(p.relative_to(tmp_path / "tenfold" / "docs").as_posix() for p in (tmp_path / "tenfold" / "docs").rglob("*.md"))
    nav = yaml.safe_load(config.read_text(encoding="utf-8"))["nav"]

    def listed(item) -> list[str]:
        if isinstance(item, str):
            return [item]
        if isinstance(item, list):
            return [p for i in item for p in listed(i)]
        return [p for v in item.values() for p in listed(v)]

    assert sorted(listed(nav)) == pages
