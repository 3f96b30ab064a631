"""Councillors' pages and the register of decisions: public records only, for every viewer."""

import pytest
from django.urls import reverse

from scrutiny.minutes.models import Attendance, Declaration
from tests.access import test_policy
from tests.access.test_policy import _client
from tests.access.viewers import ENTITLED, NOT_ENTITLED
from tests.factories import PersonFactory

scene = test_policy.scene  # 26 July 2017: published minutes with an exempt minute and its resolutions

pytestmark = pytest.mark.django_db


def test_a_councillors_page_from_the_demos_record(client, demo):
    committee_page = client.get(reverse("committee", args=["dartford-crime-and-disorder"]), {"year": 2017})
    assert reverse("councillor", args=["r-j-wells"]) in committee_page.content.decode()
    page = client.get(reverse("councillor", args=["r-j-wells"])).content.decode()
    assert "Councillor R J Wells" in page
    assert "Chairman" in page and "2017-18" in page
    assert "Kent and Medway Police and Crime Panel" in page and "from 17 July 2017" in page
    attendance = page.split("<h2 class=\"govuk-heading-l\">Attendance</h2>")[1].split("</table>")[0]
    cells = [c.strip() for c in attendance.split('govuk-table__cell--numeric">')[1:]]
    assert [c.split("<")[0] for c in cells] == ["1", "1", "0", "0", "0"]  # expected 1, present at 26 July 2017
    assert reverse("councillor", args=["r-j-wells"]) in client.get(reverse("councillors")).content.decode()


def test_only_councillors_have_a_page(client, demo):
    officer = PersonFactory(is_councillor=False, family_name="Officer")
    assert client.get(reverse("councillor", args=[officer.slug])).status_code == 404
    assert client.get(reverse("councillor", args=["no-such-person"])).status_code == 404


@pytest.mark.parametrize("who", ENTITLED + NOT_ENTITLED)
def test_a_declaration_on_an_exempt_item_names_it_only_by_its_public_title(client, scene, who):
    councillor = PersonFactory(is_councillor=True, family_name="Declarer")
    meeting = scene["meeting"]
    Attendance.objects.create(meeting=meeting, kind="present", person=councillor, position=9)
    Declaration.objects.create(meeting=meeting, agenda_item=scene["sensitive_minute"].agenda_item, person=councillor,
                               kind="other_significant", description="SECRET-DECLARATION about the named officer")
    page = _client(client, scene, who).get(reverse("councillor", args=[councillor.slug])).content.decode()
    assert "SECRET" not in page, who
    assert "Exempt staffing matter" in page and "Other significant interest" in page


@pytest.mark.parametrize("who", ENTITLED + NOT_ENTITLED)
def test_the_register_of_decisions_holds_only_the_public_ones(client, scene, who):
    page = _client(client, scene, who).get(reverse("decision_register")).content.decode()
    assert "SECRET" not in page, who
    assert "That the covering report be noted." in page


def test_the_register_is_filtered_by_committee_year_and_words(client, demo):
    everything = client.get(reverse("decision_register")).content.decode()
    words = client.get(reverse("decision_register"), {"q": "Refresh"}).content.decode()
    year = client.get(reverse("decision_register"), {"committee": "dartford-crime-and-disorder", "year": 2016})
    none = client.get(reverse("decision_register"), {"committee": "no-such-committee", "q": "Refresh"})
    count = lambda html: int(html.split('role="status">')[1].split(" decision")[0])  # noqa: E731
    assert count(everything) > count(words) > 0
    assert "Refresh" in words
    assert 0 < count(year.content.decode()) < count(everything)
    assert "26 July 2017" not in year.content.decode().split("<ol")[1]  # 2016-17 only
    assert count(none.content.decode()) == 0
