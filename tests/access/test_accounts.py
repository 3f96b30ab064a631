"""The council administrator's accounts: invitations with a one-time link, deactivation,
new links; each council's administrator sees and changes only their council's accounts."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from scrutiny.access.models import Role, RoleKind
from scrutiny.access.policy import Viewer
from tests.access.signing_in import password_step
from tests.access.viewers import officer_of
from tests.factories import CommitteeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils():
    ours = CommitteeFactory(name="Crime and Disorder Committee")
    licensing = CommitteeFactory(council=ours.council, name="Licensing Committee")
    theirs = CommitteeFactory(name="Community Safety Scrutiny Committee")
    admin = UserFactory(username="admin-ours")
    Role.objects.create(user=admin, council=ours.council, kind=RoleKind.ADMINISTRATOR)
    return {"ours": ours, "licensing": licensing, "theirs": theirs, "admin": admin,
            "their officer": officer_of(theirs.council, username="their-officer", email="their@example.org")}


def _link(message) -> str:
    return re.search(r"http://testserver(/accounts/set-password/\S+/)", message.body).group(1)


def test_an_invited_officer_chooses_a_password_once_and_runs_only_the_committee_named(client, councils,
                                                                                      django_capture_on_commit_callbacks):
    ours = councils["ours"]
    client.force_login(councils["admin"])
    url = reverse("account_invite", args=[ours.council.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "New.Officer@Example.gov.uk", "first_name": "Nia", "last_name": "Officer",
                                     "kind": "officer", "committees": [ours.pk]})
    assert response.status_code == 302
    user = User.objects.get(email="new.officer@example.gov.uk")
    assert not user.has_usable_password() and len(mail.outbox) == 1
    link = _link(mail.outbox[0])
    client.logout()
    form = client.get(link, follow=True)
    assert "Choose your password" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": "a-long-pass-phrase-9", "new_password2": "a-long-pass-phrase-9"})
    assert done.status_code == 302
    signed_in = password_step(client, "new.officer@example.gov.uk", "a-long-pass-phrase-9")
    assert signed_in.status_code == 302  # the password is right; an officer then sets up the app
    assert client.get(reverse("dashboard"))["Location"].startswith(reverse("two_factor_setup"))
    again = client.get(link, follow=True)
    assert "This link has expired or was used" in again.content.decode()  # once only
    viewer = Viewer(user=User.objects.get(pk=user.pk))
    assert viewer.runs(ours) and not viewer.runs(councils["licensing"]) and not viewer.runs(councils["theirs"])
    role = Role.objects.get(user=user)
    assert role.history.latest().history_user == councils["admin"]


def test_refusals_change_nothing_and_say_why(client, councils):
    client.force_login(councils["admin"])
    url = reverse("account_invite", args=[councils["ours"].council.slug])
    bad = client.post(url, {"email": "not-an-address", "kind": "officer"})
    assert bad.status_code == 400 and "Enter an e-mail address like" in bad.content.decode()
    no_partner = client.post(url, {"email": "p@example.org", "kind": "partner_contact"})
    assert no_partner.status_code == 400 and "Choose the partner organisation" in no_partner.content.decode()
    another_councils = client.post(url, {"email": "x@example.org", "kind": "officer",
                                         "committees": [councils["theirs"].pk]})
    assert another_councils.status_code == 400
    assert not User.objects.filter(email__in=["p@example.org", "x@example.org"]).exists() and not mail.outbox


def test_deactivating_takes_the_councils_roles_and_the_account_with_none_left(client, councils):
    ours = councils["ours"]
    officer = officer_of(ours.council, username="leaving", email="leaving@example.org")
    client.force_login(councils["admin"])
    page = client.get(reverse("council_accounts", args=[ours.council.slug])).content.decode()
    assert "leaving" in page and "their-officer" not in page
    unconfirmed = client.post(reverse("account_deactivate", args=[ours.council.slug, officer.pk]), {})
    assert unconfirmed.status_code == 400 and Role.objects.filter(user=officer).exists()
    client.post(reverse("account_deactivate", args=[ours.council.slug, officer.pk]), {"confirm": "on"})
    officer.refresh_from_db()
    assert not officer.is_active and not Role.objects.filter(user=officer).exists()
    myself = client.post(reverse("account_deactivate", args=[ours.council.slug, councils["admin"].pk]), {"confirm": "on"})
    assert myself.status_code == 400 and "your own roles" in myself.content.decode()


def test_an_administrator_cannot_reach_another_councils_accounts(client, councils):
    theirs, their_officer = councils["theirs"], councils["their officer"]
    client.force_login(councils["admin"])
    assert client.get(reverse("council_accounts", args=[theirs.council.slug])).status_code == 403
    assert client.post(reverse("account_invite", args=[theirs.council.slug]),
                       {"email": "a@example.org", "kind": "officer"}).status_code == 403
    ours_slug = councils["ours"].council.slug
    for name in ("account_deactivate", "account_reset"):  # through our council's address: not ours to touch
        response = client.post(reverse(name, args=[ours_slug, their_officer.pk]), {"confirm": "on"})
        assert response.status_code == 404
    their_officer.refresh_from_db()
    assert their_officer.is_active and Role.objects.filter(user=their_officer).exists() and not mail.outbox
    client.force_login(officer_of(councils["ours"].council))  # an officer is not an administrator
    assert client.get(reverse("council_accounts", args=[ours_slug])).status_code == 403


def test_a_new_link_is_sent_on_request(client, councils, django_capture_on_commit_callbacks):
    ours = councils["ours"]
    officer = officer_of(ours.council, username="forgetful", email="forgetful@example.org")
    client.force_login(councils["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset", args=[ours.council.slug, officer.pk]))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["forgetful@example.org"]
    assert "/accounts/set-password/" in mail.outbox[0].body
