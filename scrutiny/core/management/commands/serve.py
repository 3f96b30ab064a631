"""`scrutiny serve`: the production server, gunicorn, serving the site (README, "Running it for real").

    scrutiny serve [--bind 127.0.0.1:8000] [--workers 2] [--timeout 120]

Sync workers, one request each at a time; the app is loaded once and the workers forked from
it. The access log and the server's own log go to standard output, as does Django's. Static
files are served by WhiteNoise from what `scrutiny collectstatic` gathered, so the command
refuses to start in production until that has been done.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.files.storage import storages
from django.core.handlers.wsgi import WSGIHandler
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.wsgi import get_wsgi_application
from django.db import connections
from gunicorn.app.base import BaseApplication

DEFAULT_BIND = "127.0.0.1:8000"
DEFAULT_WORKERS = 2
# Publishing an agenda renders its packs (WeasyPrint) in the request: a large one takes a while.
DEFAULT_TIMEOUT = 120


def logging_config(level: str) -> dict[str, Any]:
    """gunicorn's loggers, and the root logger Django's own use, on standard output."""
    console = {"class": "logging.StreamHandler", "formatter": "generic", "stream": "ext://sys.stdout"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "root": {"level": level, "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
        "handlers": {"console": console},
        "formatters": {
            "generic": {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s"}
        },
    }


class Server(BaseApplication):  # type: ignore[misc]  # gunicorn ships no types
    def __init__(self, application: WSGIHandler, options: dict[str, object]) -> None:
        self.application = application
        self.options = options
        super().__init__(prog="scrutiny serve")

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]:
        return self.application


def workers(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn, the production server: --bind HOST:PORT (default 127.0.0.1:8000), "
        "--workers N (default 2). Logs go to standard output. Put a TLS proxy in front (README.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=os.environ.get("SCRUTINY_BIND", DEFAULT_BIND),
            help=f"address and port to listen on (default {DEFAULT_BIND}, or SCRUTINY_BIND)",
        )
        parser.add_argument(
            "--workers",
            type=workers,
            default=os.environ.get("SCRUTINY_WORKERS", str(DEFAULT_WORKERS)),
            help=f"worker processes, each serving one request at a time (default {DEFAULT_WORKERS}, or SCRUTINY_WORKERS)",
        )
        parser.add_argument(
            "--timeout",
            type=workers,
            default=DEFAULT_TIMEOUT,
            help=f"seconds a request may take before its worker is restarted (default {DEFAULT_TIMEOUT})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.ensure_static_collected()
        application = get_wsgi_application()
        # The workers are forked from this process: none may inherit its connections.
        connections.close_all()
        # The level Django's logging settings chose (SCRUTINY_LOG_LEVEL), kept for the root logger.
        level = logging.getLevelName(logging.getLogger().getEffectiveLevel())
        Server(
            application,
            {
                "bind": [options["bind"]],
                "workers": options["workers"],
                "timeout": options["timeout"],
                "graceful_timeout": 30,
                "preload_app": True,
                # A worker is replaced now and then, so no slow leak outlives it.
                "max_requests": 2000,
                "max_requests_jitter": 200,
                "proc_name": "scrutiny",
                # No gunicornc control socket: two servers on one machine would share its path.
                "control_socket_disable": True,
                "logconfig_dict": logging_config(level),
            },
        ).run()

    def ensure_static_collected(self) -> None:
        # The production storage (WhiteNoise's, hashed names) reads a manifest collectstatic writes.
        manifest = getattr(storages["staticfiles"], "manifest_name", None)
        if manifest and not (settings.STATIC_ROOT and os.path.exists(os.path.join(settings.STATIC_ROOT, manifest))):
            raise CommandError(
                "The static files have not been collected: run `scrutiny collectstatic --noinput` first "
                f"(they go to {settings.STATIC_ROOT})."
            )
