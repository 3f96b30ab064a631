import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from scrutiny.governance.models import Membership, MembershipRole, MunicipalYear, Organisation, Person, Post
from tests.factories import CommitteeFactory, CouncilFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_organisation_cannot_end_before_it_starts():
    org = OrganisationFactory.build(starts_on=dt.date(2021, 1, 1), ends_on=dt.date(2020, 10, 31))
    with pytest.raises(ValidationError, match="end date must not be before"):
        org.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        org.save()


def test_organisation_kind_is_constrained_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="X", slug="x", kind="ministry")


def test_exists_on_follows_the_life_span():
    csp = OrganisationFactory(kind="csp", ends_on=dt.date(2020, 10, 31))
    assert csp.exists_on(dt.date(2020, 10, 31))
    assert not csp.exists_on(dt.date(2020, 11, 1))


def test_a_committee_is_an_organisation_of_a_council():
    committee = CommitteeFactory()
    assert Organisation.objects.get(pk=committee.pk).kind == "committee"
    assert committee.council.committees.get() == committee


def test_formal_name_as_the_minutes_print_it():
    allen = PersonFactory.build(
        honorific="Mrs", given_name="Ann", initials="A D", family_name="Allen", honours="MBE"
    )
    assert allen.formal_name == "Councillor Mrs A D Allen, MBE"
    assert allen.name == "Mrs Ann Allen"
    officer = PersonFactory.build(given_name="Sheri", initials="", family_name="Green", is_councillor=False)
    assert officer.formal_name == "Sheri Green"


def test_membership_is_held_by_a_person_or_a_post_not_both():
    committee = CommitteeFactory()
    post = Post.objects.create(title="Strategic Director (External Services)", organisation=committee.council)
    person = PersonFactory()
    both = Membership(
        organisation=committee,
        person=person,
        post=post,
        role="standing_invitee",
        starts_on=dt.date(2016, 7, 27),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        both.save()
    invitation_to_nobody = Membership(organisation=committee, role="standing_invitee", starts_on=dt.date(2016, 7, 27))
    with pytest.raises(IntegrityError), transaction.atomic():
        invitation_to_nobody.save()


def test_a_seat_the_record_does_not_name_is_kept_and_labelled_so():
    committee = CommitteeFactory()
    chair = Membership.objects.create(organisation=committee, role="chairman", starts_on=dt.date(2016, 5, 18))
    assert chair.holder_label == "Name not recorded"
    assert str(chair).startswith("Name not recorded: Chairman")


def test_printed_name_follows_the_committee_style():
    person = PersonFactory(honorific="Mrs", initials="A D", family_name="Allen", honours="MBE", is_councillor=True)
    assert person.printed_name(with_councillor=True) == "Councillor Mrs A D Allen, MBE"
    assert person.printed_name(with_councillor=False) == "Mrs A D Allen, MBE"


def test_only_a_standing_invitation_can_be_made_to_a_post():
    committee = CommitteeFactory()
    post = Post.objects.create(title="District Commander", organisation=committee.council)
    membership = Membership(
        organisation=committee, post=post, role=MembershipRole.MEMBER, starts_on=dt.date(2017, 1, 1)
    )
    with pytest.raises(ValidationError, match="Only a standing invitation"):
        membership.full_clean()


def test_membership_needs_a_period():
    membership = Membership(organisation=CommitteeFactory(), person=PersonFactory(), role="member")
    with pytest.raises(ValidationError, match="municipal year of the appointment or its start date"):
        membership.full_clean()


def test_annual_meeting_must_fall_in_the_start_year():
    year = MunicipalYear(council=CouncilFactory(), start_year=2018, annual_meeting_on=dt.date(2019, 5, 9))
    with pytest.raises(ValidationError, match="annual meeting must fall"):
        year.full_clean()
    year.annual_meeting_on = dt.date(2018, 5, 9)
    year.full_clean()
    year.save()
    assert year.label == "2018-19"


def test_changes_are_kept_in_history_with_who_and_what():
    person = Person.objects.create(family_name="Wells", initials="R J", slug="wells")
    person.initials = "R"
    person.save()
    first, latest = person.history.order_by("history_date")
    assert first.history_type == "+" and latest.history_type == "~"
    delta = latest.diff_against(first)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("initials", "R J", "R")]
