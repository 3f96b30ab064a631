from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypeVar

from django import template
from django.template.context import Context
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from scrutiny.core.text import blocks

register = template.Library()

K = TypeVar("K")
V = TypeVar("V")


MINUTE_REFERENCE = re.compile(r"\[(Min\. No\. (\d+) refers)\]")


def _linked(line: str, refs: Mapping[int, str] | None) -> SafeString:
    """Escape a line, turning "[Min. No. 15 refers]" into a link when minute 15 is known."""
    if not refs:
        return escape(line)
    out: list[str] = []
    last = 0
    for match in MINUTE_REFERENCE.finditer(line):
        out.append(escape(line[last : match.start()]))
        url = refs.get(int(match.group(2)))
        label = escape(match.group(1))
        out.append(
            format_html('[<a class="govuk-link" href="{}">{}</a>]', url, label)
            if url
            else format_html("[{}]", label)
        )
        last = match.end()
    out.append(escape(line[last:]))
    return mark_safe("".join(str(part) for part in out))  # noqa: S308 - every part escaped above


@register.filter
def prose(text: str | None, refs: Mapping[int, str] | None = None) -> SafeString:
    """Render stored plain text as GOV.UK paragraphs and bulleted lists, escaping everything;
    with `refs` ({minute number: url}) cross-references to minutes become links."""
    if not text:
        return SafeString("")
    html: list[str] = []
    for block in blocks(text):
        if block.kind == "list":
            items = format_html_join("", "<li>{}</li>", ((_linked(line, refs),) for line in block.lines))
            html.append(format_html('<ul class="govuk-list govuk-list--bullet">{}</ul>', items))
        else:
            html.append(format_html('<p class="govuk-body">{}</p>', _linked(block.lines[0], refs)))
    return mark_safe("".join(str(h) for h in html))  # noqa: S308 - every part escaped above


@register.simple_tag(takes_context=True)
def nav_current(context: Context, prefix: str) -> str:
    path = context["request"].path
    return "govuk-service-navigation__item--active" if path.startswith(prefix) else ""


@register.filter
def get_item(mapping: Mapping[K, V] | None, key: K) -> V | None:
    return mapping.get(key) if mapping else None
