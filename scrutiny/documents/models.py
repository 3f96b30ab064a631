"""Papers attached to agenda items: reports, appendices, presentations, other bodies' minutes.

A document is withheld when it is exempt itself or its item is exempt. `Document.public`
holds only what the public may read; `Document.internal` holds everything. Files are stored
outside the web root and served only through scrutiny.documents.views, which asks the
access policy.
"""

from __future__ import annotations

from typing import cast

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from scrutiny.core.models import Exemptible
from scrutiny.meetings.models import AGENDA_PUBLIC_STATUSES, AgendaItem


class DocumentKind(models.TextChoices):
    REPORT = "report", "Report"
    APPENDIX = "appendix", "Appendix"
    PRESENTATION = "presentation", "Presentation"
    MINUTES_OTHER_BODY = "minutes_other_body", "Minutes of another body"
    NOTICE = "notice", "Notice"
    OTHER = "other", "Other paper"


class DocumentQuerySet(models.QuerySet["Document"]):
    def open_to_public(self) -> DocumentQuerySet:
        return self.filter(
            is_exempt=False,
            agenda_item__is_exempt=False,
            agenda_item__meeting__agenda_public=True,
            agenda_item__meeting__status__in=AGENDA_PUBLIC_STATUSES,
        )


DocumentManager = models.Manager.from_queryset(DocumentQuerySet)


class PublicDocumentManager(DocumentManager["Document"]):
    def get_queryset(self) -> DocumentQuerySet:
        # The plugin types a from_queryset manager's get_queryset as a plain QuerySet.
        return cast(DocumentQuerySet, super().get_queryset()).open_to_public()


def _upload_to(instance: Document, filename: str) -> str:
    return f"documents/{instance.agenda_item.meeting_id}/{filename}"


class Document(Exemptible):
    # PROTECT: a meeting's papers are part of the public record; deleting an item or a
    # meeting must never take its papers with it silently.
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="documents")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=24, choices=DocumentKind.choices, default=DocumentKind.REPORT)
    description = models.TextField(blank=True)
    file = models.FileField(upload_to=_upload_to, blank=True)
    page_count = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Pages of the stored PDF.")
    minutes_of = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="minutes_papers",
        help_text="This paper is the minutes of that meeting: the pack prints them from the record.",
    )
    work_plan = models.ForeignKey(
        "programme.WorkPlanVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="papers",
        help_text="This paper is that work plan: the pack prints its table.",
    )
    forward_plan_notice = models.ForeignKey(
        "forward_plan.ForwardPlanNotice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="papers",
        help_text="This paper is that Regulation 9 notice: the pack prints it from the record.",
    )

    internal = DocumentManager()
    public = PublicDocumentManager()
    history = HistoricalRecords()

    #: What the upload's checks took out of the file just stored (scripts, embedded files), for
    #: the officer's message; not stored.
    removed_from_file: tuple[str, ...] = ()

    class Meta:
        ordering = ["agenda_item", "position"]
        base_manager_name = "internal"
        default_manager_name = "internal"
        constraints = [
            models.UniqueConstraint(fields=["agenda_item", "position"], name="document_position_unique"),
            models.CheckConstraint(condition=Q(kind__in=DocumentKind.values), name="document_kind_valid"),
            *Exemptible.exemption_constraints("document"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_withheld_from_public(self) -> bool:
        return self.is_exempt or self.agenda_item.is_exempt

    @property
    def has_content(self) -> bool:
        """Whether the pack has something to print for it."""
        return (
            bool(self.file)
            or self.minutes_of_id is not None
            or self.work_plan_id is not None
            or self.forward_plan_notice_id is not None
            or hasattr(self, "covering_report")
        )


class CoveringReport(models.Model):
    """A report written in the app, in the council's sections (seed 003)."""

    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="covering_report")
    heading = models.CharField(
        max_length=300,
        help_text="As printed at the top, e.g. 'DARTFORD AND GRAVESHAM ... STRATEGIC ASSESSMENT 2017'.",
    )
    summary = models.TextField()
    recommendations = models.TextField(
        help_text="One recommendation per paragraph (blank line between); numbered 2.1, 2.2, ..."
    )
    background = models.TextField("background and discussion", blank=True)
    corporate_plan = models.TextField("relationship to the Corporate Plan", blank=True)
    financial = models.TextField("financial implications", default="None")
    legal = models.TextField("legal implications", default="None")
    staffing = models.TextField("staffing implications", default="None")
    administrative = models.TextField("administrative implications", default="None")
    risk = models.TextField("risk assessment", default="None")
    confidence = models.TextField(
        "obligation of confidence", blank=True, help_text="Where it applies: what was supplied in confidence."
    )
    appendices = models.TextField(
        blank=True, help_text="One per line, e.g. 'Appendix A: ...'. Empty: the item's appendices are listed."
    )
    author = models.CharField(max_length=200, blank=True)
    directorate = models.CharField("section and directorate", max_length=200, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.heading


class BackgroundPaper(models.Model):
    report = models.ForeignKey(CoveringReport, on_delete=models.CASCADE, related_name="background_papers")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField("document consulted", max_length=300)
    date = models.CharField(max_length=60, blank=True, help_text="As given: 'January 2018'.")
    file_reference = models.CharField(max_length=60, blank=True)
    author = models.CharField("report author", max_length=200, blank=True)
    section = models.CharField("section and directorate", max_length=200, blank=True)
    exempt_category = models.CharField(
        "exempt information category", max_length=120, blank=True, default="N/A"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="background_paper_position_unique")
        ]

    def __str__(self) -> str:
        return self.title
