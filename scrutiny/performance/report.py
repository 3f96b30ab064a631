"""The performance report as a PDF and as Word, and as a paper on an agenda item.

The confidential version carries the partners' figures given in confidence: it is exempt
(an obligation of confidence) and every page is marked NOT FOR PUBLICATION (s100B(5)).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from scrutiny.core.printing import centred, docx_bytes, html_to_pdf, marked, word_document
from scrutiny.documents.models import Document, DocumentKind
from scrutiny.documents.services import document_add
from scrutiny.meetings.models import AgendaItem
from scrutiny.performance.models import Area, ComparisonGroup
from scrutiny.performance.periods import Period
from scrutiny.performance.presentation import present
from scrutiny.performance.selectors import comparison_group_for, performance_report
from scrutiny.performance.templatetags.performance_tags import num, pct
from scrutiny.rules.exempt_information import ExemptionGround, not_for_publication_mark

# Why the confidential version is exempt, after its mark, in the PDF and in Word alike.
CONFIDENTIAL_VERSION = "This version contains figures supplied to the Council in confidence by partner agencies."


def _mark(confidential: bool) -> str:
    return not_for_publication_mark(ExemptionGround.CONFIDENCE) if confidential else ""


def report_pdf(*, area: Area, period: Period, compare: str, group: ComparisonGroup | None,
               confidential: bool) -> bytes:
    """The report: public (open data and open partner figures) or, `confidential`, with
    the partners' figures given in confidence and marked NOT FOR PUBLICATION on every page."""
    report = performance_report(area=area, period=period, compare=compare, group=group,
                                include_confidential=confidential)
    html = render_to_string(
        "performance/report_print.html",
        {"presented": present(report), "confidential": confidential, "mark": _mark(confidential),
         "why_exempt": CONFIDENTIAL_VERSION},
    )
    return html_to_pdf(html)


def report_attach(*, item: AgendaItem, area: Area, period: Period, compare: str, confidential: bool,
                  by: User | None) -> Document:
    """Put the report on an agenda item as a paper; the exempt version as an exempt paper.
    Not atomic itself: the PDF is rendered before any transaction, and `document_add`
    stores it with the paper in its own."""
    group = comparison_group_for(area)
    if group is not None and item.meeting.committee_id != group.committee_id:
        raise ValidationError(f"{item.title} is an item of another committee's meeting.")
    title = f"CSP performance: {area.name}, {period.label}"
    data = report_pdf(area=area, period=period, compare=compare, group=group, confidential=confidential)
    return document_add(
        item=item,
        title=title + (" (partners' figures in confidence)" if confidential else ""),
        kind=DocumentKind.REPORT,
        is_exempt=confidential,
        exemption_ground=ExemptionGround.CONFIDENCE if confidential else "",
        file_name=f"performance-{area.code}-{period.first:%Y-%m}-{period.last:%Y-%m}{'-confidential' if confidential else ''}.pdf",
        data=data,
        by=by,
    )


def report_docx(*, area: Area, period: Period, compare: str, group: ComparisonGroup | None,
                confidential: bool) -> bytes:
    """The report as Word, for officers who edit it before it goes on an agenda: statements and
    tables (the charts are in the PDF; Word cannot take the SVG through python-docx)."""
    report = performance_report(area=area, period=period, compare=compare, group=group,
                                include_confidential=confidential)
    shown = present(report)
    document = word_document()
    if confidential:
        marked(document, _mark(confidential))
        centred(document, CONFIDENTIAL_VERSION, bold=False)
    centred(document, "COMMUNITY SAFETY PARTNERSHIP PERFORMANCE")
    centred(document, f"{area.name}: {period.label}")
    centred(document, f"compared with {shown.comparison_text}", bold=False)
    document.add_heading("Summary", level=2)
    for line in shown.statements:
        document.add_paragraph(line, style="List Bullet")
    for note in report.notes:
        document.add_paragraph(note).runs[0].italic = True
    headers = ["Indicator", *shown.headers]
    for heading, rows in (("Headline indicators", shown.headline_rows), ("By crime type", shown.type_rows)):
        document.add_heading(heading, level=2)
        table = document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = text
        for row in rows:
            for cell, text in zip(table.add_row().cells, [row.value.definition.label, *row.cells], strict=True):
                cell.text = text
    if shown.partner_rows:
        document.add_heading("Partner agencies' figures", level=2)
        table = document.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ["Indicator", "From", "Figure", "A year before", "Change %"],
                              strict=True):
            cell.text = text
        for p in shown.partner_rows:
            name = p.indicator.name + (" (in confidence)" if p.indicator.is_exempt else "")
            org = p.indicator.organisation.short_name or p.indicator.organisation.name
            for cell, text in zip(table.add_row().cells,
                                  [name, org, num(p.value) + (f" ({p.how})" if p.how else ""), num(p.year_before),
                                   pct(p.change_percent)], strict=True):
                cell.text = text
    document.add_paragraph(
        "Source: police.uk street-level crime data (Open Government Licence v3.0); ONS mid-year population "
        "estimates. Rank 1 is the highest rate. Recorded crime excludes anti-social behaviour. The charts are in "
        "the PDF version."
    )
    return docx_bytes(document)
