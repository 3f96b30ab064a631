"""`/healthz`: whether this app server can do its work, for a load balancer or a monitor.

It asks the database a question and writes, reads back and removes a small file in the file
store (the default storage: MEDIA_ROOT, the volume every app server shares). 200 with
`{"status": "ok", ...}` when both answer; 503 naming what failed otherwise. The answer names
only the part that failed, never the error itself (which may hold a host, a user name or a
path); the error goes to the log. Never cached.
"""

from __future__ import annotations

import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

PROBE = b"scrutiny health check\n"


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return bool(cursor.fetchone() == (1,))
    except Exception:
        logger.exception("Health check: the database did not answer")
        return False


def file_store_works() -> bool:
    name = ""
    try:
        name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(PROBE))
        with default_storage.open(name, "rb") as stored:
            return bool(stored.read() == PROBE)
    except Exception:
        logger.exception("Health check: the file store could not be written and read")
        return False
    finally:
        if name:
            try:
                default_storage.delete(name)
            except Exception:
                logger.exception("Health check: the file store's probe could not be removed")


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {
        "database": "ok" if database_answers() else "failing",
        "file_store": "ok" if file_store_works() else "failing",
    }
    failing = [part for part, state in checks.items() if state != "ok"]
    body: dict[str, object] = {"status": "failing" if failing else "ok", **checks}
    if failing:
        body["failing"] = failing
    return JsonResponse(body, status=503 if failing else 200)
