"""Small real PDFs for tests, made without network or fixtures on disk."""

import io
from html import escape

from pypdf import PageObject, PdfReader, PdfWriter

from scrutiny.core.printing import html_to_pdf


def make_pdf(pages: int, text: str = "Paper", *, size: str = "A4") -> bytes:
    """`pages` A4 pages (or another CSS page size), each reading "<text> page <n>"."""
    body = "".join(
        f'<p style="break-before: page">{escape(text)} page {n}</p>' if n > 1 else f"<p>{escape(text)} page 1</p>"
        for n in range(1, pages + 1)
    )
    return html_to_pdf(f"<style>@page {{ size: {size}; margin: 72pt }}</style>{body}", tagged=False)


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_page(PageObject.create_blank_page(width=595, height=842))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def text_of(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def outline_titles(data: bytes) -> list:
    reader = PdfReader(io.BytesIO(data))

    def walk(entries):
        out = []
        for entry in entries:
            if isinstance(entry, list):
                out.append(walk(entry))
            else:
                out.append((entry.title, reader.get_destination_page_number(entry)))
        return out

    return walk(reader.outline)


def docx_every_part(data: bytes) -> str:
    """Every part of a .docx as text (body, headers, footers, properties): a leak anywhere shows."""
    import re
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return xml + " " + re.sub(r"<[^>]+>", "", xml)


def assert_tagged(data: bytes) -> None:
    """A tagged PDF (PDF/UA-1): a structure tree with headings, marked content, the document's
    language and its title."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/StructTreeRoot" in pdf.Root, "no structure tree"
        assert bool(pdf.Root.MarkInfo.Marked), "not marked as tagged"
        assert str(pdf.Root.Lang).startswith("en"), "no language"
        assert str(pdf.docinfo.get("/Title", "")).strip() or "dc:title" in str(pdf.open_metadata()), "no title"
        kinds = set()

        def walk(node, depth=0):
            if depth > 40:
                return
            if isinstance(node, pikepdf.Dictionary) and "/S" in node:
                kinds.add(str(node.S))
            kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
            if isinstance(kids, pikepdf.Array):
                for kid in kids:
                    walk(kid, depth + 1)
            elif isinstance(kids, pikepdf.Dictionary):
                walk(kids, depth + 1)

        walk(pdf.Root.StructTreeRoot)
        assert kinds & {"/H1", "/H2", "/H3", "/H"}, f"no headings in the structure tree: {sorted(kinds)[:12]}"
