"""The annual report printed: HTML for the PDF (tagged, PDF/UA-1), and the Word file."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from scrutiny.core.printing import html_to_pdf

from .word import annual_report_docx

FORMATS = ("html", "pdf", "docx")


def report_html(r: dict[str, Any]) -> str:
    return render_to_string("annual_report/report_print.html", {"r": r})


def report_file(r: dict[str, Any], fmt: str) -> bytes:
    if fmt == "html":
        return report_html(r).encode()
    if fmt == "pdf":
        return html_to_pdf(report_html(r))
    if fmt == "docx":
        return annual_report_docx(r)
    raise ValueError(f"{fmt!r} is not a format of the report: choose one of {', '.join(FORMATS)}.")


def file_name(r: dict[str, Any], fmt: str) -> str:
    version = "-members" if r["mark"] else ""
    return f"annual-report-{r['year']}{version}.{fmt}"
