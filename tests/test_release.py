"""deploy/release.sh: a release is unpacked beside the earlier ones and made live by switching one link;
a release whose name is already on the server is refused, and the live site stays as it was.

Runs the script with the system's /bin/sh in a temporary folder standing in for /var/www (no root needed).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from handbook import dist

SCRIPT = ROOT / "deploy" / "release.sh"
EPOCH = 1_700_000_000

pytestmark = pytest.mark.skipif(shutil.which("tar") is None, reason="tar is not installed")


def archive(tmp_path: Path, name: str, page: str, folder: str | None = None) -> Path:
    """An archive as `make dist` writes it: dist/<name>.tar.gz holding one folder <name>/."""
    site = tmp_path / "builds" / f"{name}-{page}"
    site.mkdir(parents=True)
    (site / "index.html").write_text(page, encoding="utf-8")
    (site / "malli").mkdir()
    (site / "malli" / "index.html").write_text(f"{page}: malli", encoding="utf-8")
    out = tmp_path / "archives" / page / f"{name}.tar.gz"
    out.parent.mkdir(parents=True)
    dist.write_tar_gz(site, out, folder or name, EPOCH)
    return out


def release(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=60)


def snapshot(www: Path) -> dict[str, tuple]:
    """Everything in the folder: each entry's kind, link target or content, mode and time."""
    found = {}
    for path in sorted(www.rglob("*")):
        info = path.lstat()
        rel = path.relative_to(www).as_posix()
        if path.is_symlink():
            found[rel] = ("link", os.readlink(path))
        elif path.is_dir():
            found[rel] = ("dir", info.st_mode, info.st_mtime_ns)
        else:
            found[rel] = ("file", path.read_bytes(), info.st_mode, info.st_mtime_ns)
    return found


@pytest.fixture
def www(tmp_path) -> Path:
    folder = tmp_path / "www"
    folder.mkdir()
    return folder


def live(www: Path) -> str:
    return (www / "tyopeili" / "index.html").read_text(encoding="utf-8")


def test_a_release_is_unpacked_beside_the_others_and_made_live_by_a_relative_link(tmp_path, www):
    done = release(archive(tmp_path, "tyopeili-kasikirja-v1.0", "ensimmäinen"), www)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"release.sh: {www}/tyopeili is now tyopeili-kasikirja-v1.0 (was nothing)"]
    assert os.readlink(www / "tyopeili") == "tyopeili-kasikirja-v1.0"
    assert live(www) == "ensimmäinen"
    assert (www / "tyopeili" / "malli" / "index.html").read_text(encoding="utf-8") == "ensimmäinen: malli"
    # Nothing else is left in the folder (no temporary folder or link).
    assert sorted(p.name for p in www.iterdir()) == ["tyopeili", "tyopeili-kasikirja-v1.0"]
    assert (www / "tyopeili-kasikirja-v1.0").stat().st_mode & 0o777 == 0o755
    assert (www / "tyopeili" / "index.html").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("again", ["the same archive", "another archive of the same name"])
def test_a_release_already_on_the_server_is_refused_and_the_live_site_is_unchanged(tmp_path, www, again):
    first = archive(tmp_path, "tyopeili-kasikirja-v1.0", "ensimmäinen")
    assert release(first, www).returncode == 0
    before = snapshot(www)
    second = first if again == "the same archive" else archive(tmp_path, "tyopeili-kasikirja-v1.0", "muutettu")
    done = release(second, www)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"release.sh: tyopeili-kasikirja-v1.0 is already on the server in {www}: refused, "
        "the live site is as it was (publish a new version)"]
    assert snapshot(www) == before
    assert live(www) == "ensimmäinen"


def test_a_new_release_switches_the_link_and_going_back_is_a_switch_to_the_old_folder(tmp_path, www):
    assert release(archive(tmp_path, "tyopeili-kasikirja-v1.0", "ensimmäinen"), www).returncode == 0
    done = release(archive(tmp_path, "tyopeili-kasikirja-v1.1", "toinen"), www)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"release.sh: {www}/tyopeili is now tyopeili-kasikirja-v1.1 (was tyopeili-kasikirja-v1.0)"]
    assert live(www) == "toinen"
    assert (www / "tyopeili-kasikirja-v1.0" / "index.html").read_text(encoding="utf-8") == "ensimmäinen"

    done = release("--switch", "tyopeili-kasikirja-v1.0", www)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"release.sh: {www}/tyopeili is now tyopeili-kasikirja-v1.0 (was tyopeili-kasikirja-v1.1)"]
    assert live(www) == "ensimmäinen"
    assert sorted(p.name for p in www.iterdir()) == ["tyopeili", "tyopeili-kasikirja-v1.0", "tyopeili-kasikirja-v1.1"]

    before = snapshot(www)
    done = release("--switch", "tyopeili-kasikirja-v0.9", www)
    assert (done.returncode, done.stderr.splitlines()) == (
        1, [f"release.sh: no release tyopeili-kasikirja-v0.9 in {www} (nothing changed)"])
    assert snapshot(www) == before


def test_an_archive_that_is_not_one_folder_named_like_it_is_refused_and_leaves_nothing_behind(tmp_path, www):
    assert release(archive(tmp_path, "tyopeili-kasikirja-v1.0", "ensimmäinen"), www).returncode == 0
    before = snapshot(www)
    renamed = archive(tmp_path, "tyopeili-kasikirja-v1.1", "toinen", folder="tyopeili-kasikirja-v1.0")
    done = release(renamed, www)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"release.sh: {renamed} holds tyopeili-kasikirja-v1.0 instead of one folder tyopeili-kasikirja-v1.1 "
        "(nothing changed)"]
    assert snapshot(www) == before


def test_an_archive_with_a_symbolic_link_is_refused(tmp_path, www):
    site = tmp_path / "linked" / "tyopeili-kasikirja-v1.0"
    site.mkdir(parents=True)
    (site / "index.html").write_text("sivu", encoding="utf-8")
    (site / "salasanat").symlink_to("/etc/passwd")
    out = tmp_path / "tyopeili-kasikirja-v1.0.tar.gz"
    subprocess.run(["tar", "-czf", str(out), "-C", str(site.parent), site.name], check=True)
    done = release(out, www)
    assert done.returncode == 1
    assert "symbolic links" in done.stderr and len(done.stderr.splitlines()) == 1
    assert list(www.iterdir()) == []


def test_a_live_folder_that_is_not_a_link_is_never_replaced(tmp_path, www):
    (www / "tyopeili").mkdir()
    (www / "tyopeili" / "index.html").write_text("käsin purettu", encoding="utf-8")
    before = snapshot(www)
    done = release(archive(tmp_path, "tyopeili-kasikirja-v1.0", "ensimmäinen"), www)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"release.sh: {www}/tyopeili is not a symbolic link; move it aside before the first release (nothing changed)"]
    assert snapshot(www) == before


def test_wrong_use_prints_the_usage():
    done = release("vain-yksi")
    assert done.returncode == 2
    assert done.stderr.startswith("usage: release.sh ARCHIVE.tar.gz WWW_DIR")
