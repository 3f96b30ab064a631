"""factory_boy factories, one section per app."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from scrutiny.documents.models import Document
from scrutiny.governance.models import (
    Committee,
    Membership,
    MembershipRole,
    MunicipalYear,
    Organisation,
    OrganisationKind,
    Person,
)
from scrutiny.meetings.models import AgendaItem, Meeting, MeetingStatus
from scrutiny.minutes.models import Minute, Resolution


# -- accounts --------------------------------------------------------------------------
class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pw-for-tests")


# -- governance ------------------------------------------------------------------------
class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.RESPONSIBLE_AUTHORITY


class CouncilFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Borough Council {n}")
    slug = factory.Sequence(lambda n: f"council-{n}")
    kind = OrganisationKind.COUNCIL


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    name = "Crime and Disorder (Overview and Scrutiny) Committee"
    slug = factory.Sequence(lambda n: f"committee-{n}")
    kind = OrganisationKind.COMMITTEE
    council = factory.SubFactory(CouncilFactory)
    parent = factory.SelfAttribute("council")


class MunicipalYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalYear
        django_get_or_create = ("council", "start_year")

    council = factory.SubFactory(CouncilFactory)
    start_year = 2017


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    family_name = factory.Sequence(lambda n: f"Member{n}")
    initials = "A B"
    is_councillor = True
    slug = factory.Sequence(lambda n: f"person-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(CommitteeFactory)
    person = factory.SubFactory(PersonFactory)
    role = MembershipRole.MEMBER
    starts_on = dt.date(2017, 5, 10)


# -- meetings --------------------------------------------------------------------------
class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    date = dt.date(2018, 2, 21)
    status = MeetingStatus.HELD
    # A meeting made in a status its agenda reaches by publication was published; a test of
    # an agenda never published says agenda_public=False.
    agenda_public = factory.LazyAttribute(
        lambda m: m.status in (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD)
    )


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: str(o.position))
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    purpose = "To note the report."


class ExemptAgendaItemFactory(AgendaItemFactory):
    number = "A"
    title = "CSP Strategic Assessment 2017"
    purpose = "SECRET-PURPOSE: to consider the confidential assessment."
    is_exempt = True
    exemption_ground = "confidence"


# -- documents -------------------------------------------------------------------------
class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    agenda_item = factory.SubFactory(AgendaItemFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Report {n}")
    description = "A report."


# -- minutes ---------------------------------------------------------------------------
class MinuteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minute

    meeting = factory.SubFactory(MeetingFactory)
    agenda_item = None
    position = factory.Sequence(lambda n: n + 1)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"MINUTE {n}")
    narrative = "Members discussed the report."


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution

    minute = factory.SubFactory(MinuteFactory)
    number = 1
    text = "That the report be noted."


class MinutesRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "minutes.MinutesRecord"

    meeting = factory.SubFactory(MeetingFactory)
    status = "published"
