"""Real CalDAV/CardDAV servers on 127.0.0.1 for the sync suite, and a proxy that counts writes.

Radicale runs with htpasswd authentication (bcrypt), Xandikos as a second implementation (it has
no authentication of its own). Each runs from the interop virtual environment on a free port
with its data in a temporary folder, and is stopped when its fixture ends.
"""

from __future__ import annotations

import http.client
import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import bcrypt

USER = "jobseeker"
PASSWORD = "s3cret-for-tests"
WRITES = {"PUT", "DELETE", "MKCOL", "MKCALENDAR", "PROPPATCH", "MOVE", "COPY"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}: {log.read_text()[-2000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"the server did not listen on {port} within 30 s: {log.read_text()[-2000:]}")


@dataclass
class Server:
    name: str
    url: str
    user: str | None
    password: str | None
    process: subprocess.Popen
    # The phone's view: python caldav connects here.
    principal_path: str

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_radicale(folder: Path, encryption: str = "bcrypt") -> Server:
    """Radicale with htpasswd authentication; `encryption` "plain" keeps the password as it is
    (the benchmark's choice, so that hashing does not weigh on every request)."""
    port = free_port()
    users = folder / "users"
    secret = PASSWORD if encryption == "plain" else bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    users.write_text(f"{USER}:{secret}\n")
    config = folder / "radicale.conf"
    config.write_text(f"""
[server]
hosts = 127.0.0.1:{port}
[auth]
type = htpasswd
htpasswd_filename = {users}
htpasswd_encryption = {encryption}
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = {folder / 'collections'}
[logging]
level = warning
""")
    log = folder / "radicale.log"
    process = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(config)],
                               stdout=log.open("w"), stderr=subprocess.STDOUT)
    wait_for_port(port, process, log)
    return Server("radicale", f"http://127.0.0.1:{port}/", USER, PASSWORD, process, f"/{USER}/")


def start_xandikos(folder: Path) -> Server:
    port = free_port()
    log = folder / "xandikos.log"
    process = subprocess.Popen([sys.executable, "-m", "xandikos.web", "--listen-address", "127.0.0.1", "--port", str(port),
                                "-d", str(folder / "data"), "--defaults", "--current-user-principal", f"/{USER}/"],
                               stdout=log.open("w"), stderr=subprocess.STDOUT)
    wait_for_port(port, process, log)
    return Server("xandikos", f"http://127.0.0.1:{port}/", None, None, process, f"/{USER}/")


@dataclass
class CountingProxy:
    """Forwards every request to `target` and counts them by method. With `kill_after_puts`
    set, the process `victim` is killed with SIGKILL right after the server answered that many
    PUTs and before the answer reaches it: a sync cut off between a write and its record."""
    target: str
    port: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    kill_after_puts: int | None = None
    victim: int | None = None
    # Called once with the path of the first conditional (If-Match) PUT, before it is
    # forwarded: a phone changing the object in between, so that the PUT meets a 412.
    before_conditional_put: object = None
    conditional_put_suffix: str = ""
    statuses: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def writes(self) -> int:
        with self.lock:
            return sum(count for method, count in self.counts.items() if method in WRITES)

    def reset(self) -> None:
        with self.lock:
            self.counts.clear()
            self.statuses.clear()

    def start(self) -> "CountingProxy":
        proxy = self
        host, port = self.target.removeprefix("http://").rstrip("/").split(":")

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *arguments):  # quiet
                pass

            def forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                connection = http.client.HTTPConnection(host, int(port), timeout=30)
                headers = {name: value for name, value in self.headers.items() if name.lower() not in ("host", "connection")}
                headers["Host"] = f"{host}:{port}"
                hook = proxy.before_conditional_put
                if (self.command == "PUT" and "If-Match" in self.headers and hook is not None
                        and self.path.endswith(proxy.conditional_put_suffix)):
                    proxy.before_conditional_put = None
                    hook(self.path)
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                with proxy.lock:
                    proxy.statuses.append(response.status)
                    proxy.counts[self.command] = proxy.counts.get(self.command, 0) + 1
                    puts = proxy.counts.get("PUT", 0)
                if (self.command == "PUT" and proxy.kill_after_puts is not None and proxy.victim is not None
                        and puts >= proxy.kill_after_puts):
                    os.kill(proxy.victim, signal.SIGKILL)
                    proxy.kill_after_puts = None
                self.send_response(response.status, response.reason)
                for name, value in response.getheaders():
                    if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                connection.close()

            def __getattr__(self, name):
                if name.startswith("do_"):
                    return self.forward
                raise AttributeError(name)

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self.port = server.server_address[1]
        self.server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
