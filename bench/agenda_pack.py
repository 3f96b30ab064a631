"""Benchmark: build an agenda pack the size of seed 003 (about 130 pages: a dozen reports and
appendices, one exempt) and compare it with the floor, merely concatenating the same
pre-rendered PDF pages with pypdf, measured in the same run.

    python bench/agenda_pack.py [--runs 5]

Prints the median times and their ratio. The aim: the whole pack (public and Part 2) in
under five seconds on the project's machines. The pack's time includes WeasyPrint drawing a
stamp page (page number, and the NOT FOR PUBLICATION mark on exempt papers) for every
numbered page; the floor draws nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def setup_django(folder: str) -> None:
    os.environ.setdefault("SCRUTINY_SECRET_KEY", "bench-only")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["SCRUTINY_VAR_DIR"] = folder
    os.environ["SCRUTINY_PLAIN_STATIC"] = "1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "scrutiny.settings"
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# Papers like seed 003's: (item title, paper title, pages, exempt, written in the app)
PAPERS = [
    ("Confirmation of the Minutes", "Minutes of the meeting held on 26 July 2017", 20, False, False),
    ("Regulation 9 Notice", "Regulation 9 Notice", 4, False, False),
    ("Kent Police and Crime Panel (PCP) Update", "PCP minutes of 20 July 2017", 10, False, False),
    ("Kent Police and Crime Panel (PCP) Update", "PCP minutes of 28 September 2017", 9, False, False),
    ("Kent Police and Crime Panel (PCP) Update", "PCP minutes of 15 November 2017", 9, False, False),
    ("D-TAC Annual Review", "D-TAC report", 3, False, True),
    ("D-TAC Annual Review", "D-TAC Business Plan", 6, False, False),
    ("CSP Performance Report", "Covering report", 2, False, True),
    ("CSP Strategic Assessment 2017", "Covering report", 2, False, True),
    ("Update - Committee Work Programme", "Work programme report", 2, False, True),
    ("Update - Committee Work Programme", "Appendix A: Work Plan", 2, False, False),
    ("CSP Strategic Assessment 2017 (exempt)", "Strategic Assessment 2017", 72, True, False),
]


def build_meeting():
    from scrutiny.documents.models import CoveringReport
    from scrutiny.documents.services import document_add
    from scrutiny.governance.models import Committee, Organisation
    from scrutiny.meetings.models import AgendaItem, Meeting
    from scrutiny.meetings.services import agenda_arrange
    from tests.pdfs import make_pdf

    council = Organisation.objects.create(name="Bench Borough Council", slug="bench", kind="council")
    committee = Committee.objects.create(
        name="Crime and Disorder (Overview and Scrutiny) Committee",
        slug="bench-cd",
        kind="committee",
        council=council,
        parent=council,
    )
    meeting = Meeting.objects.create(committee=committee, date=dt.date(2018, 2, 21), status="scheduled")
    items: dict[str, AgendaItem] = {}
    files = []
    for title, paper, pages, exempt, written in PAPERS:
        if title not in items:
            items[title] = AgendaItem.internal.create(
                meeting=meeting,
                position=len(items) + 1,
                title=title,
                kind="standard",
                is_exempt=exempt,
                exemption_ground="confidence" if exempt else "",
            )
        data = make_pdf(pages, paper)
        files.append(data)
        document = document_add(
            item=items[title], title=paper, kind="report", file_name="paper.pdf", data=data
        )
        if written:
            CoveringReport.objects.create(
                document=document,
                heading=title,
                summary="To consider the report. " * 20,
                recommendations="That the Committee notes the report.\n\nThat the Committee comments.",
                background="Background paragraph. " * 60,
                corporate_plan="Safer Communities objective.",
            )
    agenda_arrange(meeting=meeting)
    return meeting, files


def floor(files: list[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in files:
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(folder)
        from scrutiny.publishing.pack import build_packs

        meeting, files = build_meeting()
        build_packs(meeting)  # warm up fonts and templates
        pack_time, (public, part2) = timed(lambda: build_packs(meeting), args.runs)
        floor_time, merged = timed(lambda: floor(files), args.runs)
        pages = public.page_count + part2.page_count
        print(
            f"papers: {len(files)}, content pages: {sum(p[2] for p in PAPERS)}, pages in both packs: {pages}"
        )
        print(f"agenda packs (public + Part 2), median of {args.runs}: {pack_time:.3f} s")
        print(f"floor (pypdf concatenation of the same papers), median of {args.runs}: {floor_time:.3f} s")
        print(
            f"ratio pack / floor: {pack_time / floor_time:.1f}x; target: under 5 s -> {'met' if pack_time < 5 else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
