"""An exempt minute of its own, for tests of exempt-minute behaviour on the demo's meetings.

The demo's minutes of 26 July 2017 hold none: the council published even minute 13 (on exempt
Item A) in full, and the demo matches it. So every surface's exempt behaviour is tested on a
minute the test adds, whose words can only leak if the redaction fails."""

from django.db.models import Max

from scrutiny.meetings.models import AgendaItem
from scrutiny.minutes.models import Minute
from tests.factories import ExemptAgendaItemFactory, MinuteFactory, ResolutionFactory

SECRET = "SECRET-MINUTE"
SECRET_TITLE = "Confidential briefing"  # a heading that may itself be published


def exempt_minute_on(meeting, *, resolutions: int = 2) -> Minute:
    """A minute on an exempt item (obligation of confidence) after the meeting's last one."""
    item_position = AgendaItem.internal.filter(meeting=meeting).aggregate(n=Max("position"))["n"] or 0
    item = ExemptAgendaItemFactory(
        meeting=meeting, number="B", position=item_position + 1, title=SECRET_TITLE, purpose=f"{SECRET} purpose"
    )
    last = Minute.internal.filter(meeting=meeting).aggregate(p=Max("position"), n=Max("number"))
    minute = MinuteFactory(
        meeting=meeting,
        agenda_item=item,
        position=(last["p"] or 0) + 1,
        number=(last["n"] or 0) + 1,
        title=SECRET_TITLE.upper(),
        narrative=f"{SECRET} narrative: the confidential figures were discussed.",
    )
    for n in range(1, resolutions + 1):
        ResolutionFactory(minute=minute, number=n, text=f"That {SECRET} resolution {n} be noted.")
    return minute
