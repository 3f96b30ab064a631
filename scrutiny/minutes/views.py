"""Minutes pages (public once published), their PDF and Word versions, the decisions list
and the follow-up tracker; and the officers' screens that write and confirm them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from scrutiny.access.decorators import ensure_runs, officer_required
from scrutiny.access.policy import Viewer
from scrutiny.core.downloads import PDF, WORD, FileKind, Visibility, file_response, mark_visibility
from scrutiny.core.forms import ServiceForm
from scrutiny.core.openings import Opening, OpeningFormat, OpeningKind
from scrutiny.core.printing import html_to_pdf
from scrutiny.core.views import action_redirect, form_page, form_submit
from scrutiny.governance.models import Committee
from scrutiny.meetings.models import Meeting
from scrutiny.meetings.selectors import meeting_get
from scrutiny.meetings.views import meeting_to_run

from . import attendance, forms, selectors, services
from .models import (
    Action,
    ActionStatus,
    Attendance,
    Declaration,
    Minute,
    OutsideMeetingNoted,
    Recommendation,
    RecommendationStatus,
    Reference,
)
from .word import minutes_docx


def _minutes_context(meeting: Meeting, viewer: Viewer) -> dict[str, Any]:
    minutes = selectors.meeting_minutes(meeting=meeting, viewer=viewer)
    if not minutes:
        raise Http404("No minutes published for that meeting.")
    present, needed, quorate = selectors.quorum(meeting=meeting)
    return {
        "meeting": meeting,
        "committee": meeting.committee,
        "minutes": minutes,
        "record": selectors.minutes_record(meeting=meeting),
        "attendance": selectors.attendance(meeting=meeting),
        "quorum": {"present": present, "needed": needed, "quorate": quorate},
        "refs": selectors.minute_references(meeting=meeting, viewer=viewer),
        "chairman": selectors.chairman_name(meeting=meeting),
        "confirmation": selectors.confirmation(meeting=meeting, viewer=viewer),
        "references": selectors.references_of(minutes=minutes),
        "outside": selectors.outside_meetings_of(minutes=minutes),
    }


def _exempt_minutes_opening(
    meeting: Meeting, minutes: list[selectors.MinuteEntry], format: OpeningFormat
) -> Opening | None:
    """What these minutes open of exempt text, for the audit; None if they carry none."""
    exempt = [m for m in minutes if m.not_for_publication]
    if not exempt:
        return None
    named = [f"minute {m.number} ({m.title})" if m.number is not None else m.title for m in exempt]
    what = named[0][0].upper() + named[0][1:] if len(minutes) == 1 else f"The minutes, with {', '.join(named)}"
    return Opening(kind=OpeningKind.EXEMPT_MINUTES, format=format, committee_id=meeting.committee_id,
                   meeting_id=meeting.pk, what=what)


def _marked(response: HttpResponse, opening: Opening | None) -> HttpResponse:
    return mark_visibility(response, Visibility.EXEMPT, opening=opening) if opening else response


def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_get(pk=pk)
    viewer = Viewer.of(request)
    context = _minutes_context(meeting, viewer)
    context["runs"] = viewer.runs(meeting.committee)
    if context["runs"]:
        context["follow_up"] = selectors.follow_up(meeting=meeting)
    response = render(request, "minutes/meeting_minutes.html", context)
    return _marked(response, _exempt_minutes_opening(meeting, context["minutes"], OpeningFormat.PAGE))


def minute_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = Viewer.of(request)
    meeting, minute = selectors.minute_get(pk=pk, viewer=viewer)
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "minute": minute,
        "refs": selectors.minute_references(meeting=meeting, viewer=viewer),
        "references": selectors.references_of(minutes=[minute]),
        "outside": selectors.outside_meetings_of(minutes=[minute]),
        "runs": viewer.runs(meeting.committee),
    }
    response = render(request, "minutes/minute_detail.html", context)
    return _marked(response, _exempt_minutes_opening(meeting, [minute], OpeningFormat.PAGE))


def _minutes_pdf(context: Mapping[str, Any]) -> bytes:
    return html_to_pdf(render_to_string("publishing/minutes_print.html", context))


MINUTES_BUILDERS: dict[FileKind, Callable[[dict[str, Any]], bytes]] = {PDF: _minutes_pdf, WORD: minutes_docx}


def minutes_file(request: HttpRequest, pk: int, *, kind: FileKind) -> HttpResponseBase:
    """The minutes as PDF or Word, from the same redacted context as the page: the public
    record, or with the exempt minutes for those entitled (then never cached publicly)."""
    meeting = meeting_get(pk=pk)
    viewer = Viewer.of(request)
    context = _minutes_context(meeting, viewer)
    content = MINUTES_BUILDERS[kind](context)
    filename = f"minutes-{meeting.date:%Y-%m-%d}.{kind.extension}"
    opening = _exempt_minutes_opening(meeting, context["minutes"], OpeningFormat.PDF if kind == PDF else OpeningFormat.WORD)
    if opening is not None:
        return file_response(content, filename=filename, visibility=Visibility.EXEMPT, opening=opening)
    public = selectors.minutes_record(meeting=meeting)
    visibility = Visibility.PUBLIC if public is not None and public.is_public else Visibility.OFFICERS
    return file_response(content, filename=filename, visibility=visibility)


def decisions(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_get(pk=pk)
    entries = selectors.decisions(meeting=meeting, viewer=Viewer.of(request))
    if entries is None:
        raise Http404("No minutes published for that meeting.")
    return render(
        request,
        "minutes/decisions.html",
        {"meeting": meeting, "committee": meeting.committee, "decisions": entries},
    )


def tracker(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    viewer = Viewer.of(request)
    context = {
        "committee": committee,
        "runs": viewer.runs(committee),
        **selectors.tracker(committee=committee, viewer=viewer),
    }
    return render(request, "minutes/tracker.html", context)


def tracker_report_pdf(request: HttpRequest, slug: str) -> HttpResponseBase:
    """The follow-up report to the next meeting, as a paper to put on its agenda.

    Always the public view (an anonymous viewer), whoever downloads it: a paper made for the
    public pack must never carry follow-up from exempt minutes.
    """
    committee = get_object_or_404(Committee, slug=slug)
    tracked = selectors.tracker(committee=committee, viewer=Viewer())
    today = timezone.localdate()
    context = {
        "committee": committee,
        "today": today,
        "open_actions": [t for t in tracked["actions"] if t.action.status == ActionStatus.OPEN],
        "overdue_count": sum(1 for t in tracked["actions"] if t.overdue),
        "recommendations": [
            t for t in tracked["recommendations"] if t.recommendation.status != RecommendationStatus.REPORTED
        ],
        "overdue_responses": sum(1 for t in tracked["recommendations"] if t.overdue),
    }
    return file_response(
        html_to_pdf(render_to_string("minutes/tracker_print.html", context)),
        filename=f"follow-up-{committee.slug}-{today:%Y-%m-%d}.pdf",
        visibility=Visibility.PUBLIC,
    )


# -- officers ----------------------------------------------------------------------------------


def _back(meeting_pk: int) -> str:
    return reverse("meeting_minutes", args=[meeting_pk])


@officer_required
@require_POST
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    return action_redirect(
        request,
        partial(services.minutes_draft, meeting=meeting_to_run(request, pk)),
        success=lambda _: ("Draft minutes started: the standard items have their usual words.", _back(pk)),
        refused_url=_back(pk),
    )


@officer_required
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes page's button posts here: minutes with nothing to doubt are published at
    once; otherwise this page lists the doubts and asks the officer to confirm."""
    meeting = meeting_to_run(request, pk)
    form = (forms.RecordedPublishForm if meeting.is_recorded_after_event else forms.PublishForm).bound_to(request)
    return form_page(
        request,
        form,
        partial(services.minutes_publish, meeting=meeting),
        success=lambda _: ("Minutes published as a draft, not yet confirmed.", _back(pk)),
        committee=meeting.committee,
        heading="Publish the draft minutes",
        caption=f"{meeting.committee.name}, {meeting.date_display}",
        intro="The public will read them as unconfirmed minutes until the Committee confirms them.",
        submit="Publish",
        cancel_url=_back(pk),
    )


