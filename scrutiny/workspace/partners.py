"""The council administrator's partners and posts screen: the partnerships the committee
scrutinises and their member bodies, bodies succeeding one another, and officer posts.
Forms feed `governance.partners`; every choice is narrowed to the committee's remit."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from scrutiny.access.decorators import administrator_required, ensure_administers
from scrutiny.core.forms import GovDateField, ServiceForm, choose_from
from scrutiny.core.views import form_page
from scrutiny.governance import partners as services
from scrutiny.governance.models import (
    Committee,
    Organisation,
    OrganisationKind,
    PartnerRole,
    Partnership,
    Person,
    Post,
)
from scrutiny.governance.selectors import (
    council_people,
    partner_scope,
    partners_screen,
    scrutinised_partnerships,
)

T = TypeVar("T")

_NOTE_HELP = "For officers only: never shown publicly."


class ScrutinyForm(ServiceForm):
    name = forms.CharField(label="Name of the partnership", max_length=200,
                           error_messages={"required": "Enter the partnership's name"},
                           help_text="As the papers name it: 'Dartford Community Safety Partnership'.")
    starts_on = GovDateField(label="Scrutinised from", required=False, help_text="Leave empty if not known.")
    ends_on = GovDateField(label="Scrutinised until", required=False, help_text="Leave empty if it still is.")


class PartnerForm(ServiceForm):
    partnership = forms.ModelChoiceField(label="Partnership", queryset=Organisation.objects.none(),
                                         error_messages={"required": "Choose the partnership"})
    member = forms.ModelChoiceField(label="A body already recorded", required=False,
                                    queryset=Organisation.objects.none(),
                                    help_text="Or give the name of a new one below.")
    name = forms.CharField(label="Name of a new body", required=False, max_length=200)
    short_name = forms.CharField(label="Short name of the new body", required=False, max_length=60,
                                 help_text="As the papers abbreviate it: 'KFRS'.")
    kind = forms.ChoiceField(label="Kind of the new body", choices=OrganisationKind.choices,
                             initial=OrganisationKind.RESPONSIBLE_AUTHORITY)
    public_description = forms.CharField(label="Public description of the new body", required=False,
                                         widget=forms.Textarea)
    role = forms.ChoiceField(label="Role in the partnership", choices=PartnerRole.choices)
    starts_on = GovDateField(label="Partner from", required=False, help_text="Leave empty if not known.")
    ends_on = GovDateField(label="Partner until", required=False, help_text="Leave empty if not known.")
    note = forms.CharField(label="Internal note", required=False, widget=forms.Textarea, help_text=_NOTE_HELP)

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        remits = [s.partnership_id for s in scrutinised_partnerships(committee=committee)]
        choose_from(self, "partnership", Organisation.objects.filter(pk__in=remits))
        choose_from(self, "member", partner_scope(committee=committee).exclude(kind=OrganisationKind.CSP))


class PartnerEndForm(ServiceForm):
    ends_on = GovDateField(label="Left the partnership on")


class SuccessionForm(ServiceForm):
    predecessor = forms.ModelChoiceField(label="The body that ended", queryset=Organisation.objects.none(),
                                         error_messages={"required": "Choose the body that ended"})
    successor = forms.ModelChoiceField(label="The body that took over", queryset=Organisation.objects.none(),
                                       error_messages={"required": "Choose the body that took over"})
    on = GovDateField(label="Took over on", required=False, help_text="Leave empty if not known.")
    note = forms.CharField(label="Internal note", required=False, widget=forms.Textarea, help_text=_NOTE_HELP)

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self, "predecessor", partner_scope(committee=committee))
        choose_from(self, "successor", partner_scope(committee=committee))


class PostForm(ServiceForm):
    organisation = forms.ModelChoiceField(label="Organisation", queryset=Organisation.objects.none(),
                                          error_messages={"required": "Choose the organisation of the post"})
    title = forms.CharField(label="Title of the post", max_length=200,
                            error_messages={"required": "Enter the post's title"},
                            help_text="'Community Safety Manager', 'Strategic Director (External Services)'.")
    unit = forms.CharField(label="Unit", required=False, max_length=120, help_text="For example, CSU")

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self, "organisation", partner_scope(committee=committee).exclude(kind=OrganisationKind.CSP))


class PostHolderForm(ServiceForm):
    person = forms.ModelChoiceField(label="Person", queryset=Person.objects.none(),
                                    error_messages={"required": "Choose the person appointed"},
                                    help_text="Not listed? Add the person first, on the membership screen.")
    starts_on = GovDateField(label="Holds the post from", required=False, help_text="Leave empty if not known.")
    ends_on = GovDateField(label="Held the post until", required=False, help_text="Leave empty if still held.")

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self, "person", council_people(council=committee.council), label=lambda p: p.formal_name)


# -- views --------------------------------------------------------------------------------------


def _committee(request: HttpRequest, slug: str) -> Committee:
    committee = get_object_or_404(Committee.objects.select_related("council"), slug=slug)
    ensure_administers(request, committee.council)
    return committee


def _page(committee: Committee) -> str:
    return reverse("committee_partners", args=[committee.slug])


def _form(request: HttpRequest, committee: Committee, form: ServiceForm, service: Callable[..., T], *,
          done: Callable[[T], str], heading: str, submit: str) -> HttpResponse:
    return form_page(
        request, form, service, success=lambda record: (done(record), _page(committee)), committee=committee,
        heading=heading, caption=committee.name, submit=submit, cancel_url=_page(committee),
    )


@administrator_required
def partners(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(request, slug)
    return render(request, "workspace/partners.html", {"committee": committee,
                                                       "screen": partners_screen(committee=committee)})


@administrator_required
def scrutiny_add(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(request, slug)
    return _form(request, committee, ScrutinyForm.bound_to(request),
                 partial(services.partnership_scrutinise, committee=committee),
                 done=lambda s: f"The committee scrutinises {s.partnership.name}.",
                 heading="Add a partnership the committee scrutinises", submit="Add partnership")


@administrator_required
def partner_add(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(request, slug)
    return _form(request, committee, PartnerForm.bound_to(request, committee=committee),
                 partial(services.partner_add, committee=committee),
                 done=lambda p: f"{p.member.name} is a partner of {p.partnership.name}.",
                 heading="Add a partner to a partnership", submit="Add partner")


@administrator_required
def partner_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    committee = _committee(request, slug)
    remits = [s.partnership_id for s in scrutinised_partnerships(committee=committee)]
    partner = get_object_or_404(Partnership.objects.select_related("member", "partnership"),
                                pk=pk, partnership__in=remits)
    return _form(request, committee, PartnerEndForm.bound_to(request),
                 partial(services.partner_end, partner=partner),
                 done=lambda p: f"{p.member.name} left {p.partnership.name} on {p.ends_on:%d %B %Y}.",
                 heading=f"{partner.member.name} leaves {partner.partnership.name}", submit="Save")


@administrator_required
def succession_add(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(request, slug)
    return _form(request, committee, SuccessionForm.bound_to(request, committee=committee),
                 partial(services.succession_add, committee=committee),
                 done=lambda s: f"{s.successor.name} took over from {s.predecessor.name}.",
                 heading="Record a body taking over from another", submit="Record succession")


@administrator_required
def post_add(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(request, slug)
    return _form(request, committee, PostForm.bound_to(request, committee=committee),
                 partial(services.post_add, committee=committee),
                 done=lambda p: f"Post “{p.title}” added.", heading="Add a post", submit="Add post")


@administrator_required
def post_holder_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    committee = _committee(request, slug)
    post = get_object_or_404(Post.objects.select_related("organisation").filter(
        organisation__in=partner_scope(committee=committee)), pk=pk)
    return _form(request, committee, PostHolderForm.bound_to(request, committee=committee),
                 partial(services.post_holder_add, committee=committee, post=post),
                 done=lambda h: f"{h.person.formal_name} holds the post of {post.title}.",
                 heading=f"Appoint to the post of {post.title}, {post.organisation.name}", submit="Appoint")
