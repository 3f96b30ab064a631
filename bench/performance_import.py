"""Benchmark: import one national month of police.uk files, and compute a CSP's indicators.

    python bench/performance_import.py [--rows 600000] [--forces 43] [--lsoas 35000] [--runs 3] [--skip-naive]

Generated data (no network): 43 forces' street-level files for one month, about 600,000 rows,
with ONS-format lookups and populations for the same synthetic geography. Measured in the
same run, each in its own process (so each peak memory is its own):

- floor: DuckDB alone reading every row of the same CSVs (scrutiny.dev.floors);
- read: the import's own DuckDB pass (every row classified and counted), no database;
- import: `police_import`, as `scrutiny import-police` runs it (DuckDB aggregation, then one
  transaction per month);
- naive: a hand-written pandas loader (read_csv, a loop over the rows, a dict of counts,
  Django bulk_create), what a script written in an afternoon would do;
- indicators: one CSP with a 15-member comparison group over 12 months, against the 12
  before: 23 more months of counts laid down beside the imported one, and the table not
  analysed, as right after an import.

Goals: the import within BUDGET (3) times the floor and under 1 GB (issue 14, where simpler
code replaced the 2x of issue 6); at least 10x the naive loader; indicators under a second.
It also prints the lines of the import's code (IMPORT_FILES) at BASE, before issue 14
simplified it, and now, both counted in the same run (the first from `git show BASE:path`).

The benchmark always works on a database of its own, because it empties it: a SQLite file
in its temporary folder, or `--database postgres://.../bench_scrutiny` (a database made for
it; never point it at one that holds anything). `--json FILE` writes the
figures for the record.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MONTH = "2022-01"
BUDGET = 3.0
#: The commit before issue 14 simplified the import, and the files the import's code is in.
BASE = "52de792"
IMPORT_FILES = (
    "scrutiny/performance/police.py",
    "scrutiny/performance/services.py",
    "scrutiny/performance/progress.py",
    "scrutiny/performance/management/commands/import-police.py",
)


def setup_django(folder: Path, *, migrate: bool = False) -> None:
    os.environ.setdefault("SCRUTINY_SECRET_KEY", "bench-only")
    # Never the environment's DATABASE_URL: the phases flush the database they are given.
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
    os.environ["SCRUTINY_VAR_DIR"] = str(folder)
    os.environ["SCRUTINY_PLAIN_STATIC"] = "1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "scrutiny.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("flush", "--noinput", verbosity=0) if _has_tables() else None
        call_command("migrate", verbosity=0)


def _has_tables() -> bool:
    from django.db import connection

    return "performance_crimecount" in connection.introspection.table_names()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def street_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*-street.csv"))


# --- phases, each run in a child process -------------------------------------------------------


def phase_floor(folder: Path) -> dict:
    from scrutiny.dev.floors import duckdb_scan_seconds

    seconds = duckdb_scan_seconds(street_files(folder / "data"))
    return {"seconds": seconds, "peak_mb": peak_mb()}


def phase_read(folder: Path) -> dict:
    """The import's reading alone: DuckDB classifying and counting every row, no database."""
    from scrutiny.performance.police import DuckDBReader, street_files

    with street_files([folder / "data"]) as (files, _skipped):
        reader = DuckDBReader()
        start = time.perf_counter()
        results = reader.aggregate_many(files)
        seconds = time.perf_counter() - start
        stored = sum(len(r.lsoa_rows) for r in results.values() if not isinstance(r, Exception))
        reader.close()
    return {"seconds": seconds, "peak_mb": peak_mb(), "count_rows": stored}


def phase_import(folder: Path) -> dict:
    setup_django(folder, migrate=True)
    import duckdb  # noqa: F401 (loaded before the clock starts, as the floor's is; its connection is timed)

    from scrutiny.performance.services import police_import

    start = time.perf_counter()
    run = police_import(sources=[folder / "data"])
    seconds = time.perf_counter() - start
    start = time.perf_counter()  # the same month again: every force's month replaced, nothing doubled
    again = police_import(sources=[folder / "data"])
    reimport = time.perf_counter() - start
    assert again.rows_loaded == run.rows_loaded, (again.rows_loaded, run.rows_loaded)
    return {"seconds": seconds, "reimport_seconds": reimport, "peak_mb": peak_mb(), "rows_read": run.rows_read,
            "rows_loaded": run.rows_loaded, "status": run.status}


