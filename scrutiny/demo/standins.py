"""Stand-in papers for the demo, where the seeds only name a paper: real PDFs with the
right number of pages, saying plainly what they stand in for."""

from __future__ import annotations

from functools import lru_cache

from django.utils.html import escape

from scrutiny.core.printing import html_to_pdf


@lru_cache(maxsize=64)
def standin_pdf(*, title: str, pages: int, exempt: bool, committee: str, meeting: str) -> bytes:
    body = []
    for n in range(1, pages + 1):
        body.append(
            f"""<section style="page-break-after: {"always" if n < pages else "auto"}">
<p style="font-size:9pt">{escape(committee)}, {escape(meeting)}</p>
<h1 style="font-size:15pt">{escape(title)}</h1>
<p><strong>Stand-in paper, page {n} of {pages}.</strong></p>
<p>The Dartford demo holds no copy of this paper: the documents it is built from name it and give its
pages in the agenda pack, but not its text. This page stands in for it so that the pack has the
real number of pages.</p>
{"<p><strong>This stands in for exempt information supplied to the Council in confidence.</strong></p>" if exempt else ""}
</section>"""
        )
    html = f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>@page {{ size: A4; margin: 25mm 20mm; }} body {{ font-family: Arial, sans-serif; font-size: 11pt; }}</style>
</head><body>{"".join(body)}</body></html>"""
    return html_to_pdf(html, tagged=False)  # a stand-in for a council's own uploaded paper
