"""`make dist` and `make offline`: two builds of one commit are byte for byte the same archive.

The second build runs with the clock set back to 2001 (faketime) and without SOURCE_DATE_EPOCH, so
any date the build took from the clock instead of git would show as a difference.
"""

from __future__ import annotations

import shutil
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from handbook import dist

pytestmark = pytest.mark.full


@pytest.fixture(scope="module")
def two_builds(release_builds) -> tuple[Path, Path]:
    return release_builds


def archives(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_archives_are_named_by_the_git_version(two_builds):
    version = dist.version()
    assert archives(two_builds[0]) == [f"tyopeili-kasikirja-{version}.tar.gz", f"tyopeili-kasikirja-offline-{version}.zip"]


def test_two_builds_of_one_commit_give_identical_archives(two_builds):
    first, second = two_builds
    if shutil.which("faketime") is None:
        pytest.fail("faketime is missing (Debian package faketime; `make test` installs it as root)")
    assert archives(first) == archives(second)
    for name in archives(first):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_the_tar_archive_is_normalised_and_dated_by_the_last_commit(two_builds):
    path = next(two_builds[0].glob("*.tar.gz"))
    raw = path.read_bytes()
    # gzip header: no file name (FLG.FNAME unset), no time stamp (MTIME 0).
    assert raw[3] & 0x08 == 0
    assert raw[4:8] == b"\0\0\0\0"
    folder = path.name[: -len(".tar.gz")]
    epoch = dist.source_date_epoch()
    with tarfile.open(path, "r:gz") as tar:
        members = tar.getmembers()
    names = [m.name for m in members]
    assert names[0] == folder and all(n.startswith(folder + "/") for n in names[1:])
    assert names[1:] == sorted(names[1:])
    assert f"{folder}/index.html" in names and f"{folder}/404.html" in names and f"{folder}/robots.txt" in names
    for m in members:
        assert (m.mtime, m.uid, m.gid, m.uname, m.gname) == (epoch, 0, 0, "", ""), m.name
        assert m.mode == (0o755 if m.isdir() else 0o644), m.name


def test_the_offline_zip_is_normalised_and_leaves_out_what_only_a_server_uses(two_builds):
    path = next(two_builds[0].glob("*.zip"))
    folder = path.name[: -len(".zip")]
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert f"{folder}/index.html" in names and f"{folder}/search/search_index.js" in names
    assert not {f"{folder}/{n}" for n in dist.SERVER_ONLY} & set(names)
    stamps = {i.date_time for i in infos}
    assert len(stamps) == 1
    assert stamps == {dist.zip_time(dist.source_date_epoch())}
    assert dist.zip_time(dist.source_date_epoch())[:5] == time.gmtime(dist.source_date_epoch())[:5]
