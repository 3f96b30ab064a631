from django.http import Http404
from django.shortcuts import render

from scrutiny.access.policy import Viewer
from scrutiny.meetings.selectors import meeting_get

from . import selectors


def meeting_minutes(request, pk: int):
    meeting = meeting_get(pk=pk)
    viewer = Viewer.of(request)
    minutes = selectors.meeting_minutes(meeting=meeting, viewer=viewer)
    if not minutes:
        raise Http404("No minutes published for that meeting.")
    context = {"meeting": meeting, "committee": meeting.committee, "minutes": minutes}
    return render(request, "minutes/meeting_minutes.html", context)


def minute_detail(request, pk: int):
    meeting, minute = selectors.minute_get(pk=pk, viewer=Viewer.of(request))
    return render(
        request,
        "minutes/minute_detail.html",
        {"meeting": meeting, "committee": meeting.committee, "minute": minute},
    )
