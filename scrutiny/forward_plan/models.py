"""The executive's forward plan: key decisions, and the Regulation 9 notices that list them
(SI 2012/2089; the rules are `rules/key_decisions.py`).

A key decision is the council's (its executive's), not a committee's. It is the officers' until
a published notice lists it; a notice, once published, is frozen as it was published
(`entries`), like an agenda's publication. Statuses change only through `services`, by the
steps of `KEY_DECISION_WORKFLOW`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from scrutiny.core.workflow import Workflow
from scrutiny.governance.models import Organisation
from scrutiny.rules.exempt_information import ExemptionGround
from scrutiny.rules.key_decisions import Exception_


class KeyDecisionStatus(models.TextChoices):
    DRAFT = "draft", "Not yet in a published notice"
    NOTIFIED = "notified", "Notified: to be taken"
    TAKEN = "taken", "Taken"
    WITHDRAWN = "withdrawn", "Withdrawn"


class KeyDecisionStep(models.TextChoices):
    NOTIFY = "notify", "List in a published notice"
    TAKE = "take", "Record that it was taken"
    WITHDRAW = "withdraw", "Withdraw"


KEY_DECISION_WORKFLOW = Workflow(
    KeyDecisionStatus,
    KeyDecisionStep,
    {
        (KeyDecisionStatus.DRAFT, KeyDecisionStep.NOTIFY): KeyDecisionStatus.NOTIFIED,
        (KeyDecisionStatus.NOTIFIED, KeyDecisionStep.NOTIFY): KeyDecisionStatus.NOTIFIED,  # listed again
        (KeyDecisionStatus.DRAFT, KeyDecisionStep.TAKE): KeyDecisionStatus.TAKEN,  # urgent, never listed
        (KeyDecisionStatus.NOTIFIED, KeyDecisionStep.TAKE): KeyDecisionStatus.TAKEN,
        (KeyDecisionStatus.DRAFT, KeyDecisionStep.WITHDRAW): KeyDecisionStatus.WITHDRAWN,
        (KeyDecisionStatus.NOTIFIED, KeyDecisionStep.WITHDRAW): KeyDecisionStatus.WITHDRAWN,
    },
    model="forward_plan.KeyDecision",
)

OPEN_STATUSES = (KeyDecisionStatus.DRAFT, KeyDecisionStatus.NOTIFIED)


class PublicKeyDecisionManager(models.Manager["KeyDecision"]):
    """What the public may read: a decision a published notice listed, or one taken (a
    decision taken under special urgency may never have been listed)."""

    def get_queryset(self) -> models.QuerySet[KeyDecision]:
        return super().get_queryset().filter(Q(notified_on__isnull=False) | Q(status=KeyDecisionStatus.TAKEN))


class KeyDecision(models.Model):
    council = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="key_decisions")
    title = models.CharField(max_length=300)
    summary = models.TextField("Summary of the matter to be decided", blank=True)
    decision_maker = models.CharField(max_length=200, help_text="For example “Cabinet” or “General Assembly of the Council”.")
    decision_on = models.DateField("Date of the decision, or the start of the period within which it will be taken")
    decision_by = models.DateField("End of the period within which it will be taken", null=True, blank=True)
    consultation = models.TextField("Who is to be consulted before taking the decision, and how", blank=True)
    documents = models.TextField("Documents to be submitted to the decision maker", blank=True)
    background_papers = models.TextField(blank=True)
    contact = models.TextField("Report author: name, title and contact details", blank=True)
    private = models.BooleanField("To be taken in private (closed session)", default=False)
    exemption_ground = models.CharField(max_length=20, choices=ExemptionGround.choices, blank=True)
    private_reason = models.TextField("Why it is to be taken in private", blank=True)
    status = models.CharField(max_length=20, choices=KeyDecisionStatus.choices, default=KeyDecisionStatus.DRAFT)
    notified_on = models.DateField("First listed in a published notice on", null=True, blank=True)
    exception = models.CharField(max_length=20, choices=Exception_.choices, default=Exception_.NONE)
    exception_notice_on = models.DateField("Notice of the exception published on", null=True, blank=True)
    chair_informed_on = models.DateField("Chair of scrutiny told in writing on (reg 10)", null=True, blank=True)
    chair_agreed_on = models.DateField("Chair of scrutiny agreed it is urgent on (reg 11)", null=True, blank=True)
    exception_reasons = models.TextField("Why 28 clear days' notice was impracticable", blank=True)
    taken_on = models.DateField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    internal = models.Manager()
    public = PublicKeyDecisionManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision_on", "title"]
        base_manager_name = "internal"
        default_manager_name = "internal"
        constraints = [
            models.CheckConstraint(condition=Q(status__in=KeyDecisionStatus.values), name="key_decision_status_valid"),
            models.CheckConstraint(condition=Q(exception__in=Exception_.values), name="key_decision_exception_valid"),
            models.CheckConstraint(
                condition=Q(decision_by__isnull=True) | Q(decision_by__gte=models.F("decision_on")),
                name="key_decision_period_order",
                violation_error_message="The period ends on or after the day it starts.",
            ),
            models.CheckConstraint(
                condition=Q(private=False) | ~Q(exemption_ground=""),
                name="key_decision_private_has_ground",
                violation_error_message="A decision to be taken in private says which exempt information it concerns.",
            ),
            models.CheckConstraint(
                condition=~Q(status=KeyDecisionStatus.TAKEN) | Q(taken_on__isnull=False),
                name="key_decision_taken_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=KeyDecisionStatus.NOTIFIED) | Q(notified_on__isnull=False),
                name="key_decision_notified_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=KeyDecisionStatus.WITHDRAWN) | ~Q(withdrawal_reason=""),
                name="key_decision_withdrawn_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_exception(self) -> bool:
        return self.exception != Exception_.NONE


class ForwardPlanNotice(models.Model):
    """A Regulation 9 notice as published: the council's words and each decision it listed,
    frozen (`entries`: the decision's fields as they stood that day)."""

    council = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="forward_plan_notices")
    published_on = models.DateField()
    covers_to = models.DateField("Lists the decisions due up to")
    statement = models.TextField("The council's own statement", blank=True,
                                 help_text="For example “All decisions are made by Cabinet collectively.”")
    entries = models.JSONField(default=list, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "-published_on"]
        constraints = [
            models.UniqueConstraint(fields=["council", "published_on"], name="forward_plan_notice_one_a_day"),
            models.CheckConstraint(condition=Q(covers_to__gte=models.F("published_on")),
                                   name="forward_plan_notice_covers_ahead"),
        ]

    def __str__(self) -> str:
        return f"Regulation 9 notice of {self.published_on:%-d %B %Y}"
