import datetime as dt

import factory

from scrutiny.forward_plan.models import KeyDecision
from tests.factories import CouncilFactory


class KeyDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyDecision

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Key decision {n}")
    decision_maker = "Cabinet"
    decision_on = dt.date(2018, 3, 8)
