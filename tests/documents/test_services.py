"""Uploading papers: what is refused, with which words, and that nothing changes."""

import shutil

import pytest
from django.core.exceptions import ValidationError

from scrutiny.documents import services
from scrutiny.documents.models import Document
from tests.factories import AgendaItemFactory, DocumentFactory
from tests.pdfs import encrypted_pdf, make_pdf, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }


@pytest.fixture
def paper():
    item = AgendaItemFactory(number="10", title="CSP Strategic Assessment 2017")
    return DocumentFactory(agenda_item=item, title="Covering report")


def test_a_pdf_is_stored_with_its_page_count(paper):
    services.document_attach_file(document=paper, name="report.pdf", data=make_pdf(2, "Covering"))
    paper.refresh_from_db()
    assert paper.page_count == 2 and paper.file.name.endswith(".pdf")


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("photo.png", b"\x89PNG....", "upload a PDF or a Word document"),
        ("report.pdf", b"%PDF-1.7 this is not really a pdf", "is damaged"),
        ("report.pdf", b"<html>not a pdf</html>", "is not a PDF file"),
        ("report.pdf", b"", "the file is empty"),
    ],
)
def test_bad_files_are_refused_naming_the_paper_and_item(paper, name, data, message):
    with pytest.raises(ValidationError, match=message) as exc:
        services.document_attach_file(document=paper, name=name, data=data)
    assert "“Covering report” (item 10)" in exc.value.messages[0]
    paper.refresh_from_db()
    assert not paper.file


def test_an_encrypted_pdf_is_refused(paper):
    with pytest.raises(ValidationError, match="is password-protected"):
        services.document_attach_file(document=paper, name="locked.pdf", data=encrypted_pdf())


def test_an_oversized_upload_is_refused_and_the_earlier_file_kept(paper, settings):
    services.document_attach_file(document=paper, name="report.pdf", data=make_pdf(1))
    before = Document.internal.get(pk=paper.pk).file.name
    settings.SCRUTINY_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError, match=r"the largest allowed is 1 MB"):
        services.document_attach_file(document=paper, name="big.pdf", data=b"%PDF" + b"0" * (2 * 1024 * 1024))
    assert Document.internal.get(pk=paper.pk).file.name == before


def _docx(text: str) -> bytes:
    import io

    from docx import Document as Word

    word = Word()
    word.add_paragraph(text)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by make test and CI")
def test_a_word_document_is_converted_to_pdf(paper):
    import io

    from docx import Document as Word

    word = Word()
    word.add_heading("Appendix A: Memorandum of Understanding", 1)
    word.add_paragraph("Unauthorised encampments: the joint approach of the Council and Kent Police.")
    out = io.BytesIO()
    word.save(out)
    services.document_attach_file(document=paper, name="mou.docx", data=out.getvalue())
    paper.refresh_from_db()
    with paper.file.open("rb") as fh:
        assert "Memorandum of Understanding" in text_of(fh.read())[0]


def test_a_paper_cannot_be_exempt_without_its_reason():
    item = AgendaItemFactory()
    with pytest.raises(ValidationError, match="needs its reason"):
        services.document_add(item=item, title="Appendix A", kind="appendix", is_exempt=True)
    assert not Document.internal.exists()


def _stored_files(root) -> list[str]:
    folder = root / "documents"
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_a_save_that_fails_after_the_file_was_written_leaves_no_file(paper, tmp_path, monkeypatch):
    from django.db import IntegrityError

    services.document_attach_file(document=paper, name="report.pdf", data=make_pdf(1))
    before = _stored_files(tmp_path)
    written = []

    def failing_save(self, *args, **kwargs):
        written.extend(_stored_files(tmp_path))
        raise IntegrityError("the database refused the row")

    monkeypatch.setattr(Document, "save", failing_save)
    with pytest.raises(IntegrityError):
        services.document_attach_file(document=paper, name="revised.pdf", data=make_pdf(2))
    assert written == sorted([*before, "revised.pdf"])  # it was stored before the row was saved
    assert _stored_files(tmp_path) == before
    assert paper.file.name == Document.internal.get(pk=paper.pk).file.name  # the earlier file kept


def test_a_paper_added_with_a_file_that_fails_to_save_leaves_no_file(tmp_path, monkeypatch):
    from django.db import IntegrityError

    item = AgendaItemFactory(number="11")

    def refused(self, *args, **kwargs):
        raise IntegrityError("the database refused the row")

    monkeypatch.setattr(Document, "save", refused)
    with pytest.raises(IntegrityError):
        services.document_add(item=item, title="Appendix", kind="appendix", file_name="a.pdf", data=make_pdf(1))
    assert _stored_files(tmp_path) == [] and not Document.internal.exists()


@pytest.mark.django_db(transaction=True)
def test_a_word_upload_is_converted_outside_any_transaction(paper, monkeypatch):
    from django.db import connection

    seen = []

    def converted(data: bytes, suffix: str) -> bytes:
        seen.append(connection.in_atomic_block)
        return make_pdf(3, "Converted")

    monkeypatch.setattr(services, "word_to_pdf", converted)
    services.document_attach_file(document=paper, name="mou.docx", data=_docx("Memorandum of Understanding"))
    assert seen == [False]
    assert Document.internal.get(pk=paper.pk).page_count == 3
