"""`/healthz`: 200 when the database answers and the file store can be written and read back;
503 naming what failed, and nothing of the error itself; never cached."""

import json

import pytest
from django.db import OperationalError

from scrutiny.core import health

pytestmark = pytest.mark.django_db


def test_healthy_when_the_database_and_the_file_store_answer(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "file_store": "ok"}
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    media = settings.STORAGES["default"]["OPTIONS"]["location"]
    assert not list(media.rglob("*.txt"))  # the probe is removed


def test_head_answers_too_and_a_post_is_refused(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


class BrokenConnection:
    def cursor(self):
        raise OperationalError('connection to server at "db.internal" failed: password authentication failed for user "scrutiny"')


def test_a_database_that_does_not_answer_is_named_without_its_error(client, monkeypatch):
    monkeypatch.setattr(health, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body == {"status": "failing", "database": "failing", "file_store": "ok", "failing": ["database"]}
    assert b"db.internal" not in response.content and b"password" not in response.content
    assert "no-store" in response["Cache-Control"]


def test_a_file_store_that_cannot_be_written_is_named(client, settings, tmp_path):
    not_a_folder = tmp_path / "media-is-a-file"
    not_a_folder.write_text("")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": not_a_folder}},
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["file_store"] == "failing" and body["database"] == "ok" and body["failing"] == ["file_store"]
    assert str(tmp_path).encode() not in response.content
