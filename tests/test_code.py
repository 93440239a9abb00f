"""The handbook's Python has no undefined or unused names: a mistake in code that no other test runs
(the benchmark, a rarely taken error path) shows here, not in a run that fails later."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_no_undefined_or_unused_names():
    checked = ["handbook", "hooks", "tests", "macros.py"]
    result = subprocess.run([sys.executable, "-m", "pyflakes", *checked], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
