"""Opening the partners' figures given in confidence (the performance page showing them, the
confidential report as PDF and Word) is recorded; the public report, and the page without
them, are not."""

import pytest

from scrutiny.audit.models import ExemptOpening
from scrutiny.core.openings import OpeningFormat, OpeningKind
from scrutiny.performance.models import PartnerIndicator
from tests.access import test_performance_surfaces
from tests.access.test_performance_surfaces import QUERY, _login
from tests.access.viewers import NOT_ENTITLED

performance = test_performance_surfaces.scene  # an indicator given in confidence, with a figure

pytestmark = pytest.mark.django_db


def _confidential(code):
    return [
        (f"/performance/{code}/{QUERY}", OpeningFormat.PAGE, "Dartford, "),
        (f"/performance/{code}/report-confidential.pdf{QUERY}", OpeningFormat.PDF, "The report on Dartford, "),
        (f"/performance/{code}/report-confidential.docx{QUERY}", OpeningFormat.WORD, "The report on Dartford, "),
    ]


@pytest.mark.parametrize("who", ["officer", "member"])
def test_each_opening_of_the_confidential_figures_is_recorded(client, performance, who):
    client = _login(client, performance, who)
    for url, format, what in _confidential(performance["home"].code):
        assert client.get(url).status_code == 200, url
        opening = ExemptOpening.objects.order_by("-pk").first()
        assert opening is not None and opening.path == url
        assert (opening.kind, opening.format) == (OpeningKind.CONFIDENTIAL_FIGURES, format)
        assert opening.committee == performance["committee"] and opening.meeting is None
        assert opening.user == performance["users"][who] and opening.what.startswith(what)
    assert ExemptOpening.objects.count() == 3


@pytest.mark.parametrize("who", NOT_ENTITLED)
def test_nothing_is_recorded_for_those_refused_or_shown_the_public_figures(client, performance, who):
    client = _login(client, performance, who)
    for url, *_ in _confidential(performance["home"].code):
        client.get(url)
    assert not ExemptOpening.objects.exists()


def test_the_public_report_and_a_page_with_nothing_confidential_are_not_recorded(client, performance):
    client = _login(client, performance, "member")
    code = performance["home"].code
    for url in (f"/performance/{code}/report.pdf{QUERY}", f"/performance/{code}/report.docx{QUERY}"):
        assert client.get(url).status_code == 200
    assert not ExemptOpening.objects.exists()
    PartnerIndicator.internal.filter(pk=performance["secret"].pk).update(is_exempt=False, exemption_ground="")
    assert client.get(f"/performance/{code}/{QUERY}").status_code == 200
    assert not ExemptOpening.objects.exists()
