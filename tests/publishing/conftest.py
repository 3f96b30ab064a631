"""A meeting of 21 February 2018 with a notice, an open report and an exempt appendix, its
files in a folder of the test's own."""

import datetime as dt

import pytest

from scrutiny.documents.services import document_add
from scrutiny.meetings import services as meetings
from scrutiny.meetings.models import AgendaItem
from tests.factories import CommitteeFactory
from tests.pdfs import make_pdf

D = dt.date


@pytest.fixture
def meeting(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    committee = CommitteeFactory()
    meeting = meetings.meeting_create(committee=committee, date=D(2018, 2, 21))
    meetings.agenda_build(meeting=meeting)
    reg9 = AgendaItem.internal.get(meeting=meeting, role="regulation_9")
    document_add(
        item=reg9,
        title="Regulation 9 Notice",
        kind="notice",
        file_name="reg9.pdf",
        data=make_pdf(4, "Forthcoming key decisions"),
    )
    sa = meetings.agenda_item_add(
        meeting=meeting, title="CSP Strategic Assessment 2017", today=D(2018, 1, 10)
    )
    document_add(
        item=sa,
        title="Covering report",
        kind="report",
        file_name="sa.pdf",
        data=make_pdf(2, "Covering report"),
    )
    exempt = meetings.agenda_item_add(
        meeting=meeting,
        title="CSP Strategic Assessment 2017",
        is_exempt=True,
        exemption_ground="confidence",
        today=D(2018, 1, 10),
    )
    document_add(
        item=exempt,
        title="Strategic Assessment 2017",
        kind="appendix",
        file_name="secret.pdf",
        data=make_pdf(3, "SECRET-ASSESSMENT"),
    )
    return meeting
