"""Numbered minutes with narrative and numbered resolutions ("RESOLVED: 1. That ...").

A minute is exempt when it is marked so or its agenda item is exempt, unless an officer has
marked its text a public summary of business taken in private (the written summary of
s100C(2) Local Government Act 1972). `Minute.public`
holds the minutes of held meetings, exempt ones included: the public record shows the item
and the fact of a resolution, never the text (scrutiny.access.policy). `Resolution.public`
holds only resolutions the public may read.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from scrutiny.core.models import Exemptible
from scrutiny.meetings.models import AgendaItem, Meeting, MeetingStatus


class MinuteQuerySet(models.QuerySet):
    def of_held_meetings(self) -> MinuteQuerySet:
        return self.filter(meeting__status=MeetingStatus.HELD)

    def not_withheld(self) -> MinuteQuerySet:
        return self.filter(is_exempt=False).exclude(agenda_item__is_exempt=True, is_public_summary=False)


class PublicMinuteManager(models.Manager.from_queryset(MinuteQuerySet)):
    def get_queryset(self) -> MinuteQuerySet:
        return super().get_queryset().of_held_meetings()


class Minute(Exemptible):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="minutes")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="minutes"
    )
    position = models.PositiveSmallIntegerField(help_text="Order in the minutes.")
    number = models.PositiveIntegerField(
        null=True, blank=True, help_text="Minute number; blank only where the source does not give it."
    )
    title = models.CharField(max_length=300)
    narrative = models.TextField(
        blank=True, help_text="Paragraphs separated by a blank line; lines starting '- ' are bullets."
    )
    is_public_summary = models.BooleanField(
        "public summary",
        default=False,
        help_text="The text is a public summary of business taken in private (LGA 1972 s100C(2)): "
        "the public may read it although the item is exempt.",
    )

    internal = models.Manager.from_queryset(MinuteQuerySet)()
    public = PublicMinuteManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]
        base_manager_name = "internal"
        default_manager_name = "internal"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="minute_position_unique"),
            models.UniqueConstraint(
                fields=["meeting", "number"],
                condition=Q(number__isnull=False),
                name="minute_number_unique",
                violation_error_message="This meeting already has a minute with this number.",
            ),
            *Exemptible.exemption_constraints("minute"),
            models.CheckConstraint(
                condition=Q(is_public_summary=False) | Q(is_exempt=False),
                name="minute_public_summary_not_exempt",
                violation_error_message="A public summary is published, so it cannot itself be exempt.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title

    @property
    def is_withheld_from_public(self) -> bool:
        item_exempt = bool(self.agenda_item and self.agenda_item.is_exempt)
        return self.is_exempt or (item_exempt and not self.is_public_summary)


class ResolutionQuerySet(models.QuerySet):
    def open_to_public(self) -> ResolutionQuerySet:
        return self.filter(minute__meeting__status=MeetingStatus.HELD, minute__is_exempt=False).exclude(
            minute__agenda_item__is_exempt=True, minute__is_public_summary=False
        )


class PublicResolutionManager(models.Manager.from_queryset(ResolutionQuerySet)):
    def get_queryset(self) -> ResolutionQuerySet:
        return super().get_queryset().open_to_public()


class Resolution(models.Model):
    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="resolutions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    internal = models.Manager.from_queryset(ResolutionQuerySet)()
    public = PublicResolutionManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["minute", "number"]
        base_manager_name = "internal"
        default_manager_name = "internal"
        constraints = [
            models.UniqueConstraint(fields=["minute", "number"], name="resolution_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="resolution_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.minute}: resolution {self.number}"
