"""The branding of the council whose page this is (its committee's or meeting's)."""

from __future__ import annotations

from django import template
from django.template.context import Context

from scrutiny.governance.models import Branding, Committee, Organisation, OrganisationKind
from scrutiny.governance.selectors import branding_of

register = template.Library()


def _council(context: Context) -> Organisation | None:
    meeting = context.get("meeting")
    for record in (context.get("committee"), getattr(meeting, "committee", None), context.get("council")):
        if isinstance(record, Committee):
            return record.council
        if isinstance(record, Organisation) and record.kind == OrganisationKind.COUNCIL:
            return record
    return None


@register.simple_tag(takes_context=True)
def council_brand(context: Context) -> Branding | None:
    return branding_of(_council(context))
