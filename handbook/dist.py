"""Archives of a built site for publishing: the same commit gives the same bytes, whenever it is built.

    python -m handbook.dist history             → fails with one line when there is no git history
    python -m handbook.dist tar site/ dist/     → dist/tyopeili-kasikirja-<version>.tar.gz
    python -m handbook.dist zip offline/ dist/  → dist/tyopeili-kasikirja-offline-<version>.zip

Every entry lies under one folder named like the archive, in name order, dated by the last commit
(SOURCE_DATE_EPOCH when set), owned by 0:0 with modes 644/755; gzip carries no name or time.
The version is `git describe --always --tags --dirty` ("-dirty": built from uncommitted changes).
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import tarfile
import time
import zipfile
from pathlib import Path

from .git import git, last_commit_time

NAME = "tyopeili-kasikirja"
# Files only a web server uses; the offline copy leaves them out (its 404 page links to the server).
SERVER_ONLY = ("404.html", "sitemap.xml", "sitemap.xml.gz", "robots.txt")
ROOT = Path(__file__).resolve().parent.parent


NO_HISTORY = "no git history: an archive is named and dated by git (build it from a git clone)"


def describe() -> str | None:
    """The version as git names it, or None outside a git clone."""
    return (git(ROOT, "describe", "--always", "--tags", "--dirty") or "").strip() or None


def version() -> str:
    described = describe()
    if described:
        return described
    raise SystemExit(f"dist: {NO_HISTORY}")


def source_date_epoch() -> int:
    """The build's one date: SOURCE_DATE_EPOCH, else the last commit's time. Never the clock."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    last = last_commit_time(ROOT)
    if last is not None:
        return last
    raise SystemExit(f"dist: {NO_HISTORY}")


def _entries(site: Path, leave_out: tuple[str, ...] = ()) -> list[Path]:
    """Every folder and file under `site`, in a stable order (by path, not by file system)."""
    paths = [p for p in site.rglob("*") if p.relative_to(site).as_posix() not in leave_out]
    return sorted(paths, key=lambda p: p.relative_to(site).as_posix())


def write_tar_gz(site: Path, out: Path, folder: str, epoch: int) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in [site, *_entries(site)]:
            rel = path.relative_to(site).as_posix()
            info = tarfile.TarInfo(folder if rel == "." else f"{folder}/{rel}")
            info.mtime = epoch
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if path.is_dir():
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                data = path.read_bytes()
                info.size, info.mode = len(data), 0o644
                tar.addfile(info, io.BytesIO(data))
    with out.open("wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as gz:
        gz.write(buffer.getvalue())


def zip_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    """Zip stores a local time without zone, from 1980, in 2-second steps: the commit's UTC time so stored."""
    t = time.gmtime(max(epoch, 315532800))
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec // 2 * 2)


def write_zip(site: Path, out: Path, folder: str, epoch: int) -> None:
    stamp = zip_time(epoch)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in _entries(site, SERVER_ONLY):
            rel = path.relative_to(site).as_posix()
            if path.is_dir():
                info = zipfile.ZipInfo(f"{folder}/{rel}/", date_time=stamp)
                info.external_attr = (0o40755 << 16) | 0x10
                info.create_system = 3
                archive.writestr(info, b"")
            else:
                info = zipfile.ZipInfo(f"{folder}/{rel}", date_time=stamp)
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3
                archive.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def main(argv: list[str]) -> int:
    if argv == ["history"]:
        version()
        return 0
    if len(argv) != 3 or argv[0] not in ("tar", "zip"):
        print(__doc__, file=sys.stderr)
        return 2
    kind, site, dest = argv[0], Path(argv[1]), Path(argv[2])
    if not (site / "index.html").is_file():
        print(f"dist: {site} has no index.html: build the site first", file=sys.stderr)
        return 1
    dest.mkdir(parents=True, exist_ok=True)
    folder = f"{NAME}-{version()}" if kind == "tar" else f"{NAME}-offline-{version()}"
    out = dest / (folder + (".tar.gz" if kind == "tar" else ".zip"))
    (write_tar_gz if kind == "tar" else write_zip)(site, out, folder, source_date_epoch())
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
