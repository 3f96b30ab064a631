"""Whether a co-opted member votes on a matter.

The crime and disorder committee may co-opt a person of a responsible authority or
co-operating body, generally or for a particular matter; a co-opted member is not entitled
to vote on any matter unless the committee so decides (Crime and Disorder (Overview and
Scrutiny) Regulations 2009, SI 2009/942, reg 3). The committee decides when it co-opts (the
seat's own right to vote) and may decide otherwise for a matter (an agenda item).
"""

from __future__ import annotations

from django.db import models

CITATION = "Crime and Disorder (Overview and Scrutiny) Regulations 2009 (SI 2009/942) reg 3"

NO_VOTE_UNLESS_DECIDED = "A co-opted member may not vote on any matter unless the committee so decides."


class MatterVote(models.TextChoices):
    """The committee's decision on one matter."""

    AS_APPOINTED = "as_appointed", "As decided when co-opted"
    MAY_VOTE = "may_vote", "May vote on this item"
    NO_VOTE = "no_vote", "May not vote on this item"


def votes(*, appointed_to_vote: bool, on_matter: str = MatterVote.AS_APPOINTED) -> bool:
    """A decision for the matter wins over the one made at co-option."""
    if on_matter == MatterVote.MAY_VOTE:
        return True
    if on_matter == MatterVote.NO_VOTE:
        return False
    return appointed_to_vote
