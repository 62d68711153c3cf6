"""A real IMAP server on 127.0.0.1 for the mailbox suite: Dovecot (Debian's dovecot-imapd).

Each server gets a folder of its own: its configuration, a passwd-file with one user, Maildir
mail owned by `nobody` (Dovecot refuses to serve mail as root), and its log. Two folder layouts:
"special-use" (Drafts and Sent carry RFC 6154 flags) and "gmail" (the folders are named as Gmail
names them, with no flags, so the names alone must find them). With `tls`, a second listener
speaks TLS from the first byte with a certificate made for 127.0.0.1.

Dovecot must be started as root; it forks into the background and writes its pid to
`run/master.pid`, which `stop` signals.
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

USER = "jobseeker"
PASSWORD = "mail-s3cret-for-tests"

LAYOUTS = {
    "special-use": {"drafts": "Drafts", "sent": "Sent", "flags": True},
    "gmail": {"drafts": "[Gmail]/Drafts", "sent": "[Gmail]/Sent Mail", "flags": False},
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class MailServer:
    folder: Path
    port: int
    tls_port: int | None
    certificate: Path | None
    layout: str

    @property
    def drafts(self) -> str:
        return LAYOUTS[self.layout]["drafts"]

    @property
    def sent(self) -> str:
        return LAYOUTS[self.layout]["sent"]

    @property
    def log(self) -> Path:
        return self.folder / "dovecot.log"

    def client(self) -> imaplib.IMAP4:
        """The mail program: python imaplib, logged in."""
        connection = imaplib.IMAP4("127.0.0.1", self.port, timeout=30)
        connection.login(USER, PASSWORD)
        return connection

    def stop(self) -> None:
        pid_file = self.folder / "run" / "master.pid"
        if not pid_file.exists():
            return
        pid = int(pid_file.read_text().strip())
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)


def _mailbox_block(layout: str) -> str:
    spec = LAYOUTS[layout]
    lines = []
    for role in ("drafts", "sent"):
        name = spec[role]
        flag = f"    special_use = \\{role.capitalize()}\n" if spec["flags"] else ""
        lines.append(f'  mailbox "{name}" {{\n{flag}    auto = subscribe\n  }}\n')
    return "".join(lines)


def start_dovecot(folder: Path, layout: str = "special-use", tls: bool = False) -> MailServer:
    assert shutil.which("dovecot"), "dovecot is not installed: make test installs Debian's dovecot-imapd"
    assert os.geteuid() == 0, "Dovecot must be started as root (CI runs the suite as root)"
    folder.mkdir(parents=True, exist_ok=True)
    # Dovecot's processes run as `nobody` and `dovenull` and must reach the folder.
    os.chmod(folder, 0o755)
    for parent in folder.parents:
        if parent == Path("/"):
            break
        mode = parent.stat().st_mode
        if not mode & 0o001:
            os.chmod(parent, mode | 0o001)
    (folder / "run").mkdir(exist_ok=True)
    home = folder / "home"
    home.mkdir(exist_ok=True)
    nobody = pwd.getpwnam("nobody")
    os.chown(home, nobody.pw_uid, nobody.pw_gid)
    (folder / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    port = free_port()
    tls_port = free_port() if tls else None
    certificate = None
    ssl_settings = "ssl = no\n"
    imaps = "  inet_listener imaps {\n    port = 0\n  }\n"
    if tls:
        key, certificate = folder / "key.pem", folder / "cert.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(certificate),
                        "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, capture_output=True)
        ssl_settings = f"ssl = yes\nssl_cert = <{certificate}\nssl_key = <{key}\n"
        imaps = f"  inet_listener imaps {{\n    address = 127.0.0.1\n    port = {tls_port}\n  }}\n"
    config = folder / "dovecot.conf"
    config.write_text(f"""base_dir = {folder}/run
state_dir = {folder}/run
listen = 127.0.0.1
protocols = imap
{ssl_settings}disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
default_internal_group = dovecot
log_path = {folder}/dovecot.log
# What each session fetched and stored, for "a second sync fetches nothing".
imap_logout_format = in=%i out=%o headers=%{{fetch_hdr_count}} bodies=%{{fetch_body_count}}
mail_location = maildir:{home}/%u/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {folder}/passwd
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={home}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
{imaps}}}
namespace inbox {{
  inbox = yes
  separator = /
{_mailbox_block(layout)}}}
""")
    subprocess.run(["dovecot", "-c", str(config)], check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=30)
    server = MailServer(folder=folder, port=port, tls_port=tls_port, certificate=certificate, layout=layout)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"Dovecot did not listen on {port} within 30 s: {server.log.read_text()[-2000:] if server.log.exists() else ''}")
