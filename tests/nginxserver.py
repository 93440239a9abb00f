"""Run nginx without root, in the foreground, with the repository's deploy/nginx/ configuration.

    with nginx(site_dir, workdir) as url:   # http://127.0.0.1:PORT/tyopeili/
        ...

Used by tests/test_nginx.py and the benchmark. Everything nginx writes (pid, logs, temp files)
stays in `workdir`; the port is a free one on 127.0.0.1. The server block stands in for foorumix.fi's:
it sends Strict-Transport-Security of its own (HOST_HSTS) and serves a page of its own at `/`.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy" / "nginx"
SUBPATH = "/tyopeili/"
# Where the repository's configuration expects the unpacked site; replaced by the site to serve.
DEPLOYED_AT = "/var/www/tyopeili/"
TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
# The host's own header, set in its server block as foorumix.fi does; the snippet must keep it.
HOST_HSTS = "max-age=63072000; includeSubDomains"
# The host's own page at `/`, outside the handbook.
HOST_PAGE = "<!doctype html><title>foorumix.fi</title><p>Isäntäpalvelimen oma sivu</p>\n"
# A plain server for comparison: the same compression, none of the handbook's headers.
PLAIN_SNIPPET = f"""
location {SUBPATH} {{
    alias {DEPLOYED_AT};
    gzip on;
    gzip_types text/css text/plain text/xml application/javascript application/json application/xml image/svg+xml;
}}
"""


def binary() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_conf(workdir: Path, port: int) -> str:
    """A minimal nginx.conf around the snippet, as foorumix.fi's server block would hold it."""
    user = pwd.getpwuid(os.getuid()).pw_name
    group = grp.getgrgid(os.getgid()).gr_name
    temp = "\n".join(f"    {kind}_temp_path {workdir}/temp/{kind};" for kind in TEMP_KINDS)
    return f"""
# Workers read the site as the user who started nginx (the directive only matters for root).
user {user} {group};
daemon off;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {workdir}/access.log;
{temp}
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        add_header Strict-Transport-Security "{HOST_HSTS}" always;
        location / {{
            root {workdir}/host;
        }}
        include snippets/tyopeili.conf;
    }}
}}
"""


class NginxError(RuntimeError):
    pass


@contextmanager
def nginx(site_dir: Path, workdir: Path, plain: bool = False) -> Iterator[str]:
    """Serve `site_dir` under /tyopeili/ with deploy/nginx/*.conf (or PLAIN_SNIPPET); yields the base URL.

    `site_dir` may be a symbolic link to the release, as /var/www/tyopeili is on the server: it is
    served by that name, not by the folder it points to.
    """
    program = binary()
    if program is None:
        raise NginxError("nginx is not installed (Debian: nginx-light; `make test` installs it as root)")
    snippets = workdir / "snippets"
    snippets.mkdir(parents=True)
    for kind in TEMP_KINDS:
        (workdir / "temp" / kind).mkdir(parents=True)
    (workdir / "host").mkdir()
    (workdir / "host" / "index.html").write_text(HOST_PAGE, encoding="utf-8")
    sources = {"tyopeili.conf": PLAIN_SNIPPET} if plain else {
        conf.name: conf.read_text(encoding="utf-8") for conf in DEPLOY.glob("*.conf")}
    if DEPLOYED_AT not in sources["tyopeili.conf"]:
        raise NginxError(f"deploy/nginx/tyopeili.conf no longer serves {DEPLOYED_AT}")
    for name, text in sources.items():
        (snippets / name).write_text(text.replace(DEPLOYED_AT, f"{os.path.abspath(site_dir)}/"), encoding="utf-8")
    port = free_port()
    conf = workdir / "nginx.conf"
    conf.write_text(server_conf(workdir, port), encoding="utf-8")
    command = [program, "-p", str(workdir), "-c", str(conf), "-e", str(workdir / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if checked.returncode != 0:
        raise NginxError(checked.stderr)
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(400):  # a bounded wait for the listening socket
            if server.poll() is not None:
                raise NginxError(f"nginx stopped: {server.stdout.read()} {(workdir / 'error.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise NginxError("nginx did not start listening")
        yield f"http://127.0.0.1:{port}{SUBPATH}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def logged_errors(workdir: Path) -> list[str]:
    """Error lines nginx logged, other than what tests ask for on purpose: missing files (404) and
    symbolic links refused ("Too many levels of symbolic links": 403; "Not a directory": 404)."""
    lines = (workdir / "error.log").read_text().splitlines()
    serious = ("[error]", "[crit]", "[alert]", "[emerg]")
    expected = ("No such file", "Too many levels of symbolic links", "Not a directory")
    return [line for line in lines if any(s in line for s in serious) and not any(e in line for e in expected)]
