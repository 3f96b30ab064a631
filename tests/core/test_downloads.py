"""The one download helper: the disposition with a safe name, the content type, and caching
and indexing by visibility."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import HttpResponse

from scrutiny.core.downloads import (
    CSV,
    PDF,
    WORD,
    Visibility,
    file_response,
    kind_of,
    mark_visibility,
    safe_filename,
)
from scrutiny.core.openings import OPENING_ATTRIBUTE, Opening, OpeningFormat, OpeningKind

NOT_PUBLIC = [Visibility.EXEMPT, Visibility.OFFICERS]


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("minutes-2017-07-26.pdf", "minutes-2017-07-26.pdf"),
        ("papers/12/../../etc/passwd", "passwd"),
        ("C:\\Users\\clerk\\report.docx", "report.docx"),
        ('a"b;c.pdf', "a-b-c.pdf"),
        ("evil\r\nSet-Cookie: x=1.pdf", "evil-Set-Cookie- x-1.pdf"),
        ("Ŵelsh café report.pdf", "Ŵelsh café report.pdf"),
        ("...", "download"),
        ("", "download"),
    ],
)
def test_a_file_name_cannot_break_the_header_or_name_a_folder(name, safe):
    assert safe_filename(name) == safe


def test_the_kind_comes_from_the_extension_and_an_unknown_kind_is_never_shown_inline():
    assert kind_of("pack.PDF") == PDF and not PDF.attachment
    assert kind_of("agenda.docx") == WORD and WORD.attachment
    assert kind_of("figures.csv") == CSV and CSV.content_type == "text/csv; charset=utf-8"
    assert kind_of("calendar.ics").content_type == "text/calendar; charset=utf-8"
    page = kind_of("upload.html")
    assert page.content_type == "text/html" and page.attachment
    assert kind_of("no-extension").content_type == "application/octet-stream"


def test_a_public_file_is_cached_publicly_and_shown_inline():
    response = file_response(b"%PDF-1.4", filename="agenda-pack-2018-02-21-v1.pdf", visibility=Visibility.PUBLIC)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="agenda-pack-2018-02-21-v1.pdf"'
    assert response["Cache-Control"] == "public, max-age=300"
    assert "X-Robots-Tag" not in response
    assert response.content == b"%PDF-1.4"


@pytest.mark.parametrize("visibility", NOT_PUBLIC)
@pytest.mark.parametrize("filename", ["part-2.pdf", "agenda.docx", "meeting.ics", "figures.csv", "paper.txt"])
def test_no_file_that_is_not_public_may_be_kept_by_a_shared_cache_or_indexed(visibility, filename):
    opening = OPENING if visibility == Visibility.EXEMPT else None
    response = file_response(b"SECRET", filename=filename, visibility=visibility, opening=opening)
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"


OPENING = Opening(kind=OpeningKind.PAPER, format=OpeningFormat.PDF, committee_id=1, what="A paper")


def test_an_exempt_response_must_say_what_it_opens_so_that_the_opening_is_recorded():
    with pytest.raises(ValueError, match="must say what it opens"):
        file_response(b"SECRET", filename="part-2.pdf", visibility=Visibility.EXEMPT)
    with pytest.raises(ValueError, match="must say what it opens"):
        mark_visibility(HttpResponse("SECRET"), Visibility.EXEMPT)
    response = file_response(b"SECRET", filename="part-2.pdf", visibility=Visibility.EXEMPT, opening=OPENING)
    assert getattr(response, OPENING_ATTRIBUTE) == OPENING


@pytest.mark.parametrize("visibility", [Visibility.PUBLIC, Visibility.OFFICERS])
def test_only_exempt_content_is_recorded_as_an_opening(visibility):
    with pytest.raises(ValueError, match="only for exempt content"):
        file_response(b"x", filename="pack.pdf", visibility=visibility, opening=OPENING)


def test_word_calendars_and_tables_are_saved_as_attachments():
    for filename, content_type in (
        ("agenda-2018-02-21.docx", WORD.content_type),
        ("meeting-2018-02-21.ics", "text/calendar; charset=utf-8"),
        ("figures.csv", "text/csv; charset=utf-8"),
    ):
        response = file_response("BEGIN:VCALENDAR", filename=filename, visibility=Visibility.PUBLIC)
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_a_name_outside_ascii_is_sent_as_rfc_6266_asks():
    response = file_response(b"x", filename="café.pdf", visibility=Visibility.PUBLIC)
    assert response["Content-Disposition"] == "inline; filename*=utf-8''caf%C3%A9.pdf"


def test_a_stored_file_is_streamed_with_the_same_headers(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("papers/7/report.pdf", ContentFile(b"%PDF-1.7 stored"))
    stored = storage.open(name)
    response = file_response(stored, filename=name, visibility=Visibility.EXEMPT, opening=OPENING)
    assert response.streaming and b"".join(response.streaming_content) == b"%PDF-1.7 stored"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="report.pdf"'
    assert response["Cache-Control"] == "private, no-store" and response["X-Robots-Tag"] == "noindex"


def test_a_page_showing_exempt_content_is_marked_as_a_file_would_be():
    page = mark_visibility(HttpResponse("<h1>figures</h1>"), Visibility.EXEMPT, opening=OPENING)
    assert page["Cache-Control"] == "private, no-store" and page["X-Robots-Tag"] == "noindex"
    assert mark_visibility(HttpResponse("open"), Visibility.PUBLIC)["Cache-Control"] == "public, max-age=300"
