from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from scrutiny.dev.police_data import FORCE_SLUGS, FileManifest, generate


def _forces(value: str) -> int | list[str]:
    if value.isdigit():
        return int(value)
    slugs = [s.strip() for s in value.split(",") if s.strip()]
    unknown = [s for s in slugs if s not in FORCE_SLUGS]
    if unknown:
        raise argparse.ArgumentTypeError(f"not police.uk force slugs: {', '.join(unknown)}")
    return slugs


def _describe(f: FileManifest, root: Path) -> str:
    problems = {**f.rejects, **f.warnings}
    if f.quoted_location:
        problems["quoted_location"] = f.quoted_location
    detail = ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in problems.items()) or "no messy rows"
    return (
        f"{f.path.relative_to(root)}: {f.rows:,} rows, {f.rows_counted:,} valid, "
        f"{f.cross_border:,} cross-border; {detail}"
    )


class Command(BaseCommand):
    help = (
        "Write synthetic police.uk street-level crime files, OUT_DIR/YYYY-MM/YYYY-MM-<force>-street.csv, "
        "for a synthetic geography: for tests and the import benchmark. No network."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add = parser.add_argument
        add("out_dir", type=Path, help="Folder to write into.")
        add("--months", nargs="+", default=["2022-01"], help="YYYY-MM (default 2022-01).")
        add(
            "--forces",
            type=_forces,
            default=3,
            help="How many forces (the first of the 43, alphabetically), or slugs and commas: kent,sussex.",
        )
        add("--rows", type=int, default=5000, help="Rows per month, all forces together.")
        add("--lsoas", type=int, default=300, help="Synthetic LSOAs, spread over the forces.")
        add("--seed", type=int, default=1)
        add("--clean", action="store_true", help="First remove month folders, zip, lookups.")
        add("--zip", action="store_true", help="Also write OUT_DIR/police-uk.zip, as police.uk downloads.")
        add("--lookups", action="store_true", help="Also write ONS-style lookups and populations.")
        add("--tidy", action="store_true", help="No messy rows: every row valid.")
        add("--mess-rate", type=float, default=0.005, help="Rate of each messy kind (default 0.005).")
        add("--no-location-rate", type=float, default=0.01, help="Rows with no location (default 0.01).")
        add("--cross-border-rate", type=float, default=0.01, help="Rows in other forces' LSOAs.")
        add("--quiet", action="store_true", help="Only the summary, not a line per file.")

    def handle(self, *args: Any, **options: Any) -> None:
        root: Path = options["out_dir"]
        started = time.perf_counter()

        def report(f: FileManifest) -> None:
            if not options["quiet"]:
                self.stdout.write(_describe(f, root))

        try:
            manifest = generate(
                out_dir=root,
                months=options["months"],
                forces=options["forces"],
                lsoas=options["lsoas"],
                rows_per_month=options["rows"],
                seed=options["seed"],
                messy=not options["tidy"],
                mess_rate=options["mess_rate"],
                no_location_rate=options["no_location_rate"],
                cross_border_rate=options["cross_border_rate"],
                zip_archive=options["zip"],
                lookups=options["lookups"],
                want_counts=False,
                clean=options["clean"],
                progress=report,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        geo = manifest.geography
        if manifest.zip_path:
            self.stdout.write(f"zip archive: {manifest.zip_path}")
        for path in manifest.lookup_paths.values():
            self.stdout.write(f"lookup: {path}")
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Wrote {len(manifest.files)} files, {manifest.rows:,} rows ({manifest.rows_counted:,} valid) "
            f"in {seconds:.1f} s: {len(geo.forces)} forces, {len(geo.districts)} districts, "
            f"{len(geo.wards):,} wards, {len(geo.lsoas):,} LSOAs, seed {manifest.seed}."
        )
