"""Zip archives checked before anything in them is unpacked: police.uk downloads, and the
Excel workbooks (.xlsx is a zip) of ONS estimates and partners' sheets.

An archive says, in its central directory, how many members it holds and how large each is
unpacked; a zip bomb says so too (a 1 MB file of 1 GiB), as Python's zipfile never gives
more of a member than its declared size. So the declared sizes are checked first, against
limits stated here, and a member is then copied in chunks, never read whole, counting what
it gives.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024
GIB = 1024 * MIB
#: Members and archives smaller than this are not held to a compression ratio: a small file
#: of repeated lines (a header and little else) can compress far, and costs nothing unpacked.
RATIO_FLOOR_BYTES = 1 * MIB
#: The size of the chunks a member is copied in.
CHUNK_BYTES = 1 * MIB


class ArchiveRefused(ValueError):
    """An archive refused before anything was unpacked (or as soon as a member gave more than it said)."""


@dataclass(frozen=True)
class ArchiveLimits:
    members: int  # entries of any kind
    unpacked_bytes: int  # of the members unpacked
    ratio: int  # unpacked to packed, of a member or of the whole
    advice: str  # what to do instead, said with the refusal


#: police.uk's download of every force since December 2010 has about 20,000 files (street,
#: outcomes, stop and search); a year of every force's street files is about 1.5 GB unpacked,
#: and CSV compresses about five times.
POLICE_ARCHIVE = ArchiveLimits(
    members=50_000, unpacked_bytes=8 * GIB, ratio=100,
    advice="unpack it and import the folder with `scrutiny import-police FOLDER`",
)
#: An ONS estimates workbook or a partner's sheet is a few megabytes unpacked.
WORKBOOK = ArchiveLimits(members=1_000, unpacked_bytes=512 * MIB, ratio=100,
                         advice="save it as CSV and upload that")


def _size(n: int) -> str:
    return f"{n / GIB:,.1f} GiB" if n >= GIB else f"{n / MIB:,.1f} MB"


def archive_check(archive: zipfile.ZipFile, *, name: str, limits: ArchiveLimits,
                  members: Sequence[zipfile.ZipInfo] | None = None) -> None:
    """Refuse the archive, by name and with the reason, if it holds too many entries, or the
    `members` to be unpacked (default: all) are too large unpacked or compressed beyond belief."""
    entries = archive.infolist()
    if len(entries) > limits.members:
        raise ArchiveRefused(f"{name}: holds {len(entries):,} files, more than the {limits.members:,} "
                             f"an archive may hold; {limits.advice}.")
    chosen = entries if members is None else members
    unpacked = sum(m.file_size for m in chosen)
    if unpacked > limits.unpacked_bytes:
        raise ArchiveRefused(f"{name}: would unpack to {_size(unpacked)}, more than the {_size(limits.unpacked_bytes)} "
                             f"allowed; {limits.advice}.")
    for member in chosen:
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > limits.ratio * max(member.compress_size, 1):
            raise ArchiveRefused(_ratio_refusal(name, f"{member.filename} would unpack", member.file_size,
                                                member.compress_size, limits))
    packed = sum(m.compress_size for m in chosen)
    if unpacked > RATIO_FLOOR_BYTES and unpacked > limits.ratio * max(packed, 1):
        raise ArchiveRefused(_ratio_refusal(name, "its files would unpack", unpacked, packed, limits))


def _ratio_refusal(name: str, what: str, unpacked: int, packed: int, limits: ArchiveLimits) -> str:
    return (f"{name}: {what} from {_size(packed)} to {_size(unpacked)}, more than {limits.ratio} times: "
            "not a file as police.uk, the ONS or a spreadsheet writes one (a zip bomb?); nothing was unpacked.")


def member_copy(archive: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, *, name: str) -> None:
    """Unpack one member to `target`, in chunks; refused should it give more than it declared
    (zipfile stops at the declared size; this says so, should that ever change)."""
    written = 0
    with archive.open(member) as source, open(target, "wb") as out:
        while chunk := source.read(CHUNK_BYTES):
            written += len(chunk)
            if written > member.file_size:
                raise ArchiveRefused(f"{name}: {member.filename} holds more than the {member.file_size:,} bytes it declares.")
            out.write(chunk)


def workbook_check(data: bytes, *, name: str) -> None:
    """An .xlsx workbook held in memory, checked before a reader unpacks its sheets."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            archive_check(archive, name=name, limits=WORKBOOK)
    except zipfile.BadZipFile:
        return  # the reader says what is wrong with it
