from __future__ import annotations

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Committee,
    Membership,
    MunicipalYear,
    Organisation,
    OrganisationKind,
    Partnership,
    Person,
    Post,
    PostHolding,
    Scrutiny,
    Succession,
)


class SuccessionInline(admin.TabularInline[Succession, Organisation]):
    model = Succession
    fk_name = "predecessor"
    extra = 0
    verbose_name = "successor"
    verbose_name_plural = "succeeded by"
    autocomplete_fields = ["successor"]


class PartnerInline(admin.TabularInline[Partnership, Organisation]):
    model = Partnership
    fk_name = "partnership"
    extra = 0
    verbose_name = "partner"
    verbose_name_plural = "partners (for a community safety partnership)"
    autocomplete_fields = ["member"]


class MembershipInline(admin.TabularInline[Membership, Committee]):
    model = Membership
    fk_name = "organisation"
    extra = 0
    fields = ["person", "post", "role", "capacity", "municipal_year", "starts_on", "ends_on", "may_vote"]
    autocomplete_fields = ["person", "post"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin[Organisation]):
    list_display = ["name", "short_name", "kind", "parent", "starts_on", "ends_on"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [SuccessionInline, PartnerInline]


class ScrutinyInline(admin.TabularInline[Scrutiny, Committee]):
    model = Scrutiny
    fk_name = "committee"
    extra = 0
    autocomplete_fields = ["partnership"]


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin[Committee]):
    list_display = ["name", "council", "starts_on", "ends_on"]
    list_filter = ["council"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "name",
        "short_name",
        "slug",
        "council",
        "parent",
        "sitting_of",
        "description",
        "contact",
        "starts_on",
        "ends_on",
        "public_description",
        "note",
    ]
    autocomplete_fields = ["council", "parent", "sitting_of"]
    inlines = [ScrutinyInline, MembershipInline]

    def save_model(self, request: HttpRequest, obj: Committee, form: forms.ModelForm[Committee], change: bool) -> None:
        obj.kind = OrganisationKind.COMMITTEE  # a committee is always of kind 'committee'
        super().save_model(request, obj, form, change)


@admin.register(MunicipalYear)
class MunicipalYearAdmin(SimpleHistoryAdmin[MunicipalYear]):
    list_display = ["council", "label", "annual_meeting_on"]
    list_filter = ["council"]


class PostHoldingInline(admin.TabularInline[PostHolding, Person]):
    model = PostHolding
    extra = 0
    autocomplete_fields = ["post"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin[Person]):
    list_display = ["formal_name", "is_councillor", "user"]
    list_filter = ["is_councillor"]
    search_fields = ["family_name", "given_name", "initials"]
    prepopulated_fields = {"slug": ["given_name", "family_name"]}
    autocomplete_fields = ["user"]
    inlines = [PostHoldingInline]


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin[Post]):
    list_display = ["title", "organisation", "unit"]
    list_filter = ["organisation"]
    search_fields = ["title", "organisation__name"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin[Membership]):
    list_display = ["__str__", "role", "capacity", "municipal_year", "starts_on", "ends_on"]
    list_filter = ["organisation", "role", "municipal_year"]
    search_fields = ["person__family_name", "post__title", "capacity"]
    autocomplete_fields = ["person", "post", "organisation"]
