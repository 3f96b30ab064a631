import pytest

from scrutiny.demo.loader import load_demo


@pytest.fixture
def demo(db):
    """The Dartford demo, loaded into the test database."""
    return load_demo()


@pytest.fixture
def officer(db):
    from scrutiny.access.services import officer_group_ensure
    from tests.factories import UserFactory

    user = UserFactory(username="officer-test", is_staff=True)
    user.groups.add(officer_group_ensure())
    return user


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
