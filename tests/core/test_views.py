"""The one way a view runs what an officer submits through a service: the form's cleaned data
are the service's keyword arguments, the view binds the rest, `by` is the signed-in user, and
a refusal comes back on the form."""

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from scrutiny.core.forms import ServiceForm
from scrutiny.core.views import acting_user, action_redirect, form_submit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class NoteForm(ServiceForm):
    renamed = {"on": "noted_on"}

    text = forms.CharField()
    on = forms.DateField()


def _request(method="post", data=None, user=None):
    request = getattr(RequestFactory(), method)("/", data or {})
    request.user = user or AnonymousUser()
    request._messages = CookieStorage(request)
    return request


def test_the_form_gives_the_service_its_arguments_and_the_helper_who_acts():
    officer = UserFactory()
    calls = []

    def note_record(*, record, text, noted_on, by):
        calls.append({"record": record, "text": text, "noted_on": str(noted_on), "by": by})
        return "recorded"

    request = _request(data={"text": "Agreed", "on": "2017-07-26"}, user=officer)
    done = form_submit(request, NoteForm.bound_to(request), lambda **kw: note_record(record="R1", **kw))
    assert done is not None and done.result == "recorded"
    assert calls == [{"record": "R1", "text": "Agreed", "noted_on": "2017-07-26", "by": officer}]


def test_a_refusal_is_kept_on_the_form_and_shown_as_its_errors():
    def refuse(**kwargs):
        raise ValidationError(["The meeting of 26 July 2017 has been held.", "Choose a future meeting."])

    request = _request(data={"text": "Agreed", "on": "2017-07-26"})
    form = NoteForm.bound_to(request)
    assert form_submit(request, form, refuse) is None
    assert isinstance(form.refusal, ValidationError)
    assert form.non_field_errors() == ["The meeting of 26 July 2017 has been held.", "Choose a future meeting."]


def test_nothing_runs_unless_a_valid_form_was_posted():
    def never(**kwargs):
        raise AssertionError("the service ran")

    assert form_submit(_request("get"), NoteForm.bound_to(_request("get")), never) is None
    empty = _request(data={})
    form = NoteForm.bound_to(empty)
    assert form.is_bound  # a post of nothing at all is a submission, answered with what is missing
    assert form_submit(empty, form, never) is None and set(form.errors) == {"text", "on"}


def test_a_button_goes_back_with_the_services_message_or_its_reasons():
    officer = UserFactory()
    request = _request(user=officer)
    response = action_redirect(
        request, lambda *, by: by, success=lambda by: (f"Done by {by.username}.", "/done/"), refused_url="/back/"
    )
    assert response.url == "/done/"
    assert [str(m) for m in get_messages(request)] == [f"Done by {officer.username}."]

    def refuse(*, by):
        raise ValidationError("Item 5 cannot move: it is the first.")

    request = _request(user=officer)
    response = action_redirect(request, refuse, success=lambda _: ("never", "/done/"), refused_url="/back/")
    assert response.url == "/back/"
    assert [str(m) for m in get_messages(request)] == ["Item 5 cannot move: it is the first."]


def test_no_one_acts_for_an_anonymous_request():
    assert acting_user(_request(user=AnonymousUser())) is None
