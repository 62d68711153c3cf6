#!/usr/bin/env bash
# The first `followup sync` of a mail account with 10,000 messages in its INBOX (200 of them
# invitations), and the second with nothing new, against a Dovecot of its own on 127.0.0.1,
# beside python imaplib fetching the same headers and body structures (and the invitations
# whole), in one run (Benchmarks/mail/mail_bench.py says what is timed).
#
#   Benchmarks/run-mail-bench.sh [ROUNDS]          (default 3; the median is reported)
#   FOLLOWUP_BIN=PATH Benchmarks/run-mail-bench.sh (a binary already built, a debug one say)
#
# Needs root (Dovecot starts as root and runs the mail as nobody) and Debian's dovecot-imapd.
# The INBOX is written as Maildir files before Dovecot starts (no APPEND): 10,000 files take
# about a second. Everything lives in a scratch folder removed on exit, Dovecot stopped first.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
rounds="${1:-3}"

if [[ $(id -u) -ne 0 ]]; then
    echo "run-mail-bench.sh starts Dovecot, which must start as root" >&2
    exit 1
fi
command -v dovecot >/dev/null || { echo "dovecot is missing: apt-get install dovecot-imapd" >&2; exit 1; }

# FOLLOWUP_BIN picks another build (a debug one, say); by default the release build is made.
if [[ -z "${FOLLOWUP_BIN:-}" ]]; then
    echo "building followup (release)..." >&2
    FOLLOWUP_BIN="$("$here/build-followup.sh")"
fi

scratch="$(mktemp -d /tmp/mail-bench.XXXXXX)"
# nobody reads the mail under it, so the folder must let others through.
chmod 755 "$scratch"
stop() {
    if [[ -s "$scratch/run/master.pid" ]]; then
        local pid
        pid="$(cat "$scratch/run/master.pid")"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$scratch"
}
trap stop EXIT

user=bench
password="mail-bench-$RANDOM$RANDOM"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
mkdir -p "$scratch/run" "$scratch/home/$user"
echo "$user:{PLAIN}$password::::::" >"$scratch/passwd"
(umask 077 && echo "$password" >"$scratch/password")

echo "writing the INBOX..." >&2
python3 "$here/mail/mail_bench.py" fill "$scratch/home/$user/Maildir" >&2
chown -R nobody:nogroup "$scratch/home"

cat >"$scratch/dovecot.conf" <<EOF
base_dir = $scratch/run
state_dir = $scratch/run
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
default_internal_group = dovecot
log_path = $scratch/log
mail_location = maildir:$scratch/home/%u/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN $scratch/passwd
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$scratch/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \Sent
    auto = subscribe
  }
}
EOF

# Dovecot forks into the background and keeps its output open: none of it goes to a pipe.
dovecot -c "$scratch/dovecot.conf" </dev/null >/dev/null 2>&1
for _ in $(seq 100); do
    python3 -c "import socket, sys; socket.create_connection(('127.0.0.1', $port), timeout=1).close()" 2>/dev/null && break
    sleep 0.1
done
echo "Dovecot $(dovecot --version | cut -d' ' -f1) on 127.0.0.1:$port, followup $FOLLOWUP_BIN" >&2

ROUNDS="$rounds" python3 "$here/mail/mail_bench.py" run "$FOLLOWUP_BIN" "$port" "$user" "$scratch/password" "$scratch/log" "$scratch"
