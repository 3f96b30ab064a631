from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from scrutiny.core.text import blocks
from scrutiny.minutes.models import MinutesRecord
from scrutiny.minutes.word import STATUS_NOTICES

register = template.Library()


@register.simple_tag
def numbered(text: str, section: int) -> SafeString:
    """Paragraphs numbered as the council numbers them: 2.1, 2.2, ... (lists stay lists)."""
    parts: list[str] = []
    n = 0
    for block in blocks(text or ""):
        if block.kind == "list":
            parts.append(
                format_html(
                    "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((line,) for line in block.lines))
                )
            )
        else:
            n += 1
            parts.append(
                format_html(
                    '<p class="para"><span class="num">{}.{}</span>{}</p>', section, n, block.lines[0]
                )
            )
    return format_html_join("", "{}", ((p,) for p in parts))


@register.filter
def minutes_status_notice(record: MinutesRecord | None) -> str:
    """The notice at the head of minutes not yet confirmed, as the Word minutes print it
    (none for a minutes paper in a pack, whose context has no record)."""
    return STATUS_NOTICES.get(getattr(record, "status", ""), "")
