"""Friendly error pages: no stack traces, nothing about the record asked for."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render


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


def form_page(
    request, *, form, action, success, heading, committee, caption="", intro="", submit="Save", cancel_url=""
):
    """Run a form through a service: refusals come back as form errors, nothing is saved."""
    if request.method == "POST" and form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            message, url = success(result)
            messages.success(request, message)
            return redirect(url)
    context = {
        "form": form,
        "heading": heading,
        "caption": caption,
        "intro": intro,
        "submit": submit,
        "committee": committee,
        "cancel_url": cancel_url,
    }
    return render(request, "forms/page.html", context, status=400 if form.errors else 200)
