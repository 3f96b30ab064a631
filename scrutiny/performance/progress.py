"""A text progress bar for long commands, written to a terminal (or a log) as it goes."""

from __future__ import annotations

import time
from typing import TextIO


class ProgressBar:
    """`bar(done, total, rows, current)`: redraws one line on a terminal, prints milestones otherwise."""

    def __init__(self, stream: TextIO, *, width: int = 30, label: str = "files") -> None:
        self.stream = stream
        self.width = width
        self.label = label
        self.started = time.monotonic()
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self._last_percent = -1

    def __call__(self, done: int, total: int, rows: int, current: str) -> None:
        percent = 100 if total == 0 else int(100 * done / total)
        filled = self.width * percent // 100
        elapsed = time.monotonic() - self.started
        line = (
            f"[{'#' * filled}{'.' * (self.width - filled)}] {percent:3d}%  {done}/{total} {self.label}, "
            f"{rows:,} rows, {elapsed:.1f}s  {current}"
        )
        if self.tty:
            self.stream.write("\r" + line[:150].ljust(150))
            if done == total:
                self.stream.write("\n")
        elif percent // 10 != self._last_percent // 10 or done == total:
            self.stream.write(line + "\n")
        self._last_percent = percent
        self.stream.flush()