@officer_required
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_to_run(request, pk)
    form = forms.ConfirmForm.bound_to(request, meeting=meeting)
    return form_page(
        request,
        form,
        partial(services.minutes_confirm, meeting=meeting),
        success=lambda _: (
            f"Minutes confirmed at the meeting of {form.cleaned_data['at_meeting'].date_display}: "
            "their text is now locked.",
            _back(pk),
        ),
        committee=meeting.committee,
        heading=f"Confirm the minutes of {meeting.date_display}",
        submit="Record confirmation",
        cancel_url=_back(pk),
    )


@officer_required
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_to_run(request, pk)
    return form_page(
        request,
        forms.SignForm.bound_to(request, meeting=meeting),
        partial(services.minutes_sign, meeting=meeting),
        success=lambda _: ("Minutes signed.", _back(pk)),
        committee=meeting.committee,
        heading=f"Record the Chairman's signature: {meeting.date_display}",
        submit="Record signature",
        cancel_url=_back(pk),
    )


def _officer_minute(request: HttpRequest, pk: int) -> Minute:
    minute: Minute = get_object_or_404(Minute.internal.select_related("meeting__committee"), pk=pk)
    ensure_runs(request, minute.meeting.committee)
    return minute


def _at_minute(minute: Minute) -> str:
    return _back(minute.meeting_id) + f"#minute-{minute.pk}"


