"""The officer's home (the dashboard of what needs doing), the committee's settings, and
the council administrator's screens for the committee's people and seats."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from scrutiny.access.accounts import account_invite_member
from scrutiny.access.decorators import (
    NOT_YOUR_PARTNER,
    administrator_required,
    ensure_administers,
    ensure_runs,
    officer_required,
    partner_required,
)
from scrutiny.access.policy import Viewer
from scrutiny.core.views import Refusal, action_redirect, form_page
from scrutiny.governance import services
from scrutiny.governance.models import Committee, Membership
from scrutiny.governance.selectors import committee_memberships, council_people
from scrutiny.meetings.views import committee_to_run
from scrutiny.minutes.models import Recommendation
from scrutiny.minutes.services import recommendation_record_response
from scrutiny.publishing import services as publishing_services
from scrutiny.publishing.models import StandardItem
from scrutiny.publishing.services import STANDARD_ITEMS

from .forms import (
    CommitteeSettingsForm,
    MemberAccountForm,
    PartnerResponseForm,
    PersonForm,
    RenameForm,
    SeatEndForm,
    SeatForm,
    StandardItemForm,
)
from .selectors import desks, partner_desks


@officer_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/dashboard.html", {"desks": desks(viewer=Viewer.of(request))})


@officer_required
def committee_settings(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_to_run(request, slug)
    return form_page(
        request,
        CommitteeSettingsForm.bound_to(request, committee=committee),
        partial(services.committee_settings_update, committee=committee),
        success=lambda c: ("The committee's settings are saved.", reverse("dashboard")),
        committee=committee,
        heading="The committee's settings",
        caption=committee.name,
        intro="The protocol the committee works to: the calendar, the agenda and the notices use these.",
        submit="Save settings",
        cancel_url=reverse("dashboard"),
    )


# -- the council administrator: people and seats ------------------------------------------------


def _committee_to_administer(request: HttpRequest, slug: str) -> Committee:
    committee = get_object_or_404(Committee.objects.select_related("council"), slug=slug)
    ensure_administers(request, committee.council)
    return committee


def _membership_page(committee: Committee) -> str:
    return reverse("committee_membership", args=[committee.slug])


@administrator_required
def membership(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee_to_administer(request, slug)
    context = {
        "committee": committee,
        "years": committee_memberships(committee=committee),
        "people": council_people(council=committee.council).select_related("user"),
    }
    return render(request, "workspace/membership.html", context)


@administrator_required
def seat_add(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee_to_administer(request, slug)
    return form_page(
        request,
        SeatForm.bound_to(request, committee=committee),
        partial(services.membership_add, committee=committee),
        success=lambda m: (f"{m.holder_label}: {m.get_role_display()} seat given.", _membership_page(committee)),
        committee=committee,
        heading="Give a seat or a standing invitation",
        caption=committee.name,
        intro="A member's seat opens the committee's exempt papers to their account, for the days of the seat.",
        submit="Give seat",
        cancel_url=_membership_page(committee),
    )


@administrator_required
def seat_end(request: HttpRequest, pk: int) -> HttpResponse:
    seat = get_object_or_404(Membership.objects.select_related("person", "organisation__committee__council"), pk=pk)
    committee = seat.organisation.committee
    ensure_administers(request, committee.council)
    return form_page(
        request,
        SeatEndForm.bound_to(request, membership=seat),
        partial(services.membership_end, membership=seat),
        success=lambda m: (f"{m.holder_label}: the seat ends on {m.ends_on:%d %B %Y}.", _membership_page(committee)),
        committee=committee,
        heading=f"End the seat of {seat.holder_label}",
        caption=f"{seat.get_role_display()}, {committee.name}",
        submit="End seat",
        cancel_url=_membership_page(committee),
    )


@administrator_required
def person_add(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee_to_administer(request, slug)
    return form_page(
        request,
        PersonForm.bound_to(request),
        services.person_create,
        success=lambda p: (f"{p.formal_name} added: give them a seat next.", reverse("seat_add", args=[slug])),
        committee=committee,
        heading="Add a person",
        caption=committee.council.name,
        submit="Add person",
        cancel_url=_membership_page(committee),
    )


@administrator_required
def person_account(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    committee = _committee_to_administer(request, slug)
    person = get_object_or_404(council_people(council=committee.council), pk=pk)
    return form_page(
        request,
        MemberAccountForm.bound_to(request),
        partial(account_invite_member, council=committee.council, person=person, site=request.build_absolute_uri("/")),
        success=lambda user: (f"{person.formal_name}'s account {user.email} is linked: a one-time link is on its way.",
                              _membership_page(committee)),
        committee=committee,
        heading=f"An account for {person.formal_name}",
        caption=committee.council.name,
        intro="With it they read the papers of the committees they have a seat on, exempt ones included, for the "
        "days of the seat.",
        submit="Send invitation",
        cancel_url=_membership_page(committee),
    )





@administrator_required
def committee_rename(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee_to_administer(request, slug)
    was = committee.name
    return form_page(
        request,
        RenameForm.bound_to(request),
        partial(services.committee_rename, committee=committee),
        success=lambda c: (f"{was} is now the {c.name}.", _membership_page(committee)),
        committee=committee,
        heading="Rename the committee",
        caption=was,
        submit="Rename",
        cancel_url=_membership_page(committee),
    )


# -- partner contacts ---------------------------------------------------------------------------


@partner_required
def partner_desk(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/partner.html", {"desks": partner_desks(viewer=Viewer.of(request))})


@partner_required
def partner_respond(request: HttpRequest, pk: int) -> HttpResponse:
    """A partner's contact answers a recommendation made to the partner (the officers record a
    response received by post on the follow-up screens)."""
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("authority", "minute__meeting__committee__council"), pk=pk
    )
    committee = recommendation.minute.meeting.committee
    viewer = Viewer.of(request)
    if not viewer.speaks_for(recommendation.authority, council=committee.council):
        raise Refusal(NOT_YOUR_PARTNER)
    return form_page(
        request,
        PartnerResponseForm.bound_to(request),
        partial(recommendation_record_response, recommendation=recommendation, received_on=timezone.localdate()),
        success=lambda r: (f"Your response to the {committee.name} is recorded.", reverse("partner_desk")),
        committee=committee,
        heading="Respond to the recommendation",
        caption=f"To {recommendation.authority.name}, from the meeting of {recommendation.minute.meeting.date_display}",
        intro=recommendation.text,
        submit="Send response",
        cancel_url=reverse("partner_desk"),
    )


# -- the committee's standard items -------------------------------------------------------------


def _standard_items_page(committee: Committee) -> str:
    return reverse("standard_items", args=[committee.slug])


@officer_required
def standard_items(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_to_run(request, slug)
    own = list(StandardItem.objects.filter(committee=committee).order_by("position"))
    context = {"committee": committee, "own": own, "default": STANDARD_ITEMS}
    return render(request, "workspace/standard_items.html", context)


@officer_required
@require_POST
def standard_items_customise(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_to_run(request, slug)
    return action_redirect(
        request,
        partial(publishing_services.standard_items_customise, committee=committee),
        success=lambda items: (f"The committee now has its own {len(items)} standard items.",
                               _standard_items_page(committee)),
        refused_url=_standard_items_page(committee),
    )


def _standard_item_to_run(request: HttpRequest, pk: int) -> StandardItem:
    item = get_object_or_404(StandardItem.objects.select_related("committee__council"), pk=pk)
    ensure_runs(request, item.committee)
    return item


@officer_required
def standard_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _standard_item_to_run(request, pk)
    return form_page(
        request,
        StandardItemForm.bound_to(request, title=item.title, purpose=item.purpose),
        partial(publishing_services.standard_item_update, item=item),
        success=lambda saved: (f"“{saved.title}” saved: agendas built from now on use it.",
                               _standard_items_page(item.committee)),
        committee=item.committee,
        heading="Change a standard item",
        caption=item.get_role_display(),
        submit="Save item",
        cancel_url=_standard_items_page(item.committee),
    )


@officer_required
@require_POST
def standard_item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _standard_item_to_run(request, pk)
    return action_redirect(
        request,
        partial(publishing_services.standard_item_remove, item=item),
        success=lambda _: (f"“{item.title}” is no longer a standard item.", _standard_items_page(item.committee)),
        refused_url=_standard_items_page(item.committee),
    )
