"""The agenda pack of 21 February 2018, assembled from its items and papers (stand-ins with
the seed's page counts), checked page by page."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from scrutiny.documents.models import CoveringReport, Document
from scrutiny.documents.services import document_attach_file
from scrutiny.meetings.models import AgendaItem, Meeting
from scrutiny.publishing.pack import build_packs
from scrutiny.rules.exempt_information import not_for_publication_mark
from tests.minutes.scenes import SECRET, SECRET_TITLE, exempt_minute_on
from tests.pdfs import make_pdf, outline_titles, text_of

pytestmark = pytest.mark.django_db

# Pages of each paper in the seed's pack (agenda of 21 February 2018, seed 003).
SEED_PAGES = {
    ("3", 1): 20,  # minutes of 26 July 2017: Pages 1 - 20
    ("6", 1): 4,  # Regulation 9 notice: 21 - 24
    ("7", 1): 10,
    ("7", 2): 9,
    ("7", 3): 9,  # PCP minutes: 25 - 52
    ("10", 1): 2,  # SA covering report: 53 - 54
    ("11", 1): 2,
    ("11", 2): 2,  # work programme report and appendix: 55 - 58
    ("A", 1): 72,  # the exempt Strategic Assessment 2017: 59 - 130
}


@pytest.fixture
def february(demo, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    meeting = Meeting.objects.get(date=dt.date(2018, 2, 21))
    for (number, position), pages in SEED_PAGES.items():
        document = Document.internal.get(
            agenda_item__meeting=meeting, agenda_item__number=number, position=position
        )
        Document.internal.filter(pk=document.pk).update(minutes_of=None, work_plan=None, forward_plan_notice=None)
        CoveringReport.objects.filter(document=document).delete()  # print the stand-in file instead
        document.refresh_from_db()
        words = "CONFIDENTIAL-SA2017" if number == "A" else f"paper {number}.{position}"
        document_attach_file(document=document, name=f"{number}-{position}.pdf", data=make_pdf(pages, words))
    return meeting


def test_page_ranges_match_the_seed(february):
    public, part2 = build_packs(february)
    by_number = {i.number: i.pk for i in AgendaItem.internal.filter(meeting=february)}
    assert {n: part2.range_text(by_number[n]) for n in ("3", "6", "7", "10", "11", "A")} == {
        "3": "Pages 1 - 20",
        "6": "Pages 21 - 24",
        "7": "Pages 25 - 52",
        "10": "Pages 53 - 54",
        "11": "Pages 55 - 58",
        "A": "Pages 59 - 130",
    }
    # The public pack cites only the pages it holds: not item A's, which are in the Part 2 pack.
    assert public.range_text(by_number["A"]) == "" and public.range_text(by_number["6"]) == "Pages 21 - 24"
    agenda = " ".join(text_of(public.pdf)[: public.front_pages])
    assert "(Pages 21 - 24)" in agenda and "59 - 130" not in agenda
    assert "(Pages 59 - 130)" in " ".join(text_of(part2.pdf)[: part2.front_pages])
    assert public.page_count == public.front_pages + 58
    assert part2.page_count == part2.front_pages + 72


def test_every_content_page_is_numbered(february):
    public, part2 = build_packs(february)
    pages = text_of(public.pdf)[public.front_pages :]
    for n, text in enumerate(pages, start=1):
        assert str(n) in text.split(), f"page {n} not numbered"
    exempt_pages = text_of(part2.pdf)[part2.front_pages :]
    assert str(59) in exempt_pages[0].split() and str(130) in exempt_pages[-1].split()


def test_the_public_pack_never_contains_exempt_content(february):
    public, _ = build_packs(february)
    text = " ".join(text_of(public.pdf))
    assert "CONFIDENTIAL-SA2017" not in text
    assert "supplied to the Council in confidence" in text  # the exempt item is listed with its reason
    assert "CSP Strategic Assessment 2017" in text


def test_the_part_2_pack_marks_every_page_not_for_publication(february):
    _, part2 = build_packs(february)
    pages = text_of(part2.pdf)[part2.front_pages :]
    assert len(pages) == 72
    for text in pages:
        assert "NOT FOR PUBLICATION" in text and "in confidence" in text
    assert all("CONFIDENTIAL-SA2017" in text for text in pages)


def test_bookmarks_per_item_and_paper(february):
    public, _ = build_packs(february)
    outline = outline_titles(public.pdf)
    flat = [entry for entry in outline if isinstance(entry, tuple)]
    titles = [t for t, _ in flat]
    assert titles[0] == "Front sheet and agenda"
    assert "3. Confirmation of the Minutes of the meeting held on 26 July 2017" in titles
    assert "7. Kent Police and Crime Panel (PCP) Update" in titles
    pcp = next(i for i, e in enumerate(outline) if isinstance(e, tuple) and e[0].startswith("7. Kent Police"))
    children = outline[pcp + 1]
    assert [t for t, _ in children] == [
        "Kent and Medway Police and Crime Panel – Minutes of 20 July 2017",
        "Kent and Medway Police and Crime Panel – Minutes of 28 September 2017",
        "Kent and Medway Police and Crime Panel – Minutes of 15 November 2017",
    ]
    assert (
        dict(flat)["3. Confirmation of the Minutes of the meeting held on 26 July 2017"] == public.front_pages
    )


def test_regenerating_an_unchanged_pack_gives_the_same_pages(february):
    first_public, first_part2 = build_packs(february)
    second_public, second_part2 = build_packs(february)
    assert first_public.pdf == second_public.pdf
    assert first_part2.pdf == second_part2.pdf


def test_the_covering_report_is_printed_in_the_councils_sections(demo):
    from scrutiny.publishing.pack import render_document

    meeting = Meeting.objects.get(date=dt.date(2018, 2, 21))
    report = Document.internal.get(agenda_item__meeting=meeting, agenda_item__number="10")
    text = " ".join(" ".join(text_of(render_document(report, meeting))).split())
    for expected in (
        "1. Summary",
        "1.1 To consider the Dartford and Gravesham Community Safety Partnership Strategic Assessment 2017",
        "2. RECOMMENDATIONS",
        "2.3 That the Committee notes the Dartford and Gravesham Community Safety Partnership",
        "3. Background and Discussion",
        "4. Relationship to the Corporate Plan",
        "Financial Implications None",
        "6. Obligation of Confidence",
        "7. Appendix",
        "BACKGROUND PAPERS",
        "Obligation of Confidence",
    ):
        assert expected in text, expected


def test_the_minutes_paper_prints_the_earlier_meetings_minutes(demo):
    from scrutiny.publishing.pack import render_document

    meeting = Meeting.objects.get(date=dt.date(2018, 2, 21))
    paper = Document.internal.get(agenda_item__meeting=meeting, agenda_item__number="3")
    text = " ".join(" ".join(text_of(render_document(paper, meeting))).split())
    assert "1. APOLOGIES FOR ABSENCE" in text and "The meeting closed at 9.25" in text
    # the council printed minute 13 in full although its item, exempt Item A, was taken in private
    assert "13. CSP PERFORMANCE REPORT" in text and "iQuanta Bar Chart" in text


def test_an_exempt_minute_is_printed_in_the_open_minutes_paper_as_its_public_record_only(demo):
    from scrutiny.publishing.pack import render_document

    july = Meeting.objects.get(date=dt.date(2017, 7, 26))
    minute = exempt_minute_on(july)
    meeting = Meeting.objects.get(date=dt.date(2018, 2, 21))
    paper = Document.internal.get(agenda_item__meeting=meeting, agenda_item__number="3")
    text = " ".join(" ".join(text_of(render_document(paper, meeting))).split())
    assert f"{minute.number}. {SECRET_TITLE.upper()}" in text
    assert "The Committee passed 2 resolutions on this item, which are withheld under an obligation" in text
    assert SECRET not in text and "NOT FOR PUBLICATION" not in text


def test_the_demos_published_public_pack_prints_minute_13_as_the_council_did(client, demo):
    from scrutiny.demo.loader import publish_demo_agendas

    publish_demo_agendas()  # as `scrutiny loaddemo` does after loading
    meeting = Meeting.objects.get(date=dt.date(2018, 2, 21))
    response = client.get(reverse("agenda_pack", args=[meeting.pk]))
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    text = " ".join(" ".join(text_of(data)).split())
    assert "13. CSP PERFORMANCE REPORT" in text
    assert "The ‘iQuanta Bar Chart’ showed that rates of crime per 1,000 of the population for Dartford" in text


def test_the_agenda_pack_command(february, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    out = tmp_path / "pack.pdf"
    call_command("agenda-pack", "2018-02-21", "--public", "--out", str(out))
    printed = capsys.readouterr().out
    assert "Pages 55 - 58" in printed and "Pages 59 - 130" not in printed
    assert "CONFIDENTIAL-SA2017" not in " ".join(text_of(out.read_bytes()))
    call_command("agenda-pack", "2018-02-21", "--part2", "--out", str(out))
    printed = capsys.readouterr().out
    assert "Pages 59 - 130" in printed and "CSP Strategic Assessment 2017" in printed
    assert "CONFIDENTIAL-SA2017" in " ".join(text_of(out.read_bytes()))
    with pytest.raises(CommandError, match="neither a meeting number nor a date"):
        call_command("agenda-pack", "21/02/2018", "--public", "--out", str(out))


def _rotated(data: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    for page in reader.pages:
        page.rotate(90)
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _placed(page) -> dict[str, tuple[float, float]]:
    """Where each run of text is drawn on the page (x, y of its start, in page space)."""
    found = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found[text.strip()] = (x, y)

    page.extract_text(visitor_text=visit)
    return found


def test_stamps_sit_at_the_foot_of_landscape_and_rotated_pages_as_shown(meeting):
    notice = Document.internal.get(agenda_item__meeting=meeting, title="Regulation 9 Notice")
    document_attach_file(document=notice, name="wide.pdf", data=make_pdf(1, "Wide", size="A4 landscape"))
    report = Document.internal.get(agenda_item__meeting=meeting, title="Covering report")
    document_attach_file(document=report, name="turned.pdf", data=_rotated(make_pdf(2, "Turned")))
    public, part2 = build_packs(meeting)
    pages = PdfReader(io.BytesIO(public.pdf)).pages[public.front_pages :]
    assert len(pages) == 3
    for number, page in enumerate(pages, start=1):
        assert page.rotation == 0
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width > height  # each is shown landscape, the rotated ones as they were shown
        x, y = _placed(page)[str(number)]
        assert abs(x - width / 2) < 20 and y < 40, (number, x, y)
    secret = PdfReader(io.BytesIO(part2.pdf)).pages[part2.front_pages]
    placed = _placed(secret)
    first_line, (_, top) = next((t, at) for t, at in placed.items() if t.startswith("NOT FOR PUBLICATION:"))
    assert not_for_publication_mark("confidence").startswith(first_line)
    assert top > float(secret.mediabox.height) - 40  # the mark with its ground at the head
    assert placed["NOT FOR PUBLICATION"][1] < 15 and placed["4"][1] < 40  # the number and bare mark at the foot


def test_an_open_items_exempt_paper_is_listed_in_the_public_pack_as_not_included(meeting):
    from docx import Document as Word

    from scrutiny.documents.models import DocumentKind
    from scrutiny.documents.services import document_add
    from scrutiny.publishing.word import agenda_docx
    from scrutiny.rules.exempt_information import ExemptionGround, describe

    sa = AgendaItem.internal.get(meeting=meeting, title="CSP Strategic Assessment 2017", is_exempt=False)
    document_add(
        item=sa, title="SECRET-NAMES of the victims", public_title="Appendix: victims' details",
        kind=DocumentKind.APPENDIX, is_exempt=True,
        exemption_ground=ExemptionGround.PARA_1, file_name="victims.pdf", data=make_pdf(5, "SECRET-VICTIMS"),
    )
    public, part2 = build_packs(meeting)
    listed = f"Appendix: victims' details (exempt: not included). {describe(ExemptionGround.PARA_1)}"
    agenda = " ".join(" ".join(text_of(public.pdf)[: public.front_pages]).split())
    assert listed in agenda
    assert "SECRET-VICTIMS" not in " ".join(text_of(public.pdf))
    assert "SECRET-NAMES" not in " ".join(text_of(public.pdf))  # its own title would disclose
    # The item's pages in the public pack are its covering report's alone.
    covering_pages = public.ranges[sa.pk][1] - public.ranges[sa.pk][0] + 1
    assert covering_pages == 2 and part2.ranges[sa.pk][1] - part2.ranges[sa.pk][0] + 1 == 7
    word = Word(io.BytesIO(agenda_docx(meeting, part2=False, pages=public.ranges)))
    assert listed in [p.text for p in word.paragraphs]
    assert not any("SECRET-NAMES" in p.text for p in word.paragraphs)
    members = Word(io.BytesIO(agenda_docx(meeting, part2=True, pages=part2.ranges)))
    assert not any("not included" in p.text for p in members.paragraphs)


def test_a_long_agenda_title_wraps_under_its_own_text_not_under_the_number(meeting):
    sa = AgendaItem.internal.get(meeting=meeting, title="CSP Strategic Assessment 2017", is_exempt=False)
    long_title = "Zebra " + "the Community Safety Partnership's annual strategic assessment " * 3 + "Omega"
    AgendaItem.internal.filter(pk=sa.pk).update(title=long_title)
    public, _ = build_packs(meeting)
    runs: list[tuple[str, float]] = []
    for page in PdfReader(io.BytesIO(public.pdf)).pages[: public.front_pages]:
        page.extract_text(visitor_text=lambda text, cm, tm, *_: runs.append((text.strip(), tm[4] * cm[0] + cm[4])))
    runs = [(text, x) for text, x in runs if text]
    first = next(i for i, (text, _) in enumerate(runs) if text.startswith("Zebra"))
    number_x = runs[first - 1][1]
    title_x = runs[first][1]
    last = next(i for i, (text, _) in enumerate(runs) if "Omega" in text)
    wrapped = [x for _, x in runs[first + 1 : last + 1]]
    assert wrapped and title_x > number_x + 20
    assert all(abs(x - title_x) < 1 for x in wrapped), (number_x, title_x, wrapped)


def test_a_pack_in_the_sections_style_heads_its_agenda_and_numbers_through(february):
    committee = february.committee
    committee.agenda_numbering = "sections"
    committee.names_with_councillor = False
    committee.save()
    from scrutiny.meetings.services import agenda_arrange

    agenda_arrange(meeting=february)
    opens = AgendaItem.internal.filter(meeting=february, is_exempt=False).exclude(role="exclusion").count()
    assert AgendaItem.internal.get(meeting=february, is_exempt=True).number == str(opens + 1)
    public, part2 = build_packs(february)
    front = " ".join(" ".join(text_of(public.pdf)[: public.front_pages]).split())
    assert "A. Unrestricted items" in front and "B. Exempt items" in front
    assert front.index("A. Unrestricted items") < front.index("1. Apologies") < front.index("B. Exempt items")
    assert f"{opens + 1}. CSP Strategic Assessment 2017" in front
    assert "Councillor" not in front.split("Membership", 1)[1].split("Contact officer", 1)[0]


def test_the_front_sheet_prints_the_councils_logo_and_name(february):
    from scrutiny.governance.branding import council_branding_update
    from tests.governance.test_branding import picture

    council_branding_update(council=february.committee.council, display_name="Dartford Borough Council (branded)",
                            logo=picture(), logo_alt="The council's crest")
    public, _ = build_packs(february)
    first = PdfReader(io.BytesIO(public.pdf)).pages[0]
    assert len(first.images) == 1
    assert "DARTFORD BOROUGH COUNCIL (BRANDED)" in text_of(public.pdf)[0]
