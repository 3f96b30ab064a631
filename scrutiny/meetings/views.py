from django.shortcuts import render

from scrutiny.access.policy import Viewer

from . import selectors


def meeting_detail(request, pk: int):
    meeting = selectors.meeting_get(pk=pk)
    viewer = Viewer.of(request)
    context = {
        "meeting": meeting,
        "committee": meeting.committee,
        "agenda": selectors.meeting_agenda(meeting=meeting, viewer=viewer),
        "sees_exempt": viewer.may_see_exempt_of_meeting(meeting),
        "minutes_visible": viewer.may_see_minutes(meeting) and meeting.minutes.exists(),
    }
    return render(request, "meetings/meeting_detail.html", context)
