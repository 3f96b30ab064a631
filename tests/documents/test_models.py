import pytest
from django.db.models import ProtectedError

from scrutiny.documents.models import Document
from scrutiny.meetings.models import MeetingStatus
from tests.factories import AgendaItemFactory, DocumentFactory, ExemptAgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_documents_never_cascade_delete_with_their_meeting():
    document = DocumentFactory()
    meeting = document.agenda_item.meeting
    with pytest.raises(ProtectedError):
        meeting.delete()
    with pytest.raises(ProtectedError):
        document.agenda_item.delete()
    assert Document.internal.filter(pk=document.pk).exists()


def test_public_documents_exclude_exempt_papers_and_papers_of_exempt_items():
    meeting = MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED)
    open_item = AgendaItemFactory(meeting=meeting)
    exempt_item = ExemptAgendaItemFactory(meeting=meeting)
    public = DocumentFactory(agenda_item=open_item)
    exempt_appendix = DocumentFactory(agenda_item=open_item, is_exempt=True, exemption_ground="para1")
    under_exempt_item = DocumentFactory(agenda_item=exempt_item)
    assert list(Document.public.all()) == [public]
    assert exempt_appendix.is_withheld_from_public and under_exempt_item.is_withheld_from_public
    assert not public.is_withheld_from_public


def test_papers_of_an_unpublished_agenda_are_not_public():
    DocumentFactory(agenda_item=AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.SCHEDULED)))
    assert not Document.public.exists()
    assert Document.internal.count() == 1


def test_no_default_manager_to_forget():
    assert not hasattr(Document, "objects")
