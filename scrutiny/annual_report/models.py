"""The committee's annual report to the Council, for one municipal year.

The report is composed from the year's record each time it is read (`selectors.compose`),
so that it follows the record; what officers write (the introduction, each item's summary)
is kept as versioned `NarrativeText`, which survives regenerating it. The report's life is
`ANNUAL_REPORT_WORKFLOW`, each step an `AnnualReportEvent` (append-only): a draft, considered
by the committee, submitted to the Council, published. Publishing freezes the public version
(`published_content`): the public reads the report as published, whatever the record
becomes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from scrutiny.core.workflow import Workflow
from scrutiny.governance.models import Committee
from scrutiny.meetings.models import Meeting
from scrutiny.rules import annual_report as rules


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CONSIDERED = "considered", "Considered by the Committee"
    SUBMITTED = "submitted", "Submitted to the Council"
    PUBLISHED = "published", "Published"


class ReportStep(models.TextChoices):
    CONSIDER = "consider", "Record the Committee's consideration"
    SUBMIT = "submit", "Record its submission to the Council"
    PUBLISH = "publish", "Publish"


ANNUAL_REPORT_WORKFLOW = Workflow(
    ReportStatus,
    ReportStep,
    {
        (ReportStatus.DRAFT, ReportStep.CONSIDER): ReportStatus.CONSIDERED,
        (ReportStatus.CONSIDERED, ReportStep.SUBMIT): ReportStatus.SUBMITTED,
        (ReportStatus.SUBMITTED, ReportStep.PUBLISH): ReportStatus.PUBLISHED,
    },
    model="annual_report.AnnualReport",
)


class PublicReportManager(models.Manager["AnnualReport"]):
    def get_queryset(self) -> models.QuerySet[AnnualReport]:
        return super().get_queryset().filter(status=ReportStatus.PUBLISHED)


class AnnualReport(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="annual_reports")
    start_year = models.PositiveSmallIntegerField(help_text="The municipal year reported on, by its first calendar year.")
    status = models.CharField(max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    considered_at = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="annual_reports_considered",
        help_text="The meeting of the Committee that considered the draft.",
    )
    considered_resolution = models.TextField(blank=True, help_text="What the Committee resolved on it.")
    submitted_to = models.CharField(max_length=200, blank=True, help_text="For example “the General Assembly of the Council”.")
    submitted_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_content = models.JSONField(
        null=True, blank=True, help_text="The public version as published, frozen: what the public reads."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    internal = models.Manager()
    public = PublicReportManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-start_year"]
        base_manager_name = "internal"
        default_manager_name = "internal"
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "start_year"], name="annual_report_one_per_year",
                violation_error_message="The Committee already has a report for this municipal year.",
            ),
            models.CheckConstraint(condition=Q(status__in=ReportStatus.values), name="annual_report_status_valid"),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT) | Q(considered_at__isnull=False),
                name="annual_report_considered_at_a_meeting",
                violation_error_message="A report considered by the Committee names the meeting.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[ReportStatus.DRAFT, ReportStatus.CONSIDERED])
                | (Q(submitted_on__isnull=False) & ~Q(submitted_to="")),
                name="annual_report_submitted_has_date",
                violation_error_message="A report submitted to the Council says to which meeting and when.",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.PUBLISHED)
                | (Q(published_on__isnull=False) & Q(published_content__isnull=False)),
                name="annual_report_published_is_frozen",
            ),
        ]

    def __str__(self) -> str:
        return rules.title(self.committee.name, self.start_year)


class AnnualReportEvent(models.Model):
    """One step of the report's life, as it happened. Append-only."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="events")
    step = models.CharField(max_length=12, choices=ReportStep.choices)
    on = models.DateField(help_text="When it happened: the meeting's day, the Council's, the day of publication.")
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(step__in=ReportStep.values), name="annual_report_event_step_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.get_step_display()}, {self.on:%-d %B %Y}"


class NarrativeText(models.Model):
    """What an officer wrote for one part of the report: each save is a new version, and the
    latest is the report's text. `source_digest` fingerprints what the record said of that part
    when the text was written, so that the report can say when the record has changed since."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="texts")
    part = models.CharField(max_length=40, help_text="“introduction”, “work-programme”, or “minute-<id>”.")
    version = models.PositiveIntegerField()
    text = models.TextField(blank=True, help_text="Empty: the part is returned to what the record says.")
    source_digest = models.CharField(max_length=64)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "part", "version"]
        constraints = [
            models.UniqueConstraint(fields=["report", "part", "version"], name="narrative_text_version_unique"),
            models.CheckConstraint(condition=Q(version__gte=1), name="narrative_text_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.part}, version {self.version}"
