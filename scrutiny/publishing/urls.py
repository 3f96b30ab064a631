"""Publishing's addresses: the meeting page, each paper's page and file, building the draft
agenda, the packs (published and draft), publishing, Word and calendars.

The public pack and the Part 2 pack are one view with the pack's visibility as a keyword,
under the addresses published in the outside world."""

from django.urls import URLPattern, path, register_converter

from scrutiny.core.downloads import Visibility

from . import views


class PackPartConverter:
    """`public` or `part2` in a draft pack's address, as the pack's visibility."""

    regex = "public|part2"
    parts = {"public": Visibility.PUBLIC, "part2": Visibility.EXEMPT}
    names = {Visibility.PUBLIC: "public", Visibility.EXEMPT: "part2"}

    def to_python(self, value: str) -> Visibility:
        return self.parts[value]

    def to_url(self, value: str) -> str:
        """The part as templates write it ("part2"), or a visibility; anything else is no match."""
        if value in self.parts:
            return value
        name = self.names.get(Visibility(value))
        if name is None:
            raise ValueError(f"No draft pack is {value}.")
        return name


register_converter(PackPartConverter, "pack_part")

PUBLIC = {"visibility": Visibility.PUBLIC}
PART_2 = {"visibility": Visibility.EXEMPT}

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("committees/<slug:slug>/", views.committee_detail, name="committee"),
    path("committees/<slug:slug>/feed.atom", views.committee_feed, name="committee_feed"),
    path("meetings/calendar/", views.meetings_calendar, name="meetings_calendar"),
    path("councillors/", views.councillor_list, name="councillors"),
    path("councillors/<slug:slug>/", views.councillor_detail, name="councillor"),
    path("decisions/", views.decision_register, name="decision_register"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/agenda/build/", views.agenda_build, name="agenda_build"),
    path("agenda-items/<int:pk>/regulation-9-notice/", views.regulation_9_notice_attach,
         name="regulation_9_notice_attach"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/file/", views.document_file, name="document_file"),
    path("meetings/<int:pk>/calendar.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/agenda.docx", views.agenda_word, name="agenda_word"),
    path("documents/<int:pk>/report.docx", views.report_word, name="report_word"),
    path("meetings/<int:pk>/agenda-pack.pdf", views.agenda_pack, PUBLIC, name="agenda_pack"),
    path("meetings/<int:pk>/agenda-pack/v<int:version>.pdf", views.agenda_pack, PUBLIC, name="agenda_pack_version"),
    path("meetings/<int:pk>/part-2-pack.pdf", views.agenda_pack, PART_2, name="part2_pack"),
    path("meetings/<int:pk>/part-2-pack/v<int:version>.pdf", views.agenda_pack, PART_2, name="part2_pack_version"),
    path("meetings/<int:pk>/draft-pack/<pack_part:part>.pdf", views.draft_pack, name="draft_pack"),
    path("meetings/<int:pk>/publish/", views.publish, name="meeting_publish"),
    path("meetings/<int:pk>/agenda/v<int:version>/withdraw/", views.publication_withdraw, name="publication_withdraw"),
    path("committees/<slug:slug>/calendar.ics", views.committee_ics, name="committee_ics"),
]