@officer_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The minute and its resolutions are saved together, or not at all. If someone else
    saved the minute meanwhile, the page shows their saved text beside the editor's own, and
    the next save starts from theirs: the editor merges, nothing is lost silently."""
    minute = _officer_minute(request, pk)
    initial = {
        "title": minute.title,
        "narrative": minute.narrative,
        "number": minute.number,
        "revision": minute.revision,
        "resolutions": "\n\n".join(selectors.resolution_texts(minute=minute)),
    }
    form = forms.MinuteEditForm.bound_to(request, initial=initial)
    done = form_submit(request, form, partial(services.minute_edit, minute=minute))
    if done is not None:
        saved = done.result  # as saved: its number may be the one just given
        messages.success(request, f"Minute {saved.number} saved." if saved.number else f"“{saved.title}” saved.")
        return redirect(_at_minute(saved))
    saved_now, saved_resolutions = None, ""
    if isinstance(form.refusal, services.StaleEdit):
        saved_now = form.refusal.current
        saved_resolutions = "\n\n".join(selectors.resolution_texts(minute=saved_now))
        # Saving again after merging is a deliberate choice made with the current text in view.
        data = request.POST.copy()
        data["revision"] = str(saved_now.revision)
        form.data = data
    context = {
        "form": form,
        "minute": minute,
        "committee": minute.meeting.committee,
        "saved_now": saved_now,
        "saved_resolutions": saved_resolutions,
        "cancel_url": _back(minute.meeting_id),
    }
    return render(request, "minutes/officer/edit.html", context, status=400 if form.errors else 200)


def _amendable_parts(minute: Minute) -> dict[str, tuple[str, str]]:
    """part key -> (label, the text saved now)."""
    parts = {"title": ("Heading", minute.title), "narrative": ("Minute", minute.narrative)}
    for r in minute.resolutions.all():
        parts[f"resolution-{r.number}"] = (f"Resolution {r.number}", r.text)
    return parts


@officer_required
def amend(request: HttpRequest, pk: int) -> HttpResponse:
    minute = _officer_minute(request, pk)
    parts = _amendable_parts(minute)
    part = request.POST.get("part") or request.GET.get("part") or "narrative"
    if part not in parts:
        raise Http404("No such part of the minute.")
    label, current = parts[part]
    return form_page(
        request,
        forms.AmendForm.bound_to(
            request, minute=minute, initial={"text": current, "part": part, "revision": minute.revision}
        ),
        partial(services.minute_amend, minute=minute),
        success=lambda _: (
            f"Correction to {label.lower()} of minute {minute.number or ''} recorded.",
            _at_minute(minute),
        ),
        committee=minute.meeting.committee,
        heading=f"Correct confirmed minute {minute.number or ''}",
        cancel_url=_back(minute.meeting_id),
        template="minutes/officer/amend.html",
        context={
            "minute": minute,
            "parts": [(key, text[0]) for key, text in parts.items()],
            "part": part,
            "label": label,
            "current": current,
        },
    )


def _tracker_page(committee: Committee) -> str:
    return reverse("tracker", args=[committee.slug])


@officer_required
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    minute = _officer_minute(request, pk)
    return form_page(
        request,
        forms.ActionForm.bound_to(request, meeting=minute.meeting),
        partial(services.action_record, minute=minute),
        success=lambda a: (f"Action recorded, due {a.due_on:%d %B %Y}.", _tracker_page(minute.meeting.committee)),
        committee=minute.meeting.committee,
        heading=f"Record an action from minute {minute.number or ''}",
        submit="Record action",
        cancel_url=_back(minute.meeting_id),
    )


@officer_required
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    minute = _officer_minute(request, pk)
    return form_page(
        request,
        forms.RecommendationForm.bound_to(request),
        partial(services.recommendation_draft, minute=minute),
        success=lambda _: (
            "Recommendation drafted: send it for comment on factual accuracy next.",
            _tracker_page(minute.meeting.committee),
        ),
        committee=minute.meeting.committee,
        heading=f"Draft a recommendation from minute {minute.number or ''}",
        submit="Draft recommendation",
        cancel_url=_back(minute.meeting_id),
    )


@officer_required
def reference_add(request: HttpRequest, pk: int) -> HttpResponse:
    minute = _officer_minute(request, pk)
    return form_page(
        request,
        forms.ReferenceForm.bound_to(request),
        partial(services.reference_make, minute=minute),
        success=lambda r: (f"Reference to {r.recipient} recorded: record its outcome once decided.",
                           _references_page(minute.meeting.committee)),
        committee=minute.meeting.committee,
        heading=f"Record a reference from minute {minute.number or ''}".rstrip(),
        caption=f"{minute.meeting.committee.name}, {minute.meeting.date_display}: {minute.title}",
        submit="Record the reference",
        cancel_url=_back(minute.meeting_id),
    )


@officer_required
def reference_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    reference = get_object_or_404(Reference.internal.select_related("minute__meeting__committee"), pk=pk)
    committee = reference.minute.meeting.committee
    ensure_runs(request, committee)
    return form_page(
        request,
        forms.ReferenceOutcomeForm.bound_to(request),
        partial(services.reference_outcome_record, reference=reference),
        success=lambda r: (f"The outcome is recorded: {r.get_status_display().lower()}.", _references_page(committee)),
        committee=committee,
        heading=f"Record what {reference.recipient} decided",
        caption=reference.subject[:120],
        submit="Record the outcome",
        cancel_url=_references_page(committee),
    )


@officer_required
def outside_meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    minute = _officer_minute(request, pk)
    return form_page(
        request,
        forms.OutsideMeetingForm.bound_to(request, minute=minute),
        partial(services.outside_meeting_note, minute=minute),
        success=lambda n: (f"Recorded: {n.body}, {n.held_display} ({n.statement.lower()}).", _back(minute.meeting_id)),
        committee=minute.meeting.committee,
        heading="Record another body's meeting this minute noted",
        caption=f"{minute.meeting.committee.name}, {minute.meeting.date_display}: {minute.title}",
        intro="The Police and Crime Panel, the Community Safety Partnership or a county's board: the date of its "
        "meeting and how the committee heard of it. A verbal update given before the body published its minutes "
        "is recorded as such.",
        submit="Record it",
        cancel_url=_back(minute.meeting_id),
    )


@officer_required
@require_POST
def outside_meeting_remove(request: HttpRequest, pk: int) -> HttpResponse:
    noted = get_object_or_404(OutsideMeetingNoted.internal.select_related("minute__meeting__committee", "body"), pk=pk)
    committee = noted.minute.meeting.committee
    ensure_runs(request, committee)
    back = reverse("committee_outside_meetings", args=[committee.slug])
    return action_redirect(request, partial(services.outside_meeting_remove, noted=noted),
                           success=lambda _: (f"Removed: {noted}.", back), refused_url=back)


@officer_required
@require_POST
def reference_remove(request: HttpRequest, pk: int) -> HttpResponse:
    reference = get_object_or_404(Reference.internal.select_related("minute__meeting__committee"), pk=pk)
    committee = reference.minute.meeting.committee
    ensure_runs(request, committee)
    back = _references_page(committee)
    return action_redirect(request, partial(services.reference_remove, reference=reference),
                           success=lambda _: (f"The reference to {reference.recipient} is removed.", back),
                           refused_url=back)


def committee_outside_meetings(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    runs = Viewer.of(request).runs(committee)
    context = {"committee": committee, "runs": runs,
               "noted": selectors.committee_outside_meetings(committee=committee, internal=runs)}
    return render(request, "minutes/outside_meetings.html", context)


def _references_page(committee: Committee) -> str:
    return reverse("committee_references", args=[committee.slug])


def committee_references(request: HttpRequest, slug: str) -> HttpResponse:
    """The committee's references to the Council and the Cabinet, with their outcomes: what the
    public may read, and for its officers the rest too (those of minutes not yet published)."""
    committee = get_object_or_404(Committee, slug=slug)
    runs = Viewer.of(request).runs(committee)
    context = {"committee": committee, "runs": runs,
               "references": selectors.committee_references(committee=committee, internal=runs)}
    return render(request, "minutes/references.html", context)


def _action_back(action: Action) -> str:
    return _tracker_page(action.minute.meeting.committee) + f"#action-{action.pk}"


def _officer_action(request: HttpRequest, pk: int) -> Action:
    action: Action = get_object_or_404(Action.objects.select_related("minute__meeting__committee"), pk=pk)
    ensure_runs(request, action.minute.meeting.committee)
    return action


@officer_required
def action_close(request: HttpRequest, pk: int) -> HttpResponse:
    action = _officer_action(request, pk)
    return form_page(
        request,
        forms.ActionCloseForm.bound_to(request, action=action),
        partial(services.action_close, action=action),
        success=lambda a: (f"Action closed: {a.get_status_display().lower()}.", _action_back(a)),
        committee=action.minute.meeting.committee,
        heading="Close an action",
        caption=f"{action.description[:120]} ({action.owner})",
        submit="Close action",
        cancel_url=_action_back(action),
    )


@officer_required
def action_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    action = _officer_action(request, pk)
    return form_page(
        request,
        forms.ActionReopenForm.bound_to(request),
        partial(services.action_reopen, action=action),
        success=lambda a: ("Action reopened.", _action_back(a)),
        committee=action.minute.meeting.committee,
        heading="Reopen an action",
        caption=f"{action.description[:120]} ({action.owner})",
        submit="Reopen action",
        cancel_url=_action_back(action),
    )


def _reported(reports: list[Any]) -> str:
    count = len(reports)
    return (
        f"{count} open action{'s' if count != 1 else ''} recorded as reported to the meeting of "
        f"{reports[0].meeting.date_display}."
    )


@officer_required
def actions_report(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    ensure_runs(request, committee)
    back = _tracker_page(committee)
    return form_page(
        request,
        forms.ActionsReportForm.bound_to(request, committee=committee),
        partial(services.actions_report, committee=committee),
        success=lambda reports: (_reported(reports), back),
        committee=committee,
        heading="Record that the open actions were reported to a meeting",
        intro="Each open action from an earlier meeting is marked as reported to the meeting you choose, "
        "with its status then; an action already reported to that meeting is left as it is.",
        submit="Record",
        cancel_url=back,
    )


@dataclass(frozen=True)
class Step:
    """A step of a recommendation's follow-up, as the tracker offers it."""

    heading: str
    submit: str
    form: type[forms.StepForm]
    service: Callable[..., Recommendation]


