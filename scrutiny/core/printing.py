"""Printed outputs shared by the apps: HTML to PDF with WeasyPrint, and the council's Word
document (Arial 11, centred bold headings)."""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt


def html_to_pdf(html: str, *, tagged: bool = True) -> bytes:
    """The PDF of `html`, tagged for screen readers (PDF/UA-1: a structure tree, the document's
    language and title, as the Public Sector Bodies Accessibility Regulations 2018 ask).
    `tagged=False` only for pages merged into an agenda pack, whose merging drops the tags."""
    # Imported here: WeasyPrint loads Pango and its fonts on import, which commands and pages
    # that print nothing should not pay for.
    from weasyprint import HTML

    document = HTML(string=html)
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True) if tagged else document.write_pdf()
    return pdf


def word_document() -> WordDocument:
    document = new_docx()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    return document


def centred(document: WordDocument, text: str, *, bold: bool = True) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = bold


def marked(document: WordDocument, mark: str) -> None:
    """An exempt copy: the mark at the top of the text and in the header of every page."""
    centred(document, mark)
    document.sections[0].header.paragraphs[0].text = mark


def docx_bytes(document: WordDocument) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
