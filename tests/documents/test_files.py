"""A paper's file is a PDF with nothing active in it, whichever way it comes in."""

import io
import shutil

import pikepdf
import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError

from scrutiny.documents import files, services
from scrutiny.documents.models import Document
from tests.factories import AgendaItemFactory, DocumentFactory
from tests.pdfs import make_pdf, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


@pytest.fixture
def paper():
    return DocumentFactory(agenda_item=AgendaItemFactory(number="7", title="Anti-social behaviour"),
                           title="Covering report")


def _edited(build) -> bytes:
    """A real two-page PDF, changed by `build(pdf)`."""
    with pikepdf.open(io.BytesIO(make_pdf(2, "Hostile"))) as pdf:
        build(pdf)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _script(pdf: pikepdf.Pdf, code: str = "app.alert(document.cookie)") -> pikepdf.Dictionary:
    return pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript, JS=code))


def _open_action(pdf):
    pdf.Root.OpenAction = _script(pdf)
    pdf.Root.AA = pikepdf.Dictionary(WC=_script(pdf, "app.launchURL('https://example.org')"))
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=_script(pdf))


def _embedded(pdf):
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ not really a program", mime_type="application/octet-stream")
    names = pdf.Root.Names
    names.JavaScript = pdf.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(["run", _script(pdf)])))


def _form(pdf):
    field = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx, T="name", V="Filled in",
        Rect=pikepdf.Array([72, 600, 300, 630]), P=pdf.pages[0].obj, AA=pikepdf.Dictionary(K=_script(pdf)),
    ))
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([field]))
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]), NeedAppearances=True)


def _links(pdf):
    uri = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=pikepdf.Array([72, 72, 200, 90]),
                             A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI="https://www.dartford.gov.uk/"))
    launch = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=pikepdf.Array([72, 100, 200, 120]),
                                A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F="cmd.exe"))
    chained = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=pikepdf.Array([72, 130, 200, 150]),
                                 A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI="https://example.org/", Next=_script(pdf)))
    pdf.pages[1].obj.Annots = pdf.make_indirect(pikepdf.Array([uri, launch, chained]))
    outline_item = pdf.make_indirect(pikepdf.Dictionary(Title="Run me", A=_script(pdf)))
    pdf.Root.Outlines = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines, First=outline_item,
                                                             Last=outline_item, Count=1))
    outline_item.Parent = pdf.Root.Outlines


def _plain(data: bytes) -> bytes:
    """The PDF's bytes with no stream or object stream compressed, to search."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 stream_decode_level=pikepdf.StreamDecodeLevel.all)
    return out.getvalue()


def _active(data: bytes) -> set[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return {key for obj in files._dictionaries(pdf) for key in files._active_in(obj)}


@pytest.mark.parametrize("build", [_open_action, _embedded, _form, _links])
def test_what_could_run_or_open_is_taken_out_and_the_text_kept(paper, build):
    hostile = _edited(build)
    assert _active(hostile)  # the test file really holds something active
    services.document_attach_file(document=paper, name="report.pdf", data=hostile)
    stored = Document.internal.get(pk=paper.pk)
    with stored.file.open("rb") as fh:
        data = fh.read()
    assert _active(data) == set()
    plain = _plain(data)
    assert not {b"/JavaScript", b"/JS", b"payload.exe", b"MZ not", b"cmd.exe", b"/Launch"} & {
        word for word in (b"/JavaScript", b"/JS", b"payload.exe", b"MZ not", b"cmd.exe", b"/Launch") if word in plain}
    first, second = text_of(data)
    assert first.startswith("Hostile page 1") and second.strip() == "Hostile page 2"
    assert stored.page_count == 2
    assert paper.removed_from_file  # said to the officer


def test_a_link_to_an_address_is_kept_and_the_others_lose_their_action():
    with pikepdf.open(io.BytesIO(files.clean_pdf(_edited(_links)).data)) as pdf:
        actions = [annotation.get("/A") for annotation in pdf.pages[1].Annots]
        assert [str(a.URI) for a in actions if a is not None] == ["https://www.dartford.gov.uk/"]
        assert "/Outlines" in pdf.Root and "/A" not in pdf.Root.Outlines.First


def test_a_filled_in_form_is_kept_as_printed():
    with pikepdf.open(io.BytesIO(files.clean_pdf(_edited(_form)).data)) as pdf:
        assert "/AcroForm" not in pdf.Root and not pdf.pages[0].get("/Annots")


def _structure(pdf: pikepdf.Pdf) -> list[tuple[str, bool]]:
    """Each structure element's role and whether it has attributes, in a stable order."""
    return sorted((str(obj.S), "/A" in obj) for obj in files._dictionaries(pdf) if "/S" in obj and "/P" in obj and "/K" in obj)


