"""The invented Example District Council (scrutiny/demo/example/) loads beside the Dartford
demo with the same loader, keeps to its own records, and loads idempotently."""

import datetime as dt
from pathlib import Path

import pytest

import scrutiny.demo
from scrutiny.demo.loader import DirectorySource, load_demo
from scrutiny.documents.models import Document
from scrutiny.governance.models import Committee, Organisation, Person
from scrutiny.meetings.models import AgendaItem, Meeting
from tests.demo.test_loader import _snapshot

EXAMPLE_DIR = Path(scrutiny.demo.__file__).parent / "example"


def _load_example():
    return load_demo(source=DirectorySource(EXAMPLE_DIR))


@pytest.fixture
def both(demo):
    """Dartford first (the `demo` fixture), then the Example council."""
    return _load_example()


@pytest.mark.django_db
def test_the_example_council_and_its_committee_have_their_own_slugs(both):
    council = Organisation.objects.get(slug="example-dc")
    assert council.name == "Example District Council" and council.kind == "council"
    committee = Committee.objects.get(slug="example-community-safety")
    assert committee.name == "Community Safety Scrutiny Committee"
    assert committee.council == council
    assert Organisation.objects.get(slug="example-csp").kind == "csp"
    assert Organisation.objects.get(slug="example-csp").partners.count() == 7
    # Dartford's council and committee are still there, beside it
    assert Committee.objects.get(slug="dartford-crime-and-disorder").council.slug == "dartford-bc"
    # every record of the example is keyed example-...
    assert not Person.objects.filter(memberships__organisation=committee).exclude(slug__startswith="example-")


@pytest.mark.django_db
def test_its_two_meetings_one_held_with_exempt_business_and_its_paper(both):
    committee = Committee.objects.get(slug="example-community-safety")
    meetings = Meeting.objects.filter(committee=committee).order_by("date")
    assert [(m.date, m.status) for m in meetings] == [
        (dt.date(2026, 9, 15), "held"),
        (dt.date(2027, 1, 19), "scheduled"),
    ]
    held = meetings[0]
    exempt = AgendaItem.internal.filter(meeting=held, is_exempt=True)
    assert exempt.filter(documents__isnull=False).exists()
    item = exempt.get(number="A")
    assert item.title == "Anti-social behaviour case review: named individuals"
    assert item.exemption_ground == "para1"
    assert Document.internal.filter(agenda_item=item).exists()
    assert not Document.public.filter(agenda_item=item).exists()
    assert item.minutes.get().is_withheld_from_public
    # the meeting to come: an exempt item whose title the public never sees
    coming = AgendaItem.internal.get(meeting=meetings[1], number="A")
    assert coming.is_exempt and coming.public_title == "Closure order review: a residential property"


@pytest.mark.django_db
def test_loading_the_example_changes_no_dartford_record(demo):
    _load_example()
    assert load_demo().changed == 0


@pytest.mark.django_db
def test_a_second_load_of_the_example_changes_nothing(both):
    before = _snapshot()
    assert _load_example().changed == 0
    assert _snapshot() == before


@pytest.mark.django_db
def test_the_example_council_has_its_own_brand_and_style_and_a_second_load_keeps_its_version(both, client):
    council = Organisation.objects.get(slug="example-dc")
    assert council.branding.header_colour == "#4c2c92"
    assert council.branding.name == "Example District Council (invented for the demo)"
    committee = Committee.objects.get(slug="example-community-safety")
    assert not committee.names_with_councillor
    assert committee.seasons.startswith("Spring: March")
    page = client.get(f"/committees/{committee.slug}/").content.decode()
    assert "Example District Council (invented for the demo)" in page
    assert "#4c2c92" in client.get(f"/councils/{council.slug}/brand.css").content.decode()
    # Dartford keeps the default look
    assert not hasattr(Organisation.objects.get(slug="dartford-bc"), "branding")
    _load_example()
    council.branding.refresh_from_db()
    assert council.branding.version == 1
