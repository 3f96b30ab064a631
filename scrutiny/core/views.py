"""Friendly error pages: no stack traces, nothing about the record asked for."""

from django.shortcuts import render


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)


def forbidden(request, exception=None):
    return render(request, "errors/403.html", status=403)


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def csrf_failure(request, reason=""):
    return render(request, "errors/403.html", status=403)
