"""Progress of an import, and a text progress bar for long commands (a terminal or a log).

An import reads every file (one DuckDB pass, most of the time of a national month), then
stores each force's month. The share done is estimated from the files' sizes: reading is
`READ_SHARE` of the whole, spread by DuckDB's own progress of the pass; storing the rest,
file by file in proportion to their bytes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TextIO

#: The share of an import spent reading: measured on a national month (bench/), reading
#: takes about three fifths of the time and storing the counts the rest.
READ_SHARE = 0.6


@dataclass(frozen=True)
class ImportProgress:
    phase: str  # "reading", "storing" or "done"
    fraction: float  # of the whole import, 0 to 1, estimated from the files' sizes
    files_done: int
    files_total: int
    rows: int  # rows read so far (known once a file is stored)
    current: str  # what is being done: "reading the files" or a file's name

    @property
    def percent(self) -> int:
        return int(100 * self.fraction)


class ProgressBar:
    """`bar(progress)`: redraws one line on a terminal, prints every 10% otherwise."""

    def __init__(self, stream: TextIO, *, width: int = 30, label: str = "files") -> None:
        self.stream = stream
        self.width = width
        self.label = label
        self.started = time.monotonic()
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self._last_percent = -1

    def __call__(self, progress: ImportProgress) -> None:
        percent = progress.percent
        filled = self.width * percent // 100
        elapsed = time.monotonic() - self.started
        line = (
            f"[{'#' * filled}{'.' * (self.width - filled)}] {percent:3d}%  {progress.phase}: "
            f"{progress.files_done}/{progress.files_total} {self.label} stored, {progress.rows:,} rows, "
            f"{elapsed:.1f}s  {progress.current}"
        )
        done = progress.phase == "done"
        if self.tty:
            self.stream.write("\r" + line[:150].ljust(150))
            if done:
                self.stream.write("\n")
        elif percent // 10 != self._last_percent // 10 or done:
            self.stream.write(line + "\n")
        self._last_percent = percent
        self.stream.flush()