STEPS = {
    "send": Step(
        "Record that it was sent for comment on factual accuracy",
        "Record",
        forms.SentForCheckForm,
        services.recommendation_send_for_check,
    ),
    "make": Step(
        "Record that the recommendation was made formally", "Record", forms.MadeForm, services.recommendation_make
    ),
    "extend": Step(
        "Record an extension agreed by the committee",
        "Record extension",
        forms.ExtendForm,
        services.recommendation_extend,
    ),
    "response": Step(
        "Record the written response",
        "Record response",
        forms.ResponseForm,
        services.recommendation_record_response,
    ),
    "report": Step(
        "Record that the response was reported to the Committee",
        "Record",
        forms.ReportBackForm,
        services.recommendation_report_back,
    ),
}


@officer_required
def recommendation_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    rec = get_object_or_404(Recommendation.objects.select_related("minute__meeting__committee", "authority"), pk=pk)
    ensure_runs(request, rec.minute.meeting.committee)
    if step not in STEPS:
        raise Http404("No such step.")
    chosen = STEPS[step]
    committee = rec.minute.meeting.committee
    back = _tracker_page(committee)
    form: ServiceForm = chosen.form.bound_to(request, committee=committee)
    return form_page(
        request,
        form,
        partial(chosen.service, recommendation=rec),
        success=lambda r: (f"Recommendation to {r.authority.name}: {r.get_status_display().lower()}.", back),
        committee=committee,
        heading=chosen.heading,
        caption=f"To {rec.authority.name}: {rec.text[:80]}",
        submit=chosen.submit,
        cancel_url=back,
    )


