"""Production: the settings a real installation reads from its environment (a TLS proxy in
front, `check --deploy` clean) and the production server, `scrutiny serve` (gunicorn)."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from scrutiny.settings import _proxy_ssl_header

ROOT = Path(__file__).resolve().parents[1]
SCRUTINY = [sys.executable, "-m", "scrutiny"]


def production_environment(tmp_path, **extra):
    """The documented production environment (README.md, "Running it for real"), on a database file of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCRUTINY_", "DATABASE_URL", "DJANGO_"))}
    env.update(
        {
            "SCRUTINY_SECRET_KEY": secrets.token_urlsafe(50),
            "SCRUTINY_HTTPS": "1",
            "SCRUTINY_PROXY_SSL_HEADER": "X-Forwarded-Proto",
            "SCRUTINY_ALLOWED_HOSTS": "papers.example.gov.uk",
            "SCRUTINY_CSRF_TRUSTED_ORIGINS": "https://papers.example.gov.uk",
            "SCRUTINY_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'scrutiny.sqlite3'}",
        }
    )
    env.update(extra)
    return env


def run(args, env, timeout=120):
    return subprocess.run(  # noqa: S603 (the project's own command)
        [*SCRUTINY, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def test_the_proxy_s_header_is_read_from_the_environment():
    assert _proxy_ssl_header("X-Forwarded-Proto") == ("HTTP_X_FORWARDED_PROTO", "https")
    assert _proxy_ssl_header(" X-Forwarded-Ssl=on ") == ("HTTP_X_FORWARDED_SSL", "on")
    assert _proxy_ssl_header("") is None
    with pytest.raises(ImproperlyConfigured, match="SCRUTINY_PROXY_SSL_HEADER must be a header name"):
        _proxy_ssl_header("X-Forwarded Proto: https")


def test_settings_from_the_environment_of_a_site_behind_a_tls_proxy(tmp_path):
    shown = run(
        ["shell", "-c", "from django.conf import settings as s; import json; print(json.dumps("
                        "[s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS, s.SECURE_SSL_REDIRECT, s.ALLOWED_HOSTS]))"],
        production_environment(tmp_path),
    )
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout.strip().splitlines()[-1]) == [
        ["HTTP_X_FORWARDED_PROTO", "https"], ["https://papers.example.gov.uk"], True, ["papers.example.gov.uk"]
    ]


@pytest.mark.django_db
def test_behind_a_tls_proxy_https_does_not_loop(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    plain = client.get("/performance/")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/performance/"
    proxied = client.get("/performance/", headers={"X-Forwarded-Proto": "https"})
    assert proxied.status_code == 200
    # A load balancer's probe over plain HTTP inside the network is answered, not redirected.
    assert client.get("/healthz").status_code == 200


def test_check_deploy_is_clean_under_the_production_settings(tmp_path):
    checked = run(["check", "--deploy", "--fail-level", "WARNING"], production_environment(tmp_path))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "System check identified no issues" in checked.stdout
    assert "WARNINGS" not in checked.stderr + checked.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_scrutiny_serve_starts_gunicorn_on_a_loopback_port_and_answers(tmp_path):
    port = free_port()
    env = production_environment(tmp_path, SCRUTINY_HTTPS="0", SCRUTINY_ALLOWED_HOSTS="127.0.0.1")
    # Production static files are collected first; the server refuses to start without them.
    refused = run(["serve", "--bind", f"127.0.0.1:{port}"], env)
    assert refused.returncode != 0 and "scrutiny collectstatic --noinput" in refused.stderr
    collected = run(["collectstatic", "--noinput", "--verbosity", "0"], env, timeout=300)
    assert collected.returncode == 0, collected.stderr
    server = subprocess.Popen(  # noqa: S603 (the project's own command)
        [*SCRUTINY, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:  # noqa: S310
                    status, body, headers = answer.status, json.load(answer), answer.headers
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "scrutiny serve did not answer within a minute"
                time.sleep(0.3)
        assert status == 200 and body["status"] == "ok"
        assert headers["Server"] == "gunicorn"
    finally:
        server.terminate()
        log, _ = server.communicate(timeout=30)
    assert "Listening at: http://127.0.0.1:" in log
    assert '"GET /healthz HTTP/1.1" 200' in log  # the access log, on standard output
