"""The performance report as a PDF, and as a paper on an agenda item."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string

from scrutiny.performance.models import Area, ComparisonGroup
from scrutiny.performance.periods import Period
from scrutiny.performance.presentation import present
from scrutiny.performance.selectors import comparison_group_for, performance_report


def report_pdf(*, area: Area, period: Period, compare: str, group: ComparisonGroup | None,
               confidential: bool) -> bytes:
    """The report: public (open data and open partner figures) or, `confidential`, with
    the partners' figures given in confidence and marked NOT FOR PUBLICATION on every page."""
    from scrutiny.publishing.pack import html_to_pdf

    report = performance_report(area=area, period=period, compare=compare, group=group,
                                include_confidential=confidential)
    html = render_to_string("performance/report_print.html", {"presented": present(report), "confidential": confidential})
    return html_to_pdf(html)


@transaction.atomic
def report_attach(*, item, area: Area, period: Period, compare: str, confidential: bool, by):
    """Put the report on an agenda item as a paper; the exempt version as an exempt paper."""
    from scrutiny.documents.models import DocumentKind
    from scrutiny.documents.services import document_add

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
        exemption_ground="confidence" if confidential else "",
        file_name=f"performance-{area.code}-{period.first:%Y-%m}-{period.last:%Y-%m}{'-confidential' if confidential else ''}.pdf",
        data=data,
        by=by,
    )


def report_docx(*, area: Area, period: Period, compare: str, group: ComparisonGroup | None,
                confidential: bool) -> bytes:
    """The report as Word, for officers who edit it before it goes on an agenda: statements and
    tables (the charts are in the PDF; Word cannot take the SVG through python-docx)."""
    from scrutiny.performance.templatetags.performance_tags import num, pct
    from scrutiny.publishing.word import _bytes, _centred, _new

    report = performance_report(area=area, period=period, compare=compare, group=group,
                                include_confidential=confidential)
    shown = present(report)
    document = _new()
    if confidential:
        _centred(document, "NOT FOR PUBLICATION")
        _centred(document, "Exempt information: obligation of confidence (figures supplied to the Council in "
                           "confidence by partner agencies)", bold=False)
        section = document.sections[0]
        section.header.paragraphs[0].text = "NOT FOR PUBLICATION: exempt information (obligation of confidence)"
    _centred(document, "COMMUNITY SAFETY PARTNERSHIP PERFORMANCE")
    _centred(document, f"{area.name}: {period.label}")
    _centred(document, f"compared with {shown.comparison_text}", bold=False)
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
    return _bytes(document)
