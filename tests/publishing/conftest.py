"""A meeting of 21 February 2018 with a notice, an open report and an exempt appendix (files
in the test's own media folder, tests/conftest.py)."""

import datetime as dt

import pytest

from scrutiny.documents.models import DocumentKind
from scrutiny.documents.services import document_add
from scrutiny.meetings import services as meetings
from scrutiny.meetings.models import AgendaItem, ItemRole
from scrutiny.publishing.services import agenda_build
from scrutiny.rules.exempt_information import ExemptionGround
from tests.factories import CommitteeFactory
from tests.pdfs import make_pdf

D = dt.date


@pytest.fixture
def meeting():
    meeting = meetings.meeting_create(committee=CommitteeFactory(), date=D(2018, 2, 21))
    agenda_build(meeting=meeting)
    reg9 = AgendaItem.internal.get(meeting=meeting, role=ItemRole.REGULATION_9)
    sa = meetings.agenda_item_add(meeting=meeting, title="CSP Strategic Assessment 2017", today=D(2018, 1, 10))
    exempt = meetings.agenda_item_add(
        meeting=meeting,
        title="CSP Strategic Assessment 2017",
        is_exempt=True,
        exemption_ground=ExemptionGround.CONFIDENCE,
        today=D(2018, 1, 10),
    )
    for item, title, kind, file_name, pages, words in (
        (reg9, "Regulation 9 Notice", DocumentKind.NOTICE, "reg9.pdf", 4, "Forthcoming key decisions"),
        (sa, "Covering report", DocumentKind.REPORT, "sa.pdf", 2, "Covering report"),
        (exempt, "Strategic Assessment 2017", DocumentKind.APPENDIX, "secret.pdf", 3, "SECRET-ASSESSMENT"),
    ):
        document_add(item=item, title=title, kind=kind, file_name=file_name, data=make_pdf(pages, words))
    return meeting
