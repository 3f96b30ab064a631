"""Recording an opening of exempt business (the only write of this app)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction

from scrutiny.access.policy import Viewer
from scrutiny.core.openings import Opening
from scrutiny.governance.models import Committee

from .models import Capacity, ExemptOpening


def _capacity(viewer: Viewer, committee: Committee) -> Capacity:
    if viewer.is_superuser:
        return Capacity.SUPERUSER
    if viewer.runs(committee):
        return Capacity.OFFICER
    return Capacity.MEMBER if viewer.is_signed_in else Capacity.NOT_SIGNED_IN


@transaction.atomic
def exempt_opening_record(
    *, opening: Opening, by: User | AnonymousUser, address: str | None, path: str
) -> ExemptOpening:
    """Record that `by` opened `opening` from `address`, now."""
    committee = Committee.objects.get(pk=opening.committee_id)
    user = by if isinstance(by, User) else None
    return ExemptOpening.objects.create(
        user=user,
        who=(user.get_full_name() or user.username) if user is not None else "Not signed in",
        username=user.username if user is not None else "",
        capacity=_capacity(Viewer(user=by), committee),
        committee=committee,
        meeting_id=opening.meeting_id,
        document_id=opening.document_id,
        kind=opening.kind,
        format=opening.format,
        what=opening.what[:500],
        address=address,
        path=path[:2000],
    )
