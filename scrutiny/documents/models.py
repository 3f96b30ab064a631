"""Papers attached to agenda items: reports, appendices, presentations, other bodies' minutes.

A document is withheld when it is exempt itself or its item is exempt. `Document.public`
holds only what the public may read; `Document.internal` holds everything. Files are stored
outside the web root and served only through scrutiny.documents.views, which asks the
access policy.
"""

from __future__ import annotations

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


class DocumentQuerySet(models.QuerySet):
    def open_to_public(self) -> DocumentQuerySet:
        return self.filter(
            is_exempt=False,
            agenda_item__is_exempt=False,
            agenda_item__meeting__status__in=AGENDA_PUBLIC_STATUSES,
        )


class PublicDocumentManager(models.Manager.from_queryset(DocumentQuerySet)):
    def get_queryset(self) -> DocumentQuerySet:
        return super().get_queryset().open_to_public()


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

    internal = models.Manager.from_queryset(DocumentQuerySet)()
    public = PublicDocumentManager()
    history = HistoricalRecords()

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