# -- officers: attendance and declarations -----------------------------------------------------


def _attendance_page(pk: int) -> str:
    return reverse("meeting_attendance", args=[pk])


@officer_required
def attendance_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Who attended and what was declared: the lists, with a form to add to each. The form
    posted is named by its submit button (`form`); the other is shown afresh."""
    meeting = meeting_to_run(request, pk)
    posted = request.POST.get("form") if request.method == "POST" else None
    person = forms.AttendanceForm(request.POST if posted == "attendance" else None, meeting=meeting,
                                  prefix="attendance")
    declaration = forms.DeclarationForm(request.POST if posted == "declaration" else None, meeting=meeting,
                                        prefix="declaration")
    chosen: tuple[ServiceForm, Callable[..., Any], Callable[[Any], str]] | None = None
    if posted == "attendance":
        chosen = (person, partial(attendance.attendance_record, meeting=meeting), lambda a: f"{a.label} recorded.")
    elif posted == "declaration":
        chosen = (declaration, partial(attendance.declaration_record, meeting=meeting),
                  lambda d: f"{d.person.formal_name}'s interest in item {d.agenda_item.number} recorded.")
    if chosen is not None:
        form, service, said = chosen
        done = form_submit(request, form, service)
        if done is not None:
            messages.success(request, said(done.result))
            return redirect(_attendance_page(pk))
    present, needed, quorate = selectors.quorum(meeting=meeting)
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "entries": selectors.attendance_entries(meeting=meeting),
        "declarations": selectors.declarations(meeting=meeting),
        "quorum": {"present": present, "needed": needed, "quorate": quorate},
        "person_form": person,
        "declaration_form": declaration,
        "form": person if posted == "attendance" else declaration,  # the error summary's
    }
    status = 400 if (person.errors or declaration.errors) else 200
    return render(request, "minutes/attendance.html", context, status=status)


@officer_required
@require_POST
def attendance_members(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_to_run(request, pk)
    return action_redirect(
        request,
        partial(attendance.attendance_record_members, meeting=meeting),
        success=lambda added: (f"{len(added)} member(s) recorded as present: now mark apologies and absences.",
                               _attendance_page(pk)),
        refused_url=_attendance_page(pk),
    )


@officer_required
@require_POST
def attendance_remove(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(Attendance.objects.select_related("meeting__committee", "person"), pk=pk)
    ensure_runs(request, entry.meeting.committee)
    return action_redirect(
        request,
        partial(attendance.attendance_remove, attendance=entry),
        success=lambda _: (f"{entry.label} removed from the attendance.", _attendance_page(entry.meeting_id)),
        refused_url=_attendance_page(entry.meeting_id),
    )


@officer_required
@require_POST
def declaration_remove(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(Declaration.objects.select_related("meeting__committee", "person"), pk=pk)
    ensure_runs(request, entry.meeting.committee)
    return action_redirect(
        request,
        partial(attendance.declaration_remove, declaration=entry),
        success=lambda _: (f"{entry.person.formal_name}'s declaration removed.", _attendance_page(entry.meeting_id)),
        refused_url=_attendance_page(entry.meeting_id),
    )
