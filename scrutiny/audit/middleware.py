"""Every response that opens exempt business is recorded before it is sent.

A view marks such a response `Visibility.EXEMPT` with an `Opening` (`core/openings.py`); this
middleware writes the record. If the record cannot be written, the content is not sent: the
visitor gets 503 and the fault is logged. Only answers that deliver the content (2xx) are
recorded; a refusal opens nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render

from scrutiny.access.signin import client_address
from scrutiny.core.openings import OPENING_ATTRIBUTE, Opening

from .services import exempt_opening_record

logger = logging.getLogger(__name__)


class ExemptOpeningMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        opening: Opening | None = getattr(response, OPENING_ATTRIBUTE, None)
        if opening is None or not 200 <= response.status_code < 300:
            return response
        try:
            exempt_opening_record(
                opening=opening, by=request.user, address=client_address(request), path=request.get_full_path()
            )
        except DatabaseError:
            logger.exception("The opening of %s could not be recorded; not sent.", request.path)
            # Only the stored file it holds: `response.close()` would also signal the end of
            # the request, closing the database connection while this one still runs.
            stream = getattr(response, "file_to_stream", None)
            if stream is not None:
                stream.close()
            return render(request, "audit/not_recorded.html", status=503)
        return response
