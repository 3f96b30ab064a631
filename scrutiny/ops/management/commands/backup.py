from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scrutiny.ops.backup import backup_write
from scrutiny.ops.records import BackupError


class Command(BaseCommand):
    help = (
        "Write the whole record (every table, every stored file, a manifest with checksums) to FILE, a .tar "
        "(or .tar.gz, .tar.xz). It holds exempt papers and password hashes: keep it as securely as the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The backup file to write.")
        parser.add_argument("--force", action="store_true", help="Replace FILE if it exists.")

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(line: str) -> None:
            if options["verbosity"] >= 1:
                self.stdout.write(line)

        try:
            summary = backup_write(path=Path(options["file"]), force=options["force"], progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {summary.path}: {summary.rows:,} rows of {summary.tables} tables and "
                f"{summary.files:,} files ({summary.file_bytes:,} bytes); {summary.size:,} bytes in all. "
                "Keep it as securely as the database: it holds exempt papers."
            )
        )