def test_a_form_flattened_shows_what_was_filled_in():
    first, _second = text_of(files.clean_pdf(_edited(_form)).data)
    assert "Filled in" in first


def test_a_tagged_pdf_keeps_its_structure(paper):
    """WeasyPrint's tagged PDFs name structure roles with /S and attributes with /A: neither is an action."""
    from weasyprint import HTML

    tagged = HTML(string='<h1>Tagged</h1><p>A paper <a href="https://example.org/">linked</a>.</p>').write_pdf(
        pdf_tags=True, pdf_variant="pdf/ua-1")
    with pikepdf.open(io.BytesIO(tagged)) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        before = _structure(pdf)
    cleaned = files.clean_pdf(tagged)
    with pikepdf.open(io.BytesIO(cleaned.data)) as pdf:
        assert "/StructTreeRoot" in pdf.Root and _structure(pdf) == before and len(before) > 3
    assert cleaned.removed == ()


def test_what_cannot_be_removed_is_refused(paper, monkeypatch):
    monkeypatch.setattr(files, "_strip", lambda pdf: [])  # as if a new kind of script were not known
    with pytest.raises(ValidationError, match="could not be removed: print it to a new PDF") as exc:
        services.document_attach_file(document=paper, name="report.pdf", data=_edited(_open_action))
    assert exc.value.messages[0].startswith("“Covering report” (item 7): the file holds scripts")
    paper.refresh_from_db()
    assert not paper.file


def test_more_pages_than_a_paper_may_have_are_refused_before_anything_is_stored(paper, settings, tmp_path):
    settings.SCRUTINY_MAX_PAGES = 3
    with pytest.raises(ValidationError, match=r"has 4 pages; a paper may have at most 3: split it into appendices"):
        services.document_attach_file(document=paper, name="long.pdf", data=make_pdf(4))
    assert not list(tmp_path.rglob("*.pdf"))


def test_the_default_page_limit_fits_the_page_count_column():
    field = Document._meta.get_field("page_count")
    assert files.max_pages() <= 32767 and field.__class__.__name__ == "PositiveSmallIntegerField"


@pytest.mark.parametrize(
    "name, data",
    [
        ("minutes.doc", bytes(range(256)) * 80),  # 20 KB of noise named .doc
        ("minutes.doc", b"<html><script>alert(1)</script></html>"),
        ("minutes.docx", b"PK\x03\x04 not a zip at all"),
        ("minutes.odt", b"<html>an HTML page renamed</html>"),
        ("minutes.rtf", b"%PDF-1.7 a PDF renamed"),
    ],
)
def test_a_file_named_as_word_that_is_not_one_never_reaches_libreoffice(paper, monkeypatch, name, data):
    monkeypatch.setattr(services, "word_to_pdf", lambda *a, **k: pytest.fail("LibreOffice was asked to convert it"))
    with pytest.raises(ValidationError, match=r"is not (a Word document|an OpenDocument text) \(it may be damaged"):
        services.document_attach_file(document=paper, name=name, data=data)
    paper.refresh_from_db()
    assert not paper.file


def test_a_zip_named_docx_without_a_word_document_inside_is_refused(paper):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("index.html", "<script>alert(1)</script>")
    with pytest.raises(ValidationError, match="is named .docx but is not a Word document"):
        services.document_attach_file(document=paper, name="report.docx", data=out.getvalue())


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by make test and CI")
def test_a_real_rtf_is_converted(paper):
    services.document_attach_file(document=paper, name="note.rtf", data=rb"{\rtf1\ansi Community safety note\par}")
    with Document.internal.get(pk=paper.pk).file.open("rb") as fh:
        assert "Community safety note" in text_of(fh.read())[0]


def test_a_file_name_is_made_safe(paper):
    services.document_attach_file(document=paper, name='../../<img src=x onerror="a()">\r\nX: y.pdf', data=make_pdf(1))
    stored = Document.internal.get(pk=paper.pk).file.name
    base = stored.rsplit("/", 1)[-1]
    assert stored.startswith(f"documents/{paper.agenda_item.meeting_id}/")
    assert not set(base) & set("<>\"'\r\n/\\:") and base.endswith(".pdf")


def test_the_admin_takes_no_file():
    """A file field in the admin would store any file unchecked: every admin form of a paper shows it read-only."""
    from scrutiny.meetings.models import AgendaItem

    document_admin = admin.site._registry[Document]
    assert "file" in document_admin.readonly_fields
    inlines = [inline for inline in admin.site._registry[AgendaItem].inlines if inline.model is Document]
    assert inlines and all("file" in inline.readonly_fields for inline in inlines)
