"""The forward plan: the council's Regulation 9 notices, as the public reads them, and the
officers' screens that keep its key decisions and publish the notices."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from scrutiny.access.decorators import ensure_keeps_forward_plan, forward_plan_officer_required
from scrutiny.access.policy import Viewer
from scrutiny.core.downloads import Visibility, file_response
from scrutiny.core.printing import html_to_pdf
from scrutiny.core.views import form_page
from scrutiny.governance.models import Organisation, OrganisationKind
from scrutiny.rules import key_decisions as rules

from . import forms, selectors, services
from .models import ForwardPlanNotice, KeyDecision


def _council(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug, kind=OrganisationKind.COUNCIL)


def forward_plan(request: HttpRequest, slug: str) -> HttpResponse:
    council = _council(slug)
    notices = list(selectors.notices(council=council))
    context = {
        "council": council,
        "notice": notices[0] if notices else None,
        "earlier": notices[1:],
        "taken": selectors.decisions_taken(council=council),
        "rules": selectors.notice_wording(),
        "keeps": Viewer.of(request).keeps_forward_plan(council),
    }
    return render(request, "forward_plan/forward_plan.html", context)


def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(ForwardPlanNotice.objects.select_related("council"), pk=pk)
    return render(request, "forward_plan/notice.html", {"notice": notice, "council": notice.council, "rules": selectors.notice_wording()})


def notice_pdf(request: HttpRequest, pk: int) -> HttpResponseBase:
    notice = get_object_or_404(ForwardPlanNotice.objects.select_related("council"), pk=pk)
    html = render_to_string("forward_plan/notice_print.html", {"notice": notice, "council": notice.council,
                                                               "rules": selectors.notice_wording()})
    return file_response(html_to_pdf(html), filename=f"regulation-9-notice-{notice.published_on:%Y-%m-%d}.pdf",
                         visibility=Visibility.PUBLIC)


# -- officers ----------------------------------------------------------------------------------


def _kept(request: HttpRequest, slug: str) -> Organisation:
    council = _council(slug)
    ensure_keeps_forward_plan(request, council)
    return council


def _decision(request: HttpRequest, pk: int) -> KeyDecision:
    decision = get_object_or_404(KeyDecision.internal.select_related("council"), pk=pk)
    ensure_keeps_forward_plan(request, decision.council)
    return decision


def _list_url(council: Organisation) -> str:
    return reverse("key_decisions", args=[council.slug])


@forward_plan_officer_required
def key_decisions(request: HttpRequest, slug: str) -> HttpResponse:
    council = _kept(request, slug)
    context = {"council": council, "rows": selectors.decisions_for_officers(council=council),
               "notices": selectors.notices(council=council)[:5]}
    return render(request, "forward_plan/key_decisions.html", context)


@forward_plan_officer_required
def key_decision_add(request: HttpRequest, slug: str) -> HttpResponse:
    council = _kept(request, slug)
    return form_page(
        request, forms.KeyDecisionForm.bound_to(request), partial(services.key_decision_create, council=council),
        success=lambda d: (f"“{d.title}” is in the plan: the next notice you publish lists it.", _list_url(council)),
        heading="Add a key decision", caption=f"{council.name}: forward plan", submit="Add to the plan",
        cancel_url=_list_url(council), intro=rules.KEY_DECISION_DEFINITION,
    )


@forward_plan_officer_required
def key_decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    initial = {name: getattr(decision, name) for name in services.DETAILS}
    initial["private"] = "yes" if decision.private else "no"
    return form_page(
        request, forms.KeyDecisionForm.bound_to(request, initial=initial),
        partial(services.key_decision_update, decision=decision),
        success=lambda d: (f"“{d.title}” is changed: the next notice says so.", _list_url(d.council)),
        heading="Change a key decision", caption=decision.title, cancel_url=_list_url(decision.council),
    )


@forward_plan_officer_required
def key_decision_exception(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    initial = {"exception": decision.exception, "chair_informed_on": decision.chair_informed_on,
               "chair_agreed_on": decision.chair_agreed_on, "exception_notice_on": decision.exception_notice_on,
               "exception_reasons": decision.exception_reasons}
    return form_page(
        request, forms.ExceptionForm.bound_to(request, initial=initial),
        partial(services.key_decision_exception_record, decision=decision),
        success=lambda d: (f"The exception for “{d.title}” is recorded.", _list_url(d.council)),
        heading="General exception or special urgency", caption=decision.title,
        intro="Where 28 clear days' notice is impracticable: the general exception (reg 10) once the chair of the "
        "relevant overview and scrutiny committee is told in writing and 5 clear days pass after the notice; "
        "special urgency (reg 11) when the chair agrees the decision is urgent and cannot reasonably be deferred.",
        cancel_url=_list_url(decision.council),
    )


@forward_plan_officer_required
def key_decision_taken(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    return form_page(
        request, forms.TakenForm.bound_to(request, initial={"taken_on": decision.decision_on}),
        partial(services.key_decision_take, decision=decision),
        success=lambda d: (f"“{d.title}” is recorded as taken.", _list_url(d.council)),
        heading="Record that the decision was taken", caption=decision.title, submit="Record it",
        cancel_url=_list_url(decision.council),
    )


@forward_plan_officer_required
def key_decision_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    return form_page(
        request, forms.WithdrawForm.bound_to(request), partial(services.key_decision_withdraw, decision=decision),
        success=lambda d: (f"“{d.title}” is withdrawn from the plan.", _list_url(d.council)),
        heading="Withdraw a key decision", caption=decision.title, submit="Withdraw it",
        cancel_url=_list_url(decision.council),
    )


@forward_plan_officer_required
def forward_plan_publish(request: HttpRequest, slug: str) -> HttpResponse:
    council = _kept(request, slug)
    latest = selectors.notices(council=council).first()
    initial = {"published_on": timezone.localdate(), "statement": latest.statement if latest else ""}
    return form_page(
        request, forms.PublishForm.bound_to(request, initial=initial),
        partial(services.forward_plan_publish, council=council),
        success=lambda n: (f"The notice of {n.published_on:%-d %B %Y} is published, listing {len(n.entries)} "
                           f"decision{'s' if len(n.entries) != 1 else ''}.", reverse("notice", args=[n.pk])),
        heading="Publish the Regulation 9 notice", caption=f"{council.name}: forward plan", submit="Publish the notice",
        intro=f"The notice lists every key decision still to be taken in the next {rules.NOTICE_MONTHS} months, as the "
        "plan stands now, and is frozen as published. Each decision it lists for the first time is notified from its "
        "date: 28 clear days must then pass before it is taken (reg 9).",
        cancel_url=_list_url(council),
    )
