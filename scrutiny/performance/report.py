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
