"""Floors for the benchmarks (bench/): what the fastest tool does with the same input, nothing more."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import duckdb


def duckdb_scan_seconds(paths: Sequence[Path]) -> float:
    """DuckDB reading every row of the files, each column as text: the floor of the police.uk import."""
    con = duckdb.connect()
    try:
        start = time.perf_counter()
        con.execute(
            'SELECT count(*), count("LSOA code"), count("Crime type") FROM read_csv(?, all_varchar = true, header = true)',
            [[str(p) for p in paths]],
        ).fetchall()
        return time.perf_counter() - start
    finally:
        con.close()
