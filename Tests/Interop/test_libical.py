"""(1) libical, the library that wrote the files, parses them back without a single X-LIC-ERROR.

libical is called through ctypes: it has no Python binding in Debian, and the shared library
is what `libical-dev` installs for the Swift build anyway.
"""

from __future__ import annotations

import ctypes
import ctypes.util

import pytest

ICAL_ANY_COMPONENT = 1  # icalcomponent_kind in <libical/ical.h>


@pytest.fixture(scope="module")
def libical():
    name = ctypes.util.find_library("ical")
    assert name, "libical is not installed (apt-get install libical-dev)"
    lib = ctypes.CDLL(name)
    lib.icalparser_parse_string.restype = ctypes.c_void_p
    lib.icalparser_parse_string.argtypes = [ctypes.c_char_p]
    lib.icalcomponent_as_ical_string_r.restype = ctypes.c_void_p
    lib.icalcomponent_as_ical_string_r.argtypes = [ctypes.c_void_p]
    lib.icalcomponent_free.argtypes = [ctypes.c_void_p]
    lib.icalmemory_free_buffer.argtypes = [ctypes.c_void_p]
    lib.icalcomponent_count_components.argtypes = [ctypes.c_void_p, ctypes.c_int]
    return lib


def reparse(libical, data: bytes) -> tuple[bytes, int]:
    """What libical writes after reading `data`, and how many components the calendar holds."""
    root = libical.icalparser_parse_string(data)
    assert root, "libical could not parse the file at all"
    try:
        buffer = libical.icalcomponent_as_ical_string_r(root)
        text = ctypes.string_at(buffer)
        libical.icalmemory_free_buffer(buffer)
        return text, libical.icalcomponent_count_components(root, ICAL_ANY_COMPONENT)
    finally:
        libical.icalcomponent_free(root)


def test_libical_reads_every_file_without_errors(plan, libical):
    for kind, path in plan.files.items():
        data = path.read_bytes()
        text, count = reparse(libical, data)
        assert b"X-LIC-ERROR" not in text, f"{kind}: " + text.decode(errors="replace")
        entries = len(plan.expected)
        zones = len(plan.zones_used)
        assert count == entries + zones
        # libical wrote the file, so reading and writing it again gives the same lines (libical's
        # parser may put sibling VTIMEZONEs in another order), once libical's own writing has the
        # repair `followup` makes: before libical 4.0.3 a line of exactly 75 octets is folded into
        # its line end (libical pull request 1338).
        assert sorted(repair_line_ends(text).split(b"\r\n")) == sorted(data.split(b"\r\n"))


def repair_line_ends(text: bytes) -> bytes:
    """A fold inside a line end (CR, CRLF SP, LF) or just before it (CRLF SP, CRLF) as the CRLF
    it stands for."""
    return text.replace(b"\r\r\n \n", b"\r\n").replace(b"\r\n \r\n", b"\r\n")
