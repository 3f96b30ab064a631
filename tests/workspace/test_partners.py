"""The council administrator's partners and posts screen: partnerships scrutinised, their
members, bodies succeeding one another, posts and their holders; refusals come back in the
error summary and change nothing; another council's administrator reaches none of it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from scrutiny.access.models import Role, RoleKind
from scrutiny.governance.models import (
    Organisation,
    OrganisationKind,
    Partnership,
    Post,
    PostHolding,
    Scrutiny,
    Succession,
)
from tests.access.viewers import officer_of
from tests.factories import CommitteeFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
D = dt.date


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def administrator_of(council, username):
    user = UserFactory(username=username)
    Role.objects.create(user=user, council=council, kind=RoleKind.ADMINISTRATOR)
    return user


@pytest.fixture
def scene():
    committee = CommitteeFactory(name="Crime and Disorder Committee")
    joint = OrganisationFactory(name="Dartford and Gravesham CSP", kind=OrganisationKind.CSP)
    Scrutiny.objects.create(committee=committee, partnership=joint, ends_on=D(2020, 10, 31))
    police = OrganisationFactory(name="Kent Police")
    Partnership.objects.create(partnership=joint, member=police)
    other = CommitteeFactory(name="Example Committee")
    theirs = OrganisationFactory(name="Example Partnership", kind=OrganisationKind.CSP)
    Scrutiny.objects.create(committee=other, partnership=theirs)
    their_partner = OrganisationFactory(name="Example Housing Trust")
    Partnership.objects.create(partnership=theirs, member=their_partner)
    return {
        "committee": committee, "joint": joint, "police": police, "other": other, "their_partner": their_partner,
        "administrator": administrator_of(committee.council, "administrator"),
        "their administrator": administrator_of(other.council, "their-administrator"),
    }


def test_an_administrator_records_the_partnerships_partners_and_a_succession(client, scene):
    committee, slug = scene["committee"], scene["committee"].slug
    client.force_login(scene["administrator"])
    added = client.post(reverse("scrutiny_add", args=[slug]),
                        {"name": "Dartford Community Safety Partnership", **_date("starts_on", D(2021, 1, 1))})
    assert added.status_code == 302
    dartford = Scrutiny.objects.get(committee=committee, starts_on=D(2021, 1, 1)).partnership
    assert dartford.kind == OrganisationKind.CSP
    url = reverse("partner_add", args=[slug])
    form = client.get(url).content.decode()
    assert "Kent Police" in form and "Example Housing Trust" not in form and "Example Partnership" not in form
    assert client.post(url, {"partnership": dartford.pk, "member": scene["police"].pk, "role": "responsible_authority",
                             "kind": "responsible_authority"}).status_code == 302
    assert client.post(url, {"partnership": dartford.pk, "name": "Kent Fire and Rescue Service", "short_name": "KFRS",
                             "role": "responsible_authority", "kind": "responsible_authority",
                             "note": "INTERNAL: contact via the CSU"}).status_code == 302
    both = client.post(url, {"partnership": dartford.pk, "member": scene["police"].pk, "name": "Kent Police again",
                             "role": "responsible_authority", "kind": "responsible_authority"})
    assert both.status_code == 400 and "not both" in both.content.decode()
    assert sorted(p.member.name for p in Partnership.objects.filter(partnership=dartford)) == [
        "Kent Fire and Rescue Service", "Kent Police"]
    assert Partnership.objects.get(member__name="Kent Fire and Rescue Service").history.latest().history_user == \
        scene["administrator"]

    succession = reverse("succession_add", args=[slug])
    itself = client.post(succession, {"predecessor": scene["joint"].pk, "successor": scene["joint"].pk})
    assert itself.status_code == 400
    assert "An organisation cannot be its own successor" in itself.content.decode()
    assert "govuk-error-summary" in itself.content.decode() and not Succession.objects.exists()
    took_over = client.post(succession, {"predecessor": scene["joint"].pk, "successor": dartford.pk,
                                         **_date("on", D(2021, 1, 1))})
    assert took_over.status_code == 302
    again = client.post(succession, {"predecessor": scene["joint"].pk, "successor": dartford.pk})
    assert again.status_code == 400 and "already recorded" in again.content.decode()

    page = client.get(reverse("committee_partners", args=[slug])).content.decode()
    assert "Dartford Community Safety Partnership took over from Dartford and Gravesham CSP on 1 January 2021" in page
    assert "Kent Fire and Rescue Service" in page and "Example Housing Trust" not in page
    client.logout()
    public = client.get(reverse("committee", args=[slug])).content.decode()
    assert "INTERNAL" not in public


def test_an_administrator_adds_a_post_and_appoints_to_it(client, scene):
    committee, slug = scene["committee"], scene["committee"].slug
    client.force_login(scene["administrator"])
    url = reverse("post_add", args=[slug])
    form = client.get(url).content.decode()
    assert committee.council.name in form and "Example Housing Trust" not in form
    assert client.post(url, {"organisation": committee.council.pk, "title": "Community Safety Manager",
                             "unit": "CSU"}).status_code == 302
    twice = client.post(url, {"organisation": committee.council.pk, "title": "Community Safety Manager"})
    assert twice.status_code == 400 and "already has a post with this title" in twice.content.decode()
    elsewhere = client.post(url, {"organisation": scene["their_partner"].pk, "title": "Director"})
    assert elsewhere.status_code == 400  # not a choice on this council's form
    post = Post.objects.get()
    person = PersonFactory(given_name="Tony", family_name="Henley", is_councillor=False)
    appoint = reverse("post_holder_add", args=[slug, post.pk])
    assert client.post(appoint, {"person": person.pk, **_date("starts_on", D(2016, 4, 1))}).status_code == 302
    holding = PostHolding.objects.get()
    assert (holding.person, holding.post, holding.starts_on) == (person, post, D(2016, 4, 1))
    page = client.get(reverse("committee_partners", args=[slug])).content.decode()
    assert "Community Safety Manager (CSU)" in page and "A B Henley from 1 April 2016" in page


def test_another_councils_administrator_and_an_officer_reach_none_of_it(client, scene):
    committee, slug = scene["committee"], scene["committee"].slug
    partner = Partnership.objects.get(member=scene["police"])
    post = Post.objects.create(organisation=committee.council, title="Community Safety Manager")
    addresses = [
        (reverse("committee_partners", args=[slug]), {}),
        (reverse("scrutiny_add", args=[slug]), {"name": "Their CSP"}),
        (reverse("partner_add", args=[slug]), {"partnership": scene["joint"].pk, "name": "Intruder",
                                               "role": "responsible_authority", "kind": "other"}),
        (reverse("partner_end", args=[slug, partner.pk]), _date("ends_on", D(2020, 1, 1))),
        (reverse("succession_add", args=[slug]), {"predecessor": scene["joint"].pk, "successor": scene["police"].pk}),
        (reverse("post_add", args=[slug]), {"organisation": committee.council.pk, "title": "Spy"}),
        (reverse("post_holder_add", args=[slug, post.pk]), {"person": PersonFactory().pk}),
    ]
    for user in (scene["their administrator"], officer_of(committee.council)):
        client.force_login(user)
        for url, data in addresses:
            assert client.get(url).status_code == 403, url
            assert client.post(url, data).status_code == 403, url
    partner.refresh_from_db()
    assert partner.ends_on is None and not Succession.objects.exists() and not PostHolding.objects.exists()
    assert not Organisation.objects.filter(name__in=["Intruder", "Their CSP"]).exists()
    assert list(Post.objects.values_list("title", flat=True)) == ["Community Safety Manager"]
    # their own screen lists not our partners, nor lets them end our partner's membership
    client.force_login(scene["their administrator"])
    theirs = client.get(reverse("committee_partners", args=[scene["other"].slug])).content.decode()
    assert "Kent Police" not in theirs and "Example Housing Trust" in theirs
    assert client.post(reverse("partner_end", args=[scene["other"].slug, partner.pk]),
                       _date("ends_on", D(2020, 1, 1))).status_code == 404
