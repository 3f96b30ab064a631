"""The forward plan's pages: the notices for everyone, the officers' screens for the council's
officers of every committee only; a decision no notice has listed is nobody else's, on any
surface, the officers and members of another council included."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from scrutiny.forward_plan import services
from scrutiny.forward_plan.models import ForwardPlanNotice, KeyDecision, KeyDecisionStatus
from tests.access.test_policy import _client
from tests.access.viewers import officer_of, viewers
from tests.factories import CommitteeFactory
from tests.forward_plan.factories import KeyDecisionFactory

pytestmark = pytest.mark.django_db
D = dt.date
DRAFT = "UNNOTIFIED-DRAFT sale of the depot"


@pytest.fixture
def plan(db):
    committee = CommitteeFactory()
    council = committee.council
    listed = KeyDecisionFactory(council=council, title="Homeless Strategy 2018", summary="To agree the strategy.",
                                private=True, exemption_ground="para3", private_reason="Its appendix names bidders.")
    notice = services.forward_plan_publish(council=council, published_on=D(2018, 1, 15), statement="By Cabinet.")
    KeyDecisionFactory(council=council, title=DRAFT, decision_on=D(2018, 4, 12))
    users = viewers(committee, current={"starts_on": D(2017, 5, 1)}, clerk_apps=["forward_plan"])
    users["officer of the committee only"] = officer_of(council, committees=[committee])
    return {"council": council, "notice": notice, "listed": listed, "users": users}


def _public(plan):
    return [reverse("forward_plan", args=[plan["council"].slug]), reverse("notice", args=[plan["notice"].pk]),
            reverse("notice_pdf", args=[plan["notice"].pk])]


def _text(response) -> str:
    if response["Content-Type"] == "application/pdf":
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    return response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "member", "officer of another council", "member of another council",
                                 "officer of the committee only", "council administrator", "officer"])
def test_everyone_reads_the_notice_and_no_one_reads_a_decision_it_did_not_list(client, plan, who):
    client = _client(client, {"users": plan["users"]}, who)
    for url in _public(plan):
        response = client.get(url)
        assert response.status_code == 200, url
        text = " ".join(_text(response).split())
        assert "Homeless Strategy 2018" in text and "CLOSED: Its appendix names bidders." in text, url
        assert DRAFT not in text, f"{who} read the unnotified decision at {url}"


def test_the_public_pdf_is_cached_publicly(client, plan):
    response = client.get(reverse("notice_pdf", args=[plan["notice"].pk]))
    assert response["Cache-Control"] == "public, max-age=300"
    assert "Regulation 9 notice" in _text(response) or "REGULATION 9 NOTICE" in _text(response)


@pytest.mark.parametrize("who", ["member", "officer of another council", "officer of the committee only",
                                 "council administrator", "partner contact", "staff without a role"])
def test_only_the_councils_officers_of_every_committee_keep_the_plan(client, plan, who):
    client = _client(client, {"users": plan["users"]}, who)
    council, listed = plan["council"], plan["listed"]
    urls = [reverse(n, args=[council.slug]) for n in ("key_decisions", "key_decision_add", "forward_plan_publish")]
    urls += [reverse(n, args=[listed.pk]) for n in ("key_decision_edit", "key_decision_exception",
                                                    "key_decision_taken", "key_decision_withdraw")]
    for url in urls:
        assert client.get(url).status_code == 403, url
        response = client.post(url, {"reason": "x", "title": "x"})
        assert response.status_code == 403 and DRAFT.encode() not in response.content, url
    assert KeyDecision.internal.get(pk=listed.pk).status == KeyDecisionStatus.NOTIFIED
    assert KeyDecision.internal.count() == 2 and ForwardPlanNotice.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, plan):
    response = client.get(reverse("key_decisions", args=[plan["council"].slug]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def _date(name, day):
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def test_the_officer_adds_a_decision_publishes_the_notice_and_records_the_outcome(client, plan):
    council = plan["council"]
    client.force_login(plan["users"]["officer"])
    listing = client.get(reverse("key_decisions", args=[council.slug])).content.decode()
    assert DRAFT in listing and "Not notified 28 clear days before 12 April 2018" in listing

    missing = client.post(reverse("key_decision_add", args=[council.slug]), {"private": "yes"})
    page = missing.content.decode()
    assert missing.status_code == 400 and "Enter the title of the report" in page
    assert "Choose the exempt information a closed decision concerns" in page

    added = client.post(reverse("key_decision_add", args=[council.slug]), {
        "title": "Stone Lodge - Appropriation for Planning Purposes", "decision_maker": "Cabinet",
        **_date("decision_on", D(2018, 3, 8)), "private": "no", "consultation": "To be advertised.",
    })
    assert added.status_code == 302
    decision = KeyDecision.internal.get(title__startswith="Stone Lodge")
    assert (decision.status, decision.council) == (KeyDecisionStatus.DRAFT, council)

    published = client.post(reverse("forward_plan_publish", args=[council.slug]), {
        **_date("published_on", D(2018, 2, 1)), "statement": "All decisions are made by Cabinet collectively."})
    notice = ForwardPlanNotice.objects.get(published_on=D(2018, 2, 1))
    assert published.status_code == 302 and published["Location"] == reverse("notice", args=[notice.pk])
    assert [e["title"] for e in notice.entries] == ["Homeless Strategy 2018",  # by date, then title
                                                    "Stone Lodge - Appropriation for Planning Purposes", DRAFT]

    taken = client.post(reverse("key_decision_taken", args=[decision.pk]), _date("taken_on", D(2018, 3, 8)))
    assert taken.status_code == 302
    decision.refresh_from_db()
    assert (decision.status, decision.taken_on) == (KeyDecisionStatus.TAKEN, D(2018, 3, 8))
    public = client.get(reverse("forward_plan", args=[council.slug])).content.decode()
    assert "Key decisions taken" in public and "8 March 2018" in public


def test_another_councils_officer_cannot_reach_this_councils_decisions_through_their_own(client, plan):
    """The check is the record's council, not the address's: an officer of another council who
    keeps their own plan is refused this council's decision."""
    elsewhere = plan["users"]["officer of another council"]
    client.force_login(elsewhere)
    own = KeyDecision.internal.exclude(council=plan["council"]).count()
    assert own == 0
    response = client.post(reverse("key_decision_withdraw", args=[plan["listed"].pk]), {"reason": "Mine now."})
    assert response.status_code == 403
