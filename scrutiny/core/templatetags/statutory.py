"""Statutory wording for templates, from scrutiny.rules: pages print the same words as the
PDFs and Word files, never their own spelling of them."""

from __future__ import annotations

from django import template

from scrutiny.rules import exempt_information, notices

register = template.Library()


@register.filter
def not_for_publication_mark(ground: str) -> str:
    """The s100B(5) mark with the description of the ground ('' gives the bare mark)."""
    return exempt_information.not_for_publication_mark(ground or "")


@register.filter
def urgency_statement(reason: str) -> str:
    """The s100B(4)(b) statement of a supplementary item."""
    return notices.urgency_statement(reason)


@register.filter
def late_agenda_statement(reason: str) -> str:
    """The s100B(4)(b) statement of an agenda published late as a whole."""
    return notices.late_agenda_statement(reason)


@register.simple_tag
def part_2_notice() -> str:
    return exempt_information.part_2_notice()


@register.simple_tag
def right_to_report() -> str:
    return notices.RIGHT_TO_REPORT


@register.simple_tag
def publication_basis() -> str:
    return notices.PUBLICATION_BASIS
