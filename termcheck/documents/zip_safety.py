"""Limits on the ZIP containers of Office files (DOCX, XLSX): what is refused before any member is unpacked."""
from __future__ import annotations

import zipfile

from termcheck.errors import InputError

MAX_MEMBERS = 10_000
MAX_UNCOMPRESSED = 256 * 1024 * 1024  # all members together: a 1,000-page report is far below this
MAX_RATIO = 200  # XML compresses 5 to 30 times; a zip bomb, thousands of times
RATIO_FLOOR = 1024 * 1024  # a small member may compress as well as it likes


def check_members(path: str, members: list[zipfile.ZipInfo], kind: str) -> None:
    """Refuse an archive with too many members, encrypted members, or members that unpack too far."""
    if len(members) > MAX_MEMBERS:
        raise InputError(path, f"refused: the ZIP archive has {len(members):,} members (a {kind} has dozens; "
                               f"the limit is {MAX_MEMBERS:,})")
    if any(m.flag_bits & 0x1 for m in members):
        raise InputError(path, "is encrypted (password-protected); save a copy without a password")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise InputError(path, f"refused: it would unpack to {total / 2**20:,.0f} MB; termcheck reads {kind} "
                               f"files of up to {MAX_UNCOMPRESSED // 2**20} MB unpacked")
    for m in members:
        if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise InputError(path, f"refused as a zip bomb: {m.filename} would unpack from {m.compress_size:,} "
                                   f"to {m.file_size:,} bytes")
