"""A partner contact answers the recommendations made to their partner and uploads its
figures, and nothing else: not another partner's, not another council's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from scrutiny.access.models import Role, RoleKind
from scrutiny.minutes.models import RecommendationStatus
from scrutiny.minutes.services import recommendation_draft, recommendation_make, recommendation_send_for_check
from scrutiny.performance.models import ImportRun, PartnerIndicator
from tests.factories import CommitteeFactory, MeetingFactory, MinuteFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _contact(council, partner, username):
    user = UserFactory(username=username)
    Role.objects.create(user=user, council=council, kind=RoleKind.PARTNER_CONTACT, partner=partner)
    return user


@pytest.fixture
def scene():
    police, fire = OrganisationFactory(name="Exampleshire Police"), OrganisationFactory(name="Fire Service")
    ours, theirs = CommitteeFactory(), CommitteeFactory()
    minute = MinuteFactory(meeting=MeetingFactory(committee=ours, date=dt.date(2026, 7, 15)), number=5)
    rec = recommendation_draft(minute=minute, authority=police, text="That the Police report on knife crime.")
    recommendation_send_for_check(recommendation=rec, sent_on=dt.date(2026, 7, 20))
    recommendation_make(recommendation=rec, made_on=dt.date(2026, 8, 1))
    indicator = PartnerIndicator.internal.create(committee=ours, organisation=police, name="Knife crime", slug="knife")
    other = PartnerIndicator.internal.create(committee=ours, organisation=fire, name="Deliberate fires", slug="fires")
    return {"rec": rec, "indicator": indicator, "other": other,
            "contact": _contact(ours.council, police, "police-contact"),
            "elsewhere": _contact(theirs.council, police, "police-contact-elsewhere"),
            "fire": _contact(ours.council, fire, "fire-contact")}


def test_the_contact_answers_the_recommendation_made_to_their_partner(client, scene):
    client.force_login(scene["contact"])
    desk = client.get(reverse("partner_desk")).content.decode()
    assert "That the Police report on knife crime." in desk and "Upload figures: Knife crime" in desk
    assert "Deliberate fires" not in desk
    url = reverse("partner_respond", args=[scene["rec"].pk])
    empty = client.post(url, {})
    assert empty.status_code == 400 and "Enter the partner&#x27;s response" in empty.content.decode()
    assert client.post(url, {"response": "We will report in February."}).status_code == 302
    scene["rec"].refresh_from_db()
    assert scene["rec"].status == RecommendationStatus.RESPONDED and scene["rec"].response == "We will report in February."
    assert scene["rec"].history.latest().history_user == scene["contact"]


@pytest.mark.parametrize("who", ["elsewhere", "fire"])
def test_no_other_contact_sees_or_answers_it(client, scene, who):
    client.force_login(scene[who])
    assert "knife crime" not in client.get(reverse("partner_desk")).content.decode()
    assert client.post(reverse("partner_respond", args=[scene["rec"].pk]), {"response": "X"}).status_code == 403
    scene["rec"].refresh_from_db()
    assert scene["rec"].status == RecommendationStatus.MADE


def test_the_contact_uploads_their_partners_figures_only(client, scene):
    client.force_login(scene["contact"])
    sheet = b"Period,Value\n2026-Q1,12\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    ok = client.post(reverse("partner_figures_upload", args=[scene["indicator"].pk]),
                     {"file": SimpleUploadedFile("knife.csv", sheet)})
    assert ok.status_code == 302 and ok["Location"] == reverse("partner_desk")
    refused = client.post(reverse("partner_figures_upload", args=[scene["other"].pk]),
                          {"file": SimpleUploadedFile("fires.csv", sheet)})
    assert refused.status_code == 403
    assert list(ImportRun.internal.values_list("partner_indicator__slug", flat=True)) == ["knife"]
    client.force_login(scene["elsewhere"])
    assert client.get(reverse("partner_figures_upload", args=[scene["indicator"].pk])).status_code == 403