def phase_naive(folder: Path) -> dict:
    setup_django(folder, migrate=True)
    import datetime as dt

    import pandas as pd

    from scrutiny.performance.crime_types import COUNT_FIELDS, CRIME_TYPES
    from scrutiny.performance.models import CrimeCount

    start = time.perf_counter()
    for path in street_files(folder / "data"):
        force = path.name[8:-11]
        month = dt.date.fromisoformat(path.name[:7] + "-01")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        counts: dict[tuple[str, str], int] = {}
        for _, row in frame.iterrows():
            if row["Month"] != path.name[:7] or not row["LSOA code"] or row["Crime type"] not in CRIME_TYPES:
                continue
            key = (row["LSOA code"], row["Crime type"])
            counts[key] = counts.get(key, 0) + 1
        by_lsoa: dict[str, dict[str, int]] = {}
        for (code, crime_type), n in counts.items():
            by_lsoa.setdefault(code, {})[COUNT_FIELDS[crime_type]] = n
        CrimeCount.objects.filter(force=force, month=month).delete()
        CrimeCount.objects.bulk_create(
            [CrimeCount(force=force, month=month, lsoa_code=code, **fields) for code, fields in by_lsoa.items()],
            batch_size=2000,
        )
    return {"seconds": time.perf_counter() - start, "peak_mb": peak_mb()}


def phase_indicators(folder: Path, runs: int) -> dict:
    setup_django(folder, migrate=True)
    from django.db import connection

    from scrutiny.performance.areas import areas_import, population_import
    from scrutiny.performance.crime_types import COUNT_FIELDS
    from scrutiny.performance.models import Area, CrimeCount, PoliceMonth
    from scrutiny.performance.periods import Period, month_add
    from scrutiny.performance.selectors import performance_report
    from scrutiny.performance.services import comparison_group_set, police_import
    from tests.factories import CommitteeFactory

    lookups = folder / "data" / "lookups"
    areas_import(source=lookups / "LSOA11_WD17_LAD17_EW_lookup.csv")
    areas_import(source=lookups / "LAD19_CSP19_PFA19_EW_lookup.csv")
    population_import(source=next(lookups.glob("population_*.csv")), year=2022)
    run = police_import(sources=[folder / "data"])
    first = PoliceMonth.objects.order_by("month").first().month
    table = CrimeCount._meta.db_table
    columns = ", ".join(COUNT_FIELDS.values())
    months = [month_add(first, i) for i in range(-23, 1)]
    with connection.cursor() as cursor:  # 23 more months: the period, the year before, the series
        for month in months[:-1]:
            cursor.execute(
                f"INSERT INTO {table} (force, month, lsoa_code, {columns}) "  # noqa: S608
                f"SELECT force, %s, lsoa_code, {columns} FROM {table} WHERE month = %s",
                [month, first],
            )
            PoliceMonth.objects.create(force="all", month=month, run=run, rows_loaded=0)
    # No ANALYZE: as right after a real import (autovacuum's comes later), the worst case.
    districts = list(Area.objects.filter(level="district").order_by("code"))
    home, members = districts[0], districts[1:16]
    group = comparison_group_set(committee=CommitteeFactory(), area=home, members=members)
    assert group.members.count() == 15, group.members.count()
    period = Period(month_add(first, -11), first)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        report = performance_report(area=home, period=period, compare="last-year", group=group)
        timings.append(time.perf_counter() - start)
    total = report.indicator("total-recorded-crime")
    return {"seconds": statistics.median(timings), "runs": timings, "count_rows": CrimeCount.objects.count(),
            "rank": f"{total.rank} of {total.rank_of}", "indicators": len(report.indicators)}


def code_lines() -> dict[str, tuple[int | None, int]]:
    """Each of IMPORT_FILES: its lines at BASE (None if git cannot say) and now."""
    lines: dict[str, tuple[int | None, int]] = {}
    for path in IMPORT_FILES:
        shown = subprocess.run(  # noqa: S603 (git, with this repository's own paths)
            ["git", "show", f"{BASE}:{path}"], capture_output=True, text=True, check=False, cwd=ROOT,  # noqa: S607
        )
        before = len(shown.stdout.splitlines()) if shown.returncode == 0 else None
        lines[path] = (before, len((ROOT / path).read_text(encoding="utf-8").splitlines()))
    known = [before for before, _ in lines.values() if before is not None]
    lines["total"] = (sum(known) if len(known) == len(IMPORT_FILES) else None, sum(now for _, now in lines.values()))
    return lines


