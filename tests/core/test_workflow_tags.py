"""Templates ask the workflow tables: a step is offered exactly when the table allows it, and
a misspelt step or status fails loudly instead of hiding a button."""

import pytest
from django.apps import apps
from django.template import Context, Template

from scrutiny.core.workflow import _BY_MODEL, workflow_of
from scrutiny.governance.models import Person
from scrutiny.meetings.models import Meeting, MeetingStatus
from scrutiny.minutes.models import Recommendation, RecommendationStatus
from scrutiny.programme.models import DrawDownRequest, DrawDownStatus


def render(source: str, **context: object) -> str:
    return Template("{% load workflow_tags %}" + source).render(Context(context)).strip()


def test_every_workflow_belongs_to_a_model_whose_field_holds_its_statuses():
    assert len(_BY_MODEL) == 10
    for label, workflow in _BY_MODEL.items():
        field = apps.get_model(label)._meta.get_field(workflow.field)
        assert list(field.choices) == list(workflow.statuses.choices), label


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        (RecommendationStatus.DRAFT, ["send_for_check"]),
        (RecommendationStatus.FACTUAL_CHECK, ["make"]),
        (RecommendationStatus.MADE, ["extend", "record_response"]),
        (RecommendationStatus.RESPONDED, ["report_back"]),
        (RecommendationStatus.REPORTED, []),
    ],
)
def test_a_recommendation_is_offered_the_steps_its_table_allows(status, offered):
    record = Recommendation(status=status)
    steps = ["send_for_check", "make", "extend", "record_response", "report_back"]
    source = "".join(f'{{% if r|allows:"{step}" %}}{step} {{% endif %}}' for step in steps)
    assert render(source, r=record).split() == offered


def test_the_decision_a_draw_down_awaits_follows_its_table():
    source = '{% if req|allows:"chairman_agreed" %}Chairman{% elif req|allows:"director_approved" %}Director{% else %}none{% endif %}'
    assert render(source, req=DrawDownRequest(status=DrawDownStatus.REQUESTED)) == "Chairman"
    assert render(source, req=DrawDownRequest(status=DrawDownStatus.CHAIRMAN_AGREED)) == "Director"
    assert render(source, req=DrawDownRequest(status=DrawDownStatus.APPROVED)) == "none"


def test_status_is_takes_one_or_several_statuses():
    held = Meeting(status=MeetingStatus.HELD)
    assert render('{% if m|status_is:"held" %}yes{% endif %}', m=held) == "yes"
    assert render('{% if m|status_is:"scheduled, held" %}yes{% endif %}', m=held) == "yes"
    assert render('{% if m|status_is:"scheduled,cancelled" %}yes{% else %}no{% endif %}', m=held) == "no"


@pytest.mark.parametrize(
    "source",
    ['{% if m|allows:"publish" %}{% endif %}', '{% if m|status_is:"published" %}{% endif %}'],
)
def test_a_misspelt_step_or_status_is_an_error(source):
    with pytest.raises(ValueError, match="is not a"):
        render(source, m=Meeting(status=MeetingStatus.SCHEDULED))


def test_a_model_without_a_workflow_is_an_error():
    with pytest.raises(LookupError, match="has no workflow"):
        workflow_of(Person())
