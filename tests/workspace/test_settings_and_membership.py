"""The committee's settings (its officers') and its people and seats (the council
administrator's), on screens instead of the admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from scrutiny.access.models import Role, RoleKind
from scrutiny.access.policy import Viewer
from scrutiny.governance.models import Membership, MunicipalYear, Person
from tests.access.viewers import officer_of
from tests.factories import CommitteeFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


@pytest.fixture
def committee():
    return CommitteeFactory(name="Crime and Disorder Committee")


@pytest.fixture
def administrator(committee):
    user = UserFactory(username="administrator")
    Role.objects.create(user=user, council=committee.council, kind=RoleKind.ADMINISTRATOR)
    return user


def test_an_officer_sets_the_protocol_and_a_bad_value_is_refused(client, committee):
    client.force_login(officer_of(committee.council))
    url = reverse("committee_settings", args=[committee.slug])
    page = client.get(url).content.decode()
    assert "notice a partner is given to attend" in page  # each setting says what it is for
    settings = {"description": "Scrutinises the CSP.", "contact": "Member Services", "partner_notice_days": "14",
                "partner_notice_counting": "calendar", "quorum": "4", "clear_days_convention": "working",
                "meetings_per_year": "2", "agenda_setting_weeks": "", "chair_title": "Chair",
                "agenda_numbering": "sections", "seasons": "Spring: March, Autumn: September",
                "statutory_documents": "county"}
    assert client.post(url, settings).status_code == 302
    committee.refresh_from_db()
    assert (committee.partner_notice_days, committee.partner_notice_counting, committee.quorum) == (14, "calendar", 4)
    assert (committee.meetings_per_year, committee.agenda_setting_weeks, committee.chair_title) == (2, None, "Chair")
    assert (committee.agenda_numbering, committee.seasons, committee.statutory_documents) == (
        "sections", "Spring: March, Autumn: September", "county")
    assert committee.names_with_councillor is False  # an unticked box
    bad_seasons = client.post(url, {**settings, "seasons": "Summer: Juky"})
    assert bad_seasons.status_code == 400 and "“Juky” is not the name of a month" in bad_seasons.content.decode()
    refused = client.post(url, {**settings, "partner_notice_days": "0"})
    assert refused.status_code == 400 and "govuk-error-summary" in refused.content.decode()
    committee.refresh_from_db()
    assert committee.partner_notice_days == 14


def test_an_administrator_adds_a_person_gives_a_seat_and_an_account_that_then_reads_exempt_business(
        client, committee, administrator, django_capture_on_commit_callbacks):
    year = MunicipalYear.objects.create(council=committee.council, start_year=2026)
    client.force_login(administrator)
    added = client.post(reverse("person_add", args=[committee.slug]),
                        {"family_name": "Example", "initials": "A N", "is_councillor": "on",
                         "note": "INTERNAL: elected at a by-election"})
    person = Person.objects.get(family_name="Example")
    assert added["Location"] == reverse("seat_add", args=[committee.slug])
    missing = client.post(reverse("seat_add", args=[committee.slug]), {"person": person.pk, "role": "member"})
    assert missing.status_code == 400 and "Choose the municipal year" in missing.content.decode()
    client.post(reverse("seat_add", args=[committee.slug]),
                {"person": person.pk, "role": "chairman", "municipal_year": year.pk, "party_group": "Independent"})
    seat = Membership.objects.get(person=person)
    assert (seat.role, seat.party_group, seat.history.latest().history_user) == ("chairman", "Independent", administrator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("person_account", args=[committee.slug, person.pk]), {"email": "a.example@example.org"})
    person.refresh_from_db()
    assert person.user.email == "a.example@example.org" and len(mail.outbox) == 1
    assert Viewer(user=person.user, today=dt.date(2026, 9, 1)).may_see_exempt(committee=committee)
    client.post(reverse("seat_end", args=[seat.pk]), _date("ends_on", dt.date(2026, 8, 31)))
    seat.refresh_from_db()
    assert seat.ends_on == dt.date(2026, 8, 31)
    assert not Viewer(user=person.user, today=dt.date(2026, 9, 1)).may_see_exempt(committee=committee)
    client.logout()
    public = client.get(reverse("committee", args=[committee.slug]) + "?year=2026").content.decode()
    assert "Councillor A N Example" in public and "INTERNAL" not in public


def test_officers_and_other_councils_administrators_cannot_give_seats(client, committee, administrator):
    person = PersonFactory()
    other = CommitteeFactory()
    theirs = UserFactory(username="their-administrator")
    Role.objects.create(user=theirs, council=other.council, kind=RoleKind.ADMINISTRATOR)
    for user in (officer_of(committee.council), theirs):
        client.force_login(user)
        response = client.post(reverse("seat_add", args=[committee.slug]),
                               {"person": person.pk, "role": "member", **_date("starts_on", dt.date(2026, 5, 20))})
        assert response.status_code == 403
    assert not Membership.objects.exists()
    client.force_login(theirs)  # their own committee's form lists not our people
    placed = PersonFactory(family_name="Ourmember")
    Membership.objects.create(organisation=committee, person=placed, role="member", starts_on=dt.date(2026, 5, 20))
    form = client.get(reverse("seat_add", args=[other.slug])).content.decode()
    assert "Ourmember" not in form


def test_a_renamed_committee_keeps_its_earlier_meetings_names_and_a_sitting_says_in_which_capacity(
        client, committee, administrator):
    from scrutiny.meetings.models import Meeting

    earlier = Meeting.objects.create(committee=committee, date=dt.date(2025, 7, 16), status="held")
    later = Meeting.objects.create(committee=committee, date=dt.date(2026, 7, 15), status="held")
    client.force_login(administrator)
    url = reverse("committee_rename", args=[committee.slug])
    response = client.post(url, {"name": "Community Safety Scrutiny Committee", **_date("on", dt.date(2026, 1, 1))})
    assert response.status_code == 302
    earlier.refresh_from_db()
    later.refresh_from_db()
    assert earlier.met_as == "Crime and Disorder Committee"
    assert later.met_as == "Community Safety Scrutiny Committee"
    backwards = client.post(url, {"name": "Another name", **_date("on", dt.date(2025, 6, 1))})
    assert backwards.status_code == 400 and "a later renaming starts after it" in backwards.content.decode()
    client.logout()
    assert "Crime and Disorder Committee" in client.get(reverse("meeting", args=[earlier.pk])).content.decode()
    policy = CommitteeFactory(council=committee.council, name="Policy Overview and Scrutiny Committee")
    committee.refresh_from_db()
    committee.sitting_of = policy
    committee.save()
    later.refresh_from_db()
    page = client.get(reverse("meeting", args=[later.pk])).content.decode()
    assert "Policy Overview and Scrutiny Committee, sitting as the Community Safety Scrutiny Committee" in page


def test_the_protocol_shapes_the_agenda_the_warnings_and_the_calendar(client, committee):
    from scrutiny.meetings.models import AgendaItem, Meeting
    from scrutiny.programme.selectors import warnings
    from scrutiny.publishing.services import agenda_build

    committee.chair_title, committee.meetings_per_year, committee.agenda_setting_weeks = "Chair", 2, 3
    committee.save()
    Meeting.objects.create(committee=committee, date=dt.date(2025, 7, 16), status="held")
    coming = Meeting.objects.create(committee=committee, date=dt.date(2027, 2, 10), status="scheduled")
    agenda_build(meeting=coming)
    urgent = AgendaItem.internal.get(meeting=coming, role="urgent")
    assert urgent.purpose.startswith("The Chair will announce their decision")
    found = [w.message for w in warnings(committee=committee, today=dt.date(2026, 12, 3)) if w.rule == "protocol"]
    assert found == ["The protocol asks for 2 meetings in each municipal year: 2025-26 has 1.",
                     "The protocol asks for 2 meetings in each municipal year: 2026-27 has 1."]
    client.force_login(officer_of(committee.council))
    page = " ".join(client.get(reverse("meeting", args=[coming.pk])).content.decode().split())
    assert "Agenda-setting meeting</dt> <dd class=\"govuk-summary-list__value\">Wednesday 20 January 2027" in page


def test_a_committee_styled_chairman_keeps_its_printed_wording(committee):
    from scrutiny.meetings.models import AgendaItem, Meeting
    from scrutiny.publishing.services import agenda_build

    coming = Meeting.objects.create(committee=committee, date=dt.date(2027, 2, 10), status="scheduled")
    agenda_build(meeting=coming)
    urgent = AgendaItem.internal.get(meeting=coming, role="urgent")
    assert urgent.purpose.startswith("The Chairman will announce his decision")


def test_a_committee_words_its_own_standard_items(client, committee):
    from scrutiny.meetings.models import AgendaItem, Meeting
    from scrutiny.publishing.models import StandardItem
    from scrutiny.publishing.services import agenda_build

    client.force_login(officer_of(committee.council))
    client.post(reverse("standard_items_customise", args=[committee.slug]))
    items = list(StandardItem.objects.filter(committee=committee))
    assert [i.title for i in items][:2] == ["Apologies for Absence", "Declarations of Interest"]
    regulation_9 = next(i for i in items if i.role == "regulation_9")
    client.post(reverse("standard_item_remove", args=[regulation_9.pk]))
    apologies = items[0]
    bad = client.post(reverse("standard_item_edit", args=[apologies.pk]), {"title": "Apologies", "purpose": "{when}"})
    assert bad.status_code == 400 and "may name only {held}, {chair} and {their}" in bad.content.decode()
    client.post(reverse("standard_item_edit", args=[apologies.pk]),
                {"title": "Apologies and substitutions", "purpose": "The {chair} will report {their} apologies."})
    coming = Meeting.objects.create(committee=committee, date=dt.date(2027, 2, 10), status="scheduled")
    agenda_build(meeting=coming)
    built = list(AgendaItem.internal.filter(meeting=coming).order_by("position").values_list("title", "purpose"))
    assert built[0] == ("Apologies and substitutions", "The Chairman will report his apologies.")
    assert not any(title == "Regulation 9 Notice" for title, _ in built)
    other = CommitteeFactory()  # another committee keeps the default
    assert not StandardItem.objects.filter(committee=other).exists()


def test_no_administrator_gives_an_account_to_someone_seated_on_another_councils_committee(client, committee,
                                                                                            administrator):
    shared = PersonFactory(family_name="Twohats")
    Membership.objects.create(organisation=committee, person=shared, role="member", starts_on=dt.date(2026, 5, 20))
    Membership.objects.create(organisation=CommitteeFactory(), person=shared, role="chairman",
                              starts_on=dt.date(2026, 5, 20))
    client.force_login(administrator)
    response = client.post(reverse("person_account", args=[committee.slug, shared.pk]), {"email": "two@example.org"})
    assert response.status_code == 400 and "a seat on another council&#x27;s committee" in response.content.decode()
    shared.refresh_from_db()
    assert shared.user is None and not mail.outbox


def test_a_years_chairman_whose_name_the_papers_do_not_give_is_seated_unnamed(client, committee, administrator):
    year = MunicipalYear.objects.create(council=committee.council, start_year=2015)
    client.force_login(administrator)
    url = reverse("seat_add", args=[committee.slug])
    neither = client.post(url, {"role": "chairman", "municipal_year": year.pk})
    assert neither.status_code == 400 and "or say the record does not name them" in neither.content.decode()
    both = client.post(url, {"person": PersonFactory().pk, "name_not_recorded": "on", "role": "chairman",
                             "municipal_year": year.pk})
    assert both.status_code == 400 and "Untick this when you choose the person" in both.content.decode()
    assert not Membership.objects.exists()
    assert client.post(url, {"name_not_recorded": "on", "role": "chairman", "municipal_year": year.pk}).status_code == 302
    seat = Membership.objects.get(organisation=committee)
    assert (seat.person, seat.post, seat.role) == (None, None, "chairman")
    client.logout()
    public = client.get(reverse("committee", args=[committee.slug]) + "?year=2015").content.decode()
    assert "Name not recorded" in public
