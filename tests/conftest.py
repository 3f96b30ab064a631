import pytest

from scrutiny.demo.loader import load_demo


@pytest.fixture
def demo(db):
    """The Dartford demo, loaded into the test database."""
    return load_demo()


@pytest.fixture
def officer(db):
    """A committee officer of every council the test has or creates: for tests of one
    council's work. Tests of the boundaries between councils make their own officers
    (`tests.access.viewers.officer_of`)."""
    from django.db.models.signals import post_save

    from scrutiny.access.models import Role, RoleKind
    from scrutiny.governance.models import Organisation, OrganisationKind
    from tests.factories import UserFactory

    user = UserFactory(username="officer-test")

    def grant(council):
        Role.objects.get_or_create(user=user, council=council, kind=RoleKind.OFFICER)

    def on_save(sender, instance, created, **kwargs):
        if created and instance.kind == OrganisationKind.COUNCIL:
            grant(instance)

    for council in Organisation.objects.filter(kind=OrganisationKind.COUNCIL):
        grant(council)
    post_save.connect(on_save, sender=Organisation, weak=False, dispatch_uid="officer-fixture")
    yield user
    post_save.disconnect(sender=Organisation, dispatch_uid="officer-fixture")


@pytest.fixture
def superuser(db):
    """The installation's superuser: the only one who reaches the Django admin."""
    from tests.factories import UserFactory

    return UserFactory(username="superuser-test", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and generated files go to a fresh folder per test, never to var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }


def otp_verify(client, user):
    """Mark the client's session as having given the second factor of signing in, as the
    second step does: through a confirmed authenticator app of the user's."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Test app", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture(autouse=True)
def _force_login_gives_the_second_factor(monkeypatch):
    """`client.force_login(user)` signs in fully, second factor given, as officers must;
    `force_login(user, verified=False)` signs in with the password only."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None, *, verified=True):
        original(self, user, backend)
        if verified:
            otp_verify(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)
