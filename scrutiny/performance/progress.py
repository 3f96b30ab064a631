"""Progress of an import, and its progress bar for long commands (a terminal or a log).

An import reads every file (one DuckDB pass, most of the time of a national month), then
stores each force's month. The share done is estimated from the files' sizes: reading is
`READ_SHARE` of the whole, spread by DuckDB's own progress of the pass; storing the rest,
file by file in proportion to their bytes.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from tqdm import tqdm

#: The share of an import spent reading, roughly, on a national month (bench/): the rest is storing.
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


class ImportProgressReporter:
    """Tells `progress` (if any) how far an import of files of these `sizes`, in the order they
    are stored, has gone: its fraction never goes back."""

    def __init__(self, progress: Callable[[ImportProgress], None] | None, *, sizes: Sequence[int],
                 read_share: float) -> None:
        self.progress = progress
        self.read_share = read_share
        self.files_total = len(sizes)
        self.bytes_before = [0, *itertools.accumulate(sizes)]  # of the files before the n-th
        self.fraction = 0.0

    def reading(self, share: float) -> None:
        """`share` of the files read, 0 to 1."""
        self._tell("reading", self.read_share * share, 0, 0, "reading the files")

    def storing(self, *, files_done: int, rows: int, current: str) -> None:
        stored = self.bytes_before[files_done] / (self.bytes_before[-1] or 1)
        self._tell("storing", self.read_share + (1 - self.read_share) * stored, files_done, rows, current)

    def done(self, *, rows: int) -> None:
        self._tell("done", 1.0, self.files_total, rows, "")

    def _tell(self, phase: str, fraction: float, files_done: int, rows: int, current: str) -> None:
        if self.progress is not None:
            self.fraction = max(self.fraction, min(fraction, 1.0))
            self.progress(ImportProgress(phase, self.fraction, files_done, self.files_total, rows, current))


#: How a bar reads: "31%|#########     | 00:04, reading: 0/43 files stored, 0 rows  reading the files".
BAR_FORMAT = "{percentage:3.0f}%|{bar:30}| {elapsed}{postfix}"


class ProgressBar:
    """`bar(progress)`: a tqdm bar redrawn in place on a terminal; elsewhere (a log), a line of
    the same bar at each tenth of the way and at the end."""

    def __init__(self, stream: TextIO, *, label: str = "files") -> None:
        self.stream = stream
        self.label = label
        self.started = time.monotonic()
        self.bar = tqdm(total=100, file=stream, bar_format=BAR_FORMAT, dynamic_ncols=True) if stream.isatty() else None
        self._tenth = -1

    def __call__(self, progress: ImportProgress) -> None:
        status = (f"{progress.phase}: {progress.files_done}/{progress.files_total} {self.label} stored, "
                  f"{progress.rows:,} rows  {progress.current}")
        done = progress.phase == "done"
        if self.bar is not None:
            self.bar.n = progress.percent
            self.bar.set_postfix_str(status, refresh=False)
            self.bar.refresh()
            if done:
                self.bar.close()
        elif progress.percent // 10 != self._tenth or done:
            self._tenth = progress.percent // 10
            line = tqdm.format_meter(progress.percent, 100, time.monotonic() - self.started, ascii=True,
                                     bar_format=BAR_FORMAT, postfix=status)
            self.stream.write(line + "\n")
            self.stream.flush()
