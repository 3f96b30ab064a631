from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scrutiny.ops.records import BackupError
from scrutiny.ops.restore import backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Restore a backup written by `scrutiny backup` into an empty, migrated database and an empty file "
        "store. Every checksum is verified before anything is loaded; the load is one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The backup file to restore.")
        parser.add_argument("--check", action="store_true", help="Only verify the backup's checksums; load nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(line: str) -> None:
            if options["verbosity"] >= 1:
                self.stdout.write(line)

        path = Path(options["file"])
        try:
            if options["check"]:
                manifest = backup_verify(path=path)
                rows = sum(t["rows"] for t in manifest["tables"])
                self.stdout.write(self.style.SUCCESS(
                    f"{path} is whole: {rows:,} rows of {len(manifest['tables'])} tables and "
                    f"{len(manifest['files']):,} files match their checksums. Nothing was loaded."
                ))
                return
            summary = backup_restore(path=path, progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Restored {summary.rows:,} rows of {summary.tables} tables and {summary.files:,} files from {path}."
        ))
