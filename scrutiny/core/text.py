"""Plain text of minutes and reports, turned into blocks a template or a document writer
can render safely (no HTML in the stored text is ever trusted)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph" or "list"
    lines: tuple[str, ...]


def blocks(text: str) -> list[Block]:
    """Paragraphs are separated by blank lines; consecutive lines starting '- ' form a list."""
    result: list[Block] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in chunk.strip("\n").split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.lstrip().startswith("- ") for line in lines):
            result.append(Block("list", tuple(line.lstrip()[2:].strip() for line in lines)))
            continue
        paragraph: list[str] = []
        bullets: list[str] = []
        for line in lines:
            if line.lstrip().startswith("- "):
                if paragraph:
                    result.append(Block("paragraph", (" ".join(paragraph),)))
                    paragraph = []
                bullets.append(line.lstrip()[2:].strip())
            else:
                if bullets:
                    result.append(Block("list", tuple(bullets)))
                    bullets = []
                paragraph.append(line.strip())
        if paragraph:
            result.append(Block("paragraph", (" ".join(paragraph),)))
        if bullets:
            result.append(Block("list", tuple(bullets)))
    return result
