"""Officers maintain every record through the admin: every screen opens, and edits are kept
in history with who made them."""

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse

from scrutiny.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def _admin_models():
    return [
        m
        for m in admin.site._registry
        if m._meta.app_label in {"governance", "meetings", "documents", "minutes", "programme", "publishing"}
    ]


def test_every_admin_screen_opens_for_a_superuser(client, demo, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:index")).status_code == 200
    for model in _admin_models():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        info = prefix
        assert client.get(reverse(f"{prefix}_changelist")).status_code == 200, info
        assert client.get(reverse(f"{prefix}_changelist") + "?q=Dartford").status_code == 200, info
        can_add = admin.site._registry[model].has_add_permission(type("R", (), {"user": superuser})())
        assert client.get(reverse(f"{prefix}_add")).status_code == (200 if can_add else 403), info
        obj = model._default_manager.first()
        if obj is not None:
            assert client.get(reverse(f"{prefix}_change", args=[obj.pk])).status_code == 200, info
            assert client.get(reverse(f"{prefix}_history", args=[obj.pk])).status_code == 200, info


def test_a_superusers_edit_is_recorded_with_who_and_what(client, demo, superuser):
    client.force_login(superuser)
    meeting = Meeting.objects.get(date=dt.date(2018, 2, 21))
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "committee": meeting.committee_id,
            "date": "2018-02-21",
            "venue": "Council Chamber, Civic Centre",
            "date_precision": "day",
            "status": "agenda_published",
        }
    )
    for inline in client.get(url).context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = meeting.history.latest()
    assert latest.history_user == superuser
    assert latest.venue == "Council Chamber, Civic Centre"
    assert [c.field for c in latest.diff_against(latest.prev_record).changes] == ["venue"]


def test_an_exempt_item_without_a_reason_is_refused_with_a_clear_message(client, demo, superuser):
    client.force_login(superuser)
    from scrutiny.meetings.models import AgendaItem

    item = AgendaItem.internal.get(meeting__date=dt.date(2018, 2, 21), number="8")
    url = reverse("admin:meetings_agendaitem_change", args=[item.pk])
    data = {
        "meeting": item.meeting_id,
        "position": item.position,
        "number": item.number,
        "title": item.title,
        "purpose": item.purpose,
        "kind": item.kind,
        "is_exempt": "on",
        "exemption_ground": "",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "An exempt record needs its reason" in response.content.decode()
    item.refresh_from_db()
    assert not item.is_exempt