def child(phase: str, folder: Path, runs: int) -> dict:
    result = subprocess.run(  # noqa: S603 (this script, with its own arguments)
        [sys.executable, __file__, "--phase", phase, "--folder", str(folder), "--runs", str(runs)],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    if result.returncode != 0:
        raise SystemExit(f"{phase} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=600_000)
    parser.add_argument("--forces", type=int, default=43)
    parser.add_argument("--lsoas", type=int, default=35_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--database", help="a PostgreSQL URL of a database made for the benchmark (it is emptied)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--phase")
    parser.add_argument("--folder")
    args = parser.parse_args()
    if args.phase:
        folder = Path(args.folder)
        run = {"floor": lambda: phase_floor(folder), "read": lambda: phase_read(folder),
               "import": lambda: phase_import(folder),
               "naive": lambda: phase_naive(folder), "indicators": lambda: phase_indicators(folder, args.runs)}
        print(json.dumps(run[args.phase]()))
        return

    if args.database:
        os.environ["BENCH_DATABASE_URL"] = args.database
    sys.path.insert(0, str(ROOT))
    from scrutiny.dev.police_data import generate

    lines = code_lines()
    print("lines of the import's code, at " + BASE + " and now:")
    for path, (before, now) in lines.items():
        print(f"  {path}: {before if before is not None else '?'} -> {now}")

    figures: dict = {"rows": args.rows, "forces": args.forces, "lsoas": args.lsoas, "runs": args.runs,
                     "database": "postgresql" if args.database else "sqlite"}

    with tempfile.TemporaryDirectory(prefix="bench-performance-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        manifest = generate(out_dir=folder / "data", months=[MONTH], forces=args.forces, lsoas=args.lsoas,
                            rows_per_month=args.rows, seed=1, want_counts=False, lookups=True)
        print(f"generated {manifest.rows:,} rows in {len(manifest.files)} files ({time.perf_counter() - start:.1f} s)")
        floors = [child("floor", folder, 1)["seconds"] for _ in range(args.runs)]
        reads = [child("read", folder, 1) for _ in range(args.runs)]
        imports = [child("import", folder, 1) for _ in range(args.runs)]
        floor = statistics.median(floors)
        read = statistics.median(r["seconds"] for r in reads)
        print(f"floor (DuckDB scan of the CSVs), median of {args.runs}: {floor:.2f} s")
        print(f"the import's reading alone (DuckDB: classify and count every row), median of {args.runs}: "
              f"{read:.2f} s = {read / floor:.1f}x the floor; {reads[0]['count_rows']:,} rows to store "
              "(one per force, month and LSOA)")
        figures |= {"read_s": read, "read_ratio": read / floor, "count_rows_stored": reads[0]["count_rows"],
                    "code_lines": {path: {"before": before, "now": now} for path, (before, now) in lines.items()}}
        seconds = statistics.median(i["seconds"] for i in imports)
        peak = max(i["peak_mb"] for i in imports)
        reimport = statistics.median(i["reimport_seconds"] for i in imports)
        print(f"import, median of {args.runs}: {seconds:.2f} s = {seconds / floor:.1f}x the floor "
              f"(budget {BUDGET:g}x); peak memory {peak:.0f} MB (goal < 1024); rows read {imports[0]['rows_read']:,}")
        print(f"re-import of the same month (replacing every force's month): {reimport:.2f} s = "
              f"{reimport / floor:.1f}x the floor")
        figures |= {"generated_rows": manifest.rows, "files": len(manifest.files), "floor_s": floor,
                    "import_s": seconds, "import_ratio": seconds / floor, "reimport_s": reimport,
                    "reimport_ratio": reimport / floor, "import_peak_mb": peak}
        if not args.skip_naive:
            naive = child("naive", folder, 1)
            print(f"naive pandas row loop: {naive['seconds']:.1f} s; the import is {naive['seconds'] / seconds:.1f}x "
                  f"faster (goal 10x); its peak memory {naive['peak_mb']:.0f} MB")
            figures |= {"naive_s": naive["seconds"], "naive_over_import": naive["seconds"] / seconds,
                        "naive_peak_mb": naive["peak_mb"]}
        indicators = child("indicators", folder, max(args.runs, 5))
        print(f"indicators, one CSP + 15 comparators, 12 months over {indicators['count_rows']:,} count rows: "
              f"median {indicators['seconds']:.3f} s (goal < 1 s); rank {indicators['rank']}")
        figures |= {"indicators_s": indicators["seconds"], "count_rows": indicators["count_rows"]}
        goals = {f"import within {BUDGET:g}x the floor": figures["import_ratio"] <= BUDGET,
                 "import peak under 1 GB": peak < 1024,
                 "indicators under 1 s": indicators["seconds"] < 1}
        if "naive_over_import" in figures:
            goals["10x the naive loader"] = figures["naive_over_import"] >= 10
        for goal, met in goals.items():
            print(f"  {'met' if met else 'NOT MET'}: {goal}")
        figures["goals"] = goals
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
