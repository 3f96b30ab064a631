"""Signing in safely: a lock after ten wrong passwords, lifted by the council's administrator;
a forgotten password by e-mail; two factors for officers, administrators and superusers;
sessions as the environment sets them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from scrutiny.access.models import Role, RoleKind, SignInUnlock
from scrutiny.access.twofactor import recovery_codes_issue
from tests.access.signing_in import current_code, password_step
from tests.access.viewers import officer_of
from tests.factories import CommitteeFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests"


@pytest.fixture
def scene():
    ours = CommitteeFactory(name="Crime and Disorder Committee")
    theirs = CommitteeFactory(name="Community Safety Scrutiny Committee")
    officer = officer_of(ours.council, username="officer-ours", email="officer@ours.example.org")
    admin = UserFactory(username="admin-ours")
    Role.objects.create(user=admin, council=ours.council, kind=RoleKind.ADMINISTRATOR)
    their_admin = UserFactory(username="admin-theirs")
    Role.objects.create(user=their_admin, council=theirs.council, kind=RoleKind.ADMINISTRATOR)
    return {"ours": ours, "theirs": theirs, "officer": officer, "admin": admin, "their admin": their_admin}


def _app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


# -- lockout -------------------------------------------------------------------------------
def _lock(client, username: str) -> None:
    answers = [password_step(client, username, "wrong-password").status_code for _ in range(10)]
    assert answers == [200] * 9 + [429]  # the tenth wrong password locks


def test_ten_wrong_passwords_lock_the_account_even_against_the_right_one(client, scene):
    _lock(client, "officer-ours")
    refused = password_step(client, "officer-ours", PASSWORD)
    page = refused.content.decode()
    assert refused.status_code == 429
    assert "govuk-error-summary" in page and "Signing in is locked" in page and "30 minutes" in page
    assert "administrator to unlock" in page
    assert "_auth_user_id" not in client.session
    # from another address too: the lock is the account's
    other = password_step(client.__class__(REMOTE_ADDR="10.0.0.9"), "officer-ours", PASSWORD)
    assert other.status_code == 429


def test_the_locked_page_says_the_same_for_a_username_that_does_not_exist(client, scene):
    _lock(client, "officer-ours")
    known = password_step(client, "officer-ours", PASSWORD).content.decode()
    elsewhere = client.__class__(REMOTE_ADDR="10.0.0.8")
    _lock(elsewhere, "nobody-at-all")
    unknown = password_step(elsewhere, "nobody-at-all", "x").content.decode()
    strip = lambda page: page.replace("officer-ours", "").replace("nobody-at-all", "")  # noqa: E731
    assert "Signing in is locked" in unknown
    assert strip(known).split("<main")[1].split("</form>")[0].count("locked") == \
        strip(unknown).split("<main")[1].split("</form>")[0].count("locked")


def test_ten_failures_from_one_address_lock_that_address_for_every_username(client, scene):
    for n in range(10):
        password_step(client, f"guess-{n}", "wrong")
    assert password_step(client, "officer-ours", PASSWORD).status_code == 429
    assert password_step(client.__class__(REMOTE_ADDR="10.0.0.7"), "officer-ours", PASSWORD).status_code == 302


def test_the_councils_administrator_lifts_the_lock_and_it_is_recorded(client, scene):
    _lock(client.__class__(), "officer-ours")
    admin = client.__class__()
    admin.force_login(scene["admin"])
    accounts = admin.get(reverse("council_accounts", args=[scene["ours"].council.slug])).content.decode()
    assert "Signing in locked" in accounts and "Unlock signing in" in accounts
    done = admin.post(reverse("account_unlock", args=[scene["ours"].council.slug, scene["officer"].pk]))
    assert done.status_code == 302
    assert not AccessAttempt.objects.filter(username="officer-ours").exists()
    record = SignInUnlock.objects.get()
    assert record.user == scene["officer"] and record.by == scene["admin"] and record.failures_cleared == 10
    assert password_step(client.__class__(), "officer-ours", PASSWORD).status_code == 302


def test_another_councils_administrator_cannot_lift_the_lock(client, scene):
    _lock(client.__class__(), "officer-ours")
    client.force_login(scene["their admin"])
    for slug in (scene["ours"].council.slug, scene["theirs"].council.slug):
        response = client.post(reverse("account_unlock", args=[slug, scene["officer"].pk]))
        assert response.status_code in (403, 404)
    assert AccessAttempt.objects.filter(username="officer-ours").exists()
    assert not SignInUnlock.objects.exists()


def test_the_superuser_lifts_the_lock_from_the_accounts_screen(client, scene, superuser):
    _lock(client.__class__(), "officer-ours")
    client.force_login(superuser)
    done = client.post(reverse("account_unlock", args=[scene["ours"].council.slug, scene["officer"].pk]))
    assert done.status_code == 302 and SignInUnlock.objects.get().by == superuser


def test_the_address_is_read_behind_the_trusted_proxies_only(rf, settings):
    from scrutiny.access.signin import client_address

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5", REMOTE_ADDR="10.0.0.1")
    settings.TRUSTED_PROXIES = 0
    assert client_address(request) == "10.0.0.1"
    settings.TRUSTED_PROXIES = 1
    assert client_address(request) == "203.0.113.5"  # never the left entry the client wrote


# -- password reset --------------------------------------------------------------------------
def test_a_forgotten_password_is_reset_by_e_mail(client, scene):
    sign_in_page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in sign_in_page
    sent = client.post(reverse("password_reset"), {"email": "officer@ours.example.org"})
    assert sent.status_code == 302 and sent["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["officer@ours.example.org"]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/password-reset/" in line)
    form = client.get(link.replace("http://testserver", ""), follow=True)
    assert "Choose your password" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": "a-new-long-phrase-7",
                                                   "new_password2": "a-new-long-phrase-7"})
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    assert password_step(client, "officer-ours", "a-new-long-phrase-7").status_code == 302
    again = client.get(link.replace("http://testserver", ""), follow=True).content.decode()
    assert "This link has expired or was used" in again


def test_the_reset_page_never_says_whether_an_address_has_an_account(client, scene):
    known = client.post(reverse("password_reset"), {"email": "officer@ours.example.org"}, follow=True)
    unknown = client.post(reverse("password_reset"), {"email": "nobody@nowhere.example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert known.content == unknown.content
    assert len(mail.outbox) == 1


# -- two factors ------------------------------------------------------------------------------
def _officer_screens(scene) -> list[str]:
    slug = scene["ours"].council.slug
    return [reverse("dashboard"), reverse("council_accounts", args=[slug]), "/admin/",
            reverse("committee_settings", args=[scene["ours"].slug])]


def test_a_password_alone_opens_no_officers_screen_nor_the_admin(client, scene, superuser):
    _app(scene["officer"])
    for user in (scene["officer"], scene["admin"], superuser):
        client.force_login(user, verified=False)
        for url in _officer_screens(scene):
            response = client.get(url)
            assert response.status_code == 302, (user, url)
            assert response["Location"].startswith(reverse("second_step")) or \
                response["Location"].startswith(reverse("two_factor_setup")), (user, url)


def test_an_officer_without_an_app_is_sent_to_set_one_up_and_given_recovery_codes(client, scene):
    password_step(client, "officer-ours", PASSWORD)
    sent = client.get(reverse("dashboard"))
    assert sent["Location"].startswith(reverse("two_factor_setup"))
    page = client.get(sent["Location"]).content.decode()
    device = TOTPDevice.objects.get(user=scene["officer"], confirmed=False)
    from scrutiny.access.twofactor import secret_of

    assert secret_of(device) in page and "<svg" in page and "href" not in page.split("<svg")[1].split("</svg>")[0]
    wrong = client.post(sent["Location"], {"code": "000000" if current_code(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and "That code is not right" in wrong.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    codes = client.post(sent["Location"], {"code": current_code(device)})
    assert codes.status_code == 200 and "Your recovery codes" in codes.content.decode()
    assert StaticToken.objects.filter(device__user=scene["officer"]).count() == 10
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_right_code_opens_the_screens_and_a_wrong_one_is_refused(client, scene, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = _app(scene["officer"])
    password_step(client, "officer-ours", PASSWORD)
    assert client.get(reverse("dashboard"))["Location"].startswith(reverse("second_step"))
    right = current_code(device)
    wrong = client.post(reverse("second_step"), {"code": "123456" if right != "123456" else "654321"})
    assert wrong.status_code == 400 and "That code is not right" in wrong.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302
    done = client.post(reverse("second_step"), {"code": current_code(device), "next": reverse("dashboard")})
    assert done.status_code == 302 and done["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_wrong_codes_are_throttled(client, scene):
    _app(scene["officer"])
    password_step(client, "officer-ours", PASSWORD)
    client.post(reverse("second_step"), {"code": "12345x"})
    client.post(reverse("second_step"), {"code": "000000"})
    again = client.post(reverse("second_step"), {"code": "000000"})
    assert "Too many wrong codes" in again.content.decode() or "That code is not right" in again.content.decode()


def test_a_recovery_code_works_once_only(client, scene):
    _app(scene["officer"])
    code = recovery_codes_issue(user=scene["officer"], by=scene["officer"])[0]
    password_step(client, "officer-ours", PASSWORD)
    assert client.post(reverse("second_step"), {"code": f"{code[:4]}-{code[4:]}".upper()}).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    client.logout()
    later = client.__class__()
    password_step(later, "officer-ours", PASSWORD)
    refused = later.post(reverse("second_step"), {"code": code})
    assert refused.status_code == 400 and "That code is not right" in refused.content.decode()
    assert later.get(reverse("dashboard")).status_code == 302


def test_a_member_may_turn_two_factor_sign_in_on_and_off(client):
    member = UserFactory(username="member-x")
    assert password_step(client, "member-x", PASSWORD).status_code == 302
    assert client.get(reverse("account_security")).status_code == 200  # no second step asked
    setup = client.get(reverse("two_factor_setup"))
    assert setup.status_code == 200
    device = TOTPDevice.objects.get(user=member)
    assert client.post(reverse("two_factor_setup"), {"code": current_code(device)}).status_code == 200
    client.logout()
    password_step(client, "member-x", PASSWORD)
    assert client.get(reverse("account_security"))["Location"].startswith(reverse("second_step"))
    client.post(reverse("second_step"), {"code": current_code(device)})
    assert client.post(reverse("two_factor_turn_off")).status_code == 302
    assert not TOTPDevice.objects.filter(user=member).exists()


def test_an_officer_cannot_turn_two_factor_sign_in_off(client, scene):
    _app(scene["officer"])
    client.force_login(scene["officer"])
    client.post(reverse("two_factor_turn_off"))
    assert TOTPDevice.objects.filter(user=scene["officer"]).exists()


def test_an_app_already_set_up_is_not_replaced_with_a_password_alone(client, scene):
    device = _app(scene["officer"])
    password_step(client, "officer-ours", PASSWORD)
    response = client.get(reverse("two_factor_setup"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("second_step"))
    assert list(TOTPDevice.objects.filter(user=scene["officer"])) == [device]


# -- sessions ---------------------------------------------------------------------------------
def _setting(name: str, **env: str) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "scrutiny.settings", **env}
    return subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True, text=True,  # noqa: S603
                          check=True).stdout.strip()


def test_session_length_and_expiry_at_browser_close_come_from_the_environment():
    assert _setting("SESSION_COOKIE_AGE", SCRUTINY_SESSION_HOURS="3") == str(3 * 3600)
    assert _setting("SESSION_COOKIE_AGE", SCRUTINY_SESSION_HOURS="") == str(8 * 3600)
    assert _setting("SESSION_EXPIRE_AT_BROWSER_CLOSE", SCRUTINY_SESSION_AT_BROWSER_CLOSE="0") == "False"
    assert _setting("SESSION_EXPIRE_AT_BROWSER_CLOSE") == "True"
    assert _setting("AXES_COOLOFF_TIME", SCRUTINY_LOCKOUT_MINUTES="45") == "0:45:00"
