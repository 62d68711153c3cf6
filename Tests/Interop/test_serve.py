"""`followup serve --tls-cert --tls-key` read by python's own HTTPS client (urllib over OpenSSL).

The server runs as a process on 127.0.0.1 with a self-signed certificate that the test makes
with the `openssl` command; the client trusts only that certificate and checks the host name.
It gets the feed, its gzip variant (decompressed by python's gzip), a 304 for its tag, and a
connection that never finishes its request headers is closed by the server after its 10 s
idle timeout.
"""

from __future__ import annotations

import gzip
import os
import re
import signal
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, followup, followup_binary, require_tool


@pytest.fixture(scope="module")
def https_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    store = str(folder / "store.sqlite")
    environment = {"SOURCE_DATE_EPOCH": "1764547200"}
    followup(["add", "--store", store, "--card", str(ROOT / "Samples/cards/dana-diaz.vcf"),
              "--at", "2026-12-01 14:00", "--tz", "UTC", "--company", "Acme"], environment)
    followup(["feed", "--store", store, "--out", str(folder / "feed")], environment)
    certificate, key = folder / "server.crt", folder / "server.key"
    subprocess.run([require_tool("openssl"), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(certificate), "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], check=True, capture_output=True, timeout=60)
    process = subprocess.Popen([str(followup_binary()), "serve", "--store", store, "--port", "0",
                                "--tls-cert", str(certificate), "--tls-key", str(key)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        urls = []
        deadline = time.monotonic() + 30
        while len(urls) < 4 and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            urls += re.findall(r"(?:https|webcals)://\S+", line)
        assert len(urls) == 4, f"serve printed {urls}"
        context = ssl.create_default_context(cafile=str(certificate))
        yield urls, context, folder / "feed"
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def events_url(urls: list[str]) -> str:
    url = next(url for url in urls if url.startswith("https://") and url.endswith("/events.ics"))
    # The certificate names localhost; the server listens on 127.0.0.1.
    return url.replace("127.0.0.1", "localhost")


def test_https_serves_the_feed(https_server):
    urls, context, feed = https_server
    assert [url.split(":")[0] for url in urls] == ["webcals", "https", "webcals", "https"]
    with urllib.request.urlopen(events_url(urls), context=context, timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        assert response.read() == (feed / "events.ics").read_bytes()


def test_gzip_variant_decompresses_to_the_feed(https_server):
    urls, context, feed = https_server
    request = urllib.request.Request(events_url(urls), headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, context=context, timeout=10) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.headers["Vary"] == "Accept-Encoding"
        assert gzip.decompress(response.read()) == (feed / "events.ics").read_bytes()


def test_conditional_get_is_not_modified(https_server):
    urls, context, _ = https_server
    with urllib.request.urlopen(events_url(urls), context=context, timeout=10) as response:
        tag = response.headers["ETag"]
    request = urllib.request.Request(events_url(urls), headers={"If-None-Match": tag})
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request, context=context, timeout=10)
    assert answer.value.code == 304


def test_unfinished_request_headers_are_closed_after_the_timeout(https_server):
    urls, context, _ = https_server
    port = int(events_url(urls).split(":")[2].split("/")[0])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as connection:
            connection.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Never-Ends: ")
            started = time.monotonic()
            connection.settimeout(20)
            try:
                received = connection.recv(4096)
            except (ConnectionResetError, ssl.SSLError):
                received = b""
            waited = time.monotonic() - started
    assert received == b""
    assert 8 <= waited <= 15, f"closed after {waited:.1f} s, expected about 10"
