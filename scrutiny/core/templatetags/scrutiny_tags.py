from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from scrutiny.core.text import blocks

register = template.Library()


@register.filter
def prose(text: str | None):
    """Render stored plain text as GOV.UK paragraphs and bulleted lists, escaping everything."""
    if not text:
        return ""
    html = []
    for block in blocks(text):
        if block.kind == "list":
            items = format_html_join("", "<li>{}</li>", ((line,) for line in block.lines))
            html.append(format_html('<ul class="govuk-list govuk-list--bullet">{}</ul>', items))
        else:
            html.append(format_html('<p class="govuk-body">{}</p>', block.lines[0]))
    return mark_safe("".join(str(h) for h in html))  # noqa: S308 - every part escaped above


@register.simple_tag(takes_context=True)
def nav_current(context, prefix: str) -> str:
    path = context["request"].path
    return "govuk-service-navigation__item--active" if path.startswith(prefix) else ""
