"""Minutes pages (public once published), their PDF and Word versions, the decisions list
and the follow-up tracker; and the officers' screens that write and confirm them."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from scrutiny.access.decorators import officer_required
from scrutiny.access.policy import Viewer
from scrutiny.core.views import form_page
from scrutiny.governance.models import Committee
from scrutiny.meetings.selectors import meeting_get

from . import selectors, services
from .forms import ActionForm, AmendForm, ConfirmForm, MinuteEditForm, RecommendationForm, SignForm
from .models import Minute, MinutesRecord, Resolution


def _minutes_context(meeting, viewer):
    minutes = selectors.meeting_minutes(meeting=meeting, viewer=viewer)
    if not minutes:
        raise Http404("No minutes published for that meeting.")
    record = MinutesRecord.objects.filter(meeting=meeting).select_related("confirmed_at", "signed_by").first()
    present, needed, quorate = selectors.quorum(meeting=meeting)
    return {
        "meeting": meeting,
        "committee": meeting.committee,
        "minutes": minutes,
        "record": record,
        "attendance": selectors.attendance(meeting=meeting),
        "quorum": {"present": present, "needed": needed, "quorate": quorate},
        "refs": selectors.minute_references(meeting=meeting, viewer=viewer),
        "chairman": selectors.chairman_name(meeting=meeting),
        "confirmation": selectors.confirmation(meeting=meeting, viewer=viewer),
    }


def meeting_minutes(request, pk: int):
    meeting = meeting_get(pk=pk)
    viewer = Viewer.of(request)
    context = _minutes_context(meeting, viewer)
    if viewer.is_officer:
        context["follow_up"] = {
            m.pk: m
            for m in Minute.internal.filter(meeting=meeting).prefetch_related(
                "actions", "recommendations", "amendments"
            )
        }
    return render(request, "minutes/meeting_minutes.html", context)


def minute_detail(request, pk: int):
    viewer = Viewer.of(request)
    meeting, minute = selectors.minute_get(pk=pk, viewer=viewer)
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "minute": minute,
        "refs": selectors.minute_references(meeting=meeting, viewer=viewer),
    }
    return render(request, "minutes/minute_detail.html", context)


def minutes_pdf(request, pk: int):
    from django.template.loader import render_to_string

    from scrutiny.publishing.pack import html_to_pdf

    meeting = meeting_get(pk=pk)
    viewer = Viewer.of(request)
    context = _minutes_context(meeting, viewer)
    pdf = html_to_pdf(render_to_string("publishing/minutes_print.html", context))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.date:%Y-%m-%d}.pdf"'
    response["Cache-Control"] = (
        "private, no-store" if viewer.may_see_exempt_of_meeting(meeting) else "public, max-age=300"
    )
    return response


def minutes_word(request, pk: int):
    from .word import minutes_docx

    meeting = meeting_get(pk=pk)
    viewer = Viewer.of(request)
    data = minutes_docx(_minutes_context(meeting, viewer))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="minutes-{meeting.date:%Y-%m-%d}.docx"'
    response["Cache-Control"] = (
        "private, no-store" if viewer.may_see_exempt_of_meeting(meeting) else "public, max-age=300"
    )
    return response


def decisions(request, pk: int):
    meeting = meeting_get(pk=pk)
    entries = selectors.decisions(meeting=meeting, viewer=Viewer.of(request))
    if entries is None:
        raise Http404("No minutes published for that meeting.")
    return render(
        request,
        "minutes/decisions.html",
        {"meeting": meeting, "committee": meeting.committee, "decisions": entries},
    )


def tracker(request, slug: str):
    committee = get_object_or_404(Committee, slug=slug)
    context = {"committee": committee, **selectors.tracker(committee=committee, viewer=Viewer.of(request))}
    return render(request, "minutes/tracker.html", context)


# -- officers ----------------------------------------------------------------------------------


def _back(meeting_pk: int) -> str:
    return reverse("meeting_minutes", args=[meeting_pk])


def _run(request, action, success, url):
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect(url)


@officer_required
@require_POST
def draft(request, pk: int):
    meeting = meeting_get(pk=pk)
    return _run(
        request,
        lambda: services.minutes_draft(meeting=meeting, by=request.user),
        "Draft minutes started: the standard items have their usual words.",
        _back(pk),
    )


@officer_required
@require_POST
def publish(request, pk: int):
    meeting = meeting_get(pk=pk)
    return _run(
        request,
        lambda: services.minutes_publish(meeting=meeting, by=request.user),
        "Minutes published as a draft, not yet confirmed.",
        _back(pk),
    )


@officer_required
def confirm(request, pk: int):
    meeting = meeting_get(pk=pk)
    form = ConfirmForm(request.POST or None, meeting=meeting)
    return form_page(
        request,
        form=form,
        committee=meeting.committee,
        heading=f"Confirm the minutes of {meeting.date_display}",
        action=lambda d: services.minutes_confirm(
            meeting=meeting,
            at_meeting=d["at_meeting"],
            by=request.user,
        ),
        submit="Record confirmation",
        cancel_url=_back(pk),
        success=lambda r: (
            f"Minutes confirmed at the meeting of {r.confirmed_at.date_display}: their text is now locked.",
            _back(pk),
        ),
    )


@officer_required
def sign(request, pk: int):
    meeting = meeting_get(pk=pk)
    form = SignForm(request.POST or None)
    return form_page(
        request,
        form=form,
        committee=meeting.committee,
        heading=f"Record the Chairman's signature: {meeting.date_display}",
        action=lambda d: services.minutes_sign(
            meeting=meeting, chairman=d["chairman"], signed_on=d["signed_on"], by=request.user
        ),
        submit="Record signature",
        cancel_url=_back(pk),
        success=lambda r: ("Minutes signed.", _back(pk)),
    )


def _split_resolutions(text: str) -> list[str]:
    """One resolution a paragraph. Browsers submit a textarea's line breaks as CRLF, and a
    line that looks blank may hold spaces."""
    return re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))


def _resolution_texts(minute) -> str:
    return "\n\n".join(r.text for r in Resolution.internal.filter(minute=minute).order_by("number"))


@officer_required
def edit(request, pk: int):
    """The minute and its resolutions are saved together, or not at all. If someone else
    saved the minute meanwhile, the page shows their saved text beside the editor's own, and
    the next save starts from theirs: the editor merges, nothing is lost silently."""
    minute = get_object_or_404(Minute.internal.select_related("meeting__committee"), pk=pk)
    initial = {
        "title": minute.title,
        "narrative": minute.narrative,
        "number": minute.number,
        "revision": minute.revision,
        "resolutions": _resolution_texts(minute),
    }
    form = MinuteEditForm(request.POST or None, initial=initial)
    saved_now = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.minute_edit(
                minute=minute,
                expected_revision=d["revision"],
                narrative=d["narrative"],
                title=d["title"],
                number=d["number"],
                resolutions=_split_resolutions(d["resolutions"]),
                by=request.user,
            )
        except services.StaleEdit as exc:
            form.add_error(None, exc.messages[0])
            saved_now = exc.current
            saved_now.resolution_texts = _resolution_texts(saved_now)
            # Saving again after merging is a deliberate choice made with the current text in view.
            form.data = form.data.copy()
            form.data["revision"] = saved_now.revision
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Minute {minute.number or ''} saved.")
            return redirect(_back(minute.meeting_id) + f"#minute-{minute.pk}")
    context = {
        "form": form,
        "minute": minute,
        "committee": minute.meeting.committee,
        "saved_now": saved_now,
        "cancel_url": _back(minute.meeting_id),
    }
    return render(request, "minutes/officer/edit.html", context, status=400 if form.errors else 200)


def _amendable_parts(minute) -> dict[str, tuple[str, str]]:
    """part key -> (label, the text saved now)."""
    parts = {"title": ("Heading", minute.title), "narrative": ("Minute", minute.narrative)}
    for r in minute.resolutions.all():
        parts[f"resolution-{r.number}"] = (f"Resolution {r.number}", r.text)
    return parts


@officer_required
def amend(request, pk: int):
    minute = get_object_or_404(Minute.internal.select_related("meeting__committee"), pk=pk)
    parts = _amendable_parts(minute)
    part = request.POST.get("part") or request.GET.get("part") or "narrative"
    if part not in parts:
        raise Http404("No such part of the minute.")
    label, current = parts[part]
    form = AmendForm(
        request.POST or None,
        minute=minute,
        initial={"text": current, "part": part, "revision": minute.revision},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        field, _, number = part.partition("-")
        try:
            services.minute_amend(
                minute=minute,
                field=field,
                resolution_number=int(number) if number else None,
                text=d["text"],
                reason=d["reason"],
                agreed_at=d["agreed_at"],
                expected_revision=d["revision"],
                by=request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Correction to {label.lower()} of minute {minute.number or ''} recorded.")
            return redirect(_back(minute.meeting_id) + f"#minute-{minute.pk}")
    context = {
        "form": form,
        "minute": minute,
        "committee": minute.meeting.committee,
        "parts": [(key, text[0]) for key, text in parts.items()],
        "part": part,
        "label": label,
        "current": current,
        "cancel_url": _back(minute.meeting_id),
    }
    return render(request, "minutes/officer/amend.html", context, status=400 if form.errors else 200)


@officer_required
def action_add(request, pk: int):
    minute = get_object_or_404(Minute.internal.select_related("meeting__committee"), pk=pk)
    form = ActionForm(request.POST or None)
    return form_page(
        request,
        form=form,
        committee=minute.meeting.committee,
        heading=f"Record an action from minute {minute.number or ''}",
        action=lambda d: services.action_record(
            minute=minute,
            description=d["description"],
            owner_person=d["owner_person"],
            owner_organisation=d["owner_organisation"],
            owner_note=d["owner_note"],
            due_on=d["due_on"],
            by=request.user,
        ),
        submit="Record action",
        cancel_url=_back(minute.meeting_id),
        success=lambda a: (
            f"Action recorded, due {a.due_on:%d %B %Y}.",
            reverse("tracker", args=[minute.meeting.committee.slug]),
        ),
    )


@officer_required
def recommendation_add(request, pk: int):
    minute = get_object_or_404(Minute.internal.select_related("meeting__committee"), pk=pk)
    form = RecommendationForm(request.POST or None)
    return form_page(
        request,
        form=form,
        committee=minute.meeting.committee,
        heading=f"Draft a recommendation from minute {minute.number or ''}",
        action=lambda d: services.recommendation_draft(
            minute=minute, authority=d["authority"], text=d["text"], by=request.user
        ),
        submit="Draft recommendation",
        cancel_url=_back(minute.meeting_id),
        success=lambda r: (
            "Recommendation drafted: send it for comment on factual accuracy next.",
            reverse("tracker", args=[minute.meeting.committee.slug]),
        ),
    )


def _action_back(action) -> str:
    return reverse("tracker", args=[action.minute.meeting.committee.slug]) + f"#action-{action.pk}"


def _officer_action(pk: int):
    from .models import Action

    return get_object_or_404(Action.objects.select_related("minute__meeting__committee"), pk=pk)


@officer_required
def action_close(request, pk: int):
    from .forms import ActionCloseForm

    action = _officer_action(pk)
    return form_page(
        request,
        form=ActionCloseForm(request.POST or None, action=action),
        committee=action.minute.meeting.committee,
        heading="Close an action",
        caption=f"{action.description[:120]} ({action.owner})",
        action=lambda d: services.action_close(
            action=action,
            done=d["result"] == "done",
            closed_on=d["closed_on"],
            outcome=d["outcome"],
            reported_at=d["reported_at"],
            by=request.user,
        ),
        submit="Close action",
        cancel_url=_action_back(action),
        success=lambda a: (f"Action closed: {a.get_status_display().lower()}.", _action_back(a)),
    )


@officer_required
def action_reopen(request, pk: int):
    from .forms import ActionReopenForm

    action = _officer_action(pk)
    return form_page(
        request,
        form=ActionReopenForm(request.POST or None),
        committee=action.minute.meeting.committee,
        heading="Reopen an action",
        caption=f"{action.description[:120]} ({action.owner})",
        action=lambda d: services.action_reopen(action=action, reason=d["reason"], by=request.user),
        submit="Reopen action",
        cancel_url=_action_back(action),
        success=lambda a: ("Action reopened.", _action_back(a)),
    )


@officer_required
def actions_report(request, slug: str):
    from .forms import ActionsReportForm

    committee = get_object_or_404(Committee, slug=slug)
    back = reverse("tracker", args=[slug])
    return form_page(
        request,
        form=ActionsReportForm(request.POST or None, committee=committee),
        committee=committee,
        heading="Record that the open actions were reported to a meeting",
        intro="Each open action from an earlier meeting is marked as reported to the meeting you choose, "
        "with its status then; an action already reported to that meeting is left as it is.",
        action=lambda d: services.actions_report(
            committee=committee, meeting=d["meeting"], include_exempt=d["include_exempt"], by=request.user
        ),
        submit="Record",
        cancel_url=back,
        success=lambda reports: (
            f"{len(reports)} open action{'s' if len(reports) != 1 else ''} recorded as reported to the meeting of "
            f"{reports[0].meeting.date_display}.",
            back,
        ),
    )


STEPS = {
    "send": ("Record that it was sent for comment on factual accuracy", "Record"),
    "make": ("Record that the recommendation was made formally", "Record"),
    "extend": ("Record an extension agreed by the committee", "Record extension"),
    "response": ("Record the written response", "Record response"),
    "report": ("Record that the response was reported to the Committee", "Record"),
}


@officer_required
def recommendation_step(request, pk: int, step: str):
    from .forms import DateStepForm, ExtendForm, ReportBackForm, ResponseForm
    from .models import Recommendation

    rec = get_object_or_404(
        Recommendation.objects.select_related("minute__meeting__committee", "authority"), pk=pk
    )
    if step not in STEPS:
        raise Http404("No such step.")
    committee = rec.minute.meeting.committee
    forms_by_step = {
        "send": lambda: DateStepForm(request.POST or None),
        "make": lambda: DateStepForm(request.POST or None),
        "extend": lambda: ExtendForm(request.POST or None),
        "response": lambda: ResponseForm(request.POST or None),
        "report": lambda: ReportBackForm(request.POST or None, committee=committee),
    }
    actions = {
        "send": lambda d: services.recommendation_send_for_check(
            recommendation=rec, sent_on=d["on"], by=request.user
        ),
        "make": lambda d: services.recommendation_make(recommendation=rec, made_on=d["on"], by=request.user),
        "extend": lambda d: services.recommendation_extend(
            recommendation=rec, days=d["days"], reason=d["reason"], by=request.user
        ),
        "response": lambda d: services.recommendation_record_response(
            recommendation=rec, received_on=d["on"], response=d["response"], by=request.user
        ),
        "report": lambda d: services.recommendation_report_back(
            recommendation=rec, meeting=d["meeting"], by=request.user
        ),
    }
    heading, submit = STEPS[step]
    back = reverse("tracker", args=[committee.slug])
    return form_page(
        request,
        form=forms_by_step[step](),
        committee=committee,
        heading=heading,
        caption=f"To {rec.authority.name}: {rec.text[:80]}",
        action=actions[step],
        submit=submit,
        cancel_url=back,
        success=lambda r: (f"Recommendation to {r.authority.name}: {r.get_status_display().lower()}.", back),
    )


def tracker_report_pdf(request, slug: str):
    """The follow-up report to the next meeting, as a paper to put on its agenda.

    Always the public view (an anonymous viewer), whoever downloads it: a paper made for the
    public pack must never carry follow-up from exempt minutes.
    """
    from django.template.loader import render_to_string
    from django.utils import timezone

    from scrutiny.publishing.pack import html_to_pdf

    committee = get_object_or_404(Committee, slug=slug)
    tracked = selectors.tracker(committee=committee, viewer=Viewer())
    today = timezone.localdate()
    context = {
        "committee": committee,
        "today": today,
        "open_actions": [t for t in tracked["actions"] if t.action.status == "open"],
        "overdue_count": sum(1 for t in tracked["actions"] if t.overdue),
        "recommendations": [t for t in tracked["recommendations"] if t.recommendation.status != "reported"],
        "overdue_responses": sum(1 for t in tracked["recommendations"] if t.overdue),
    }
    response = HttpResponse(html_to_pdf(render_to_string("minutes/tracker_print.html", context)),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="follow-up-{committee.slug}-{today:%Y-%m-%d}.pdf"'
    return response
