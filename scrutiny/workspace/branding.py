"""The council administrator's branding screen, and the council's style sheet and logo that
its pages link to (public: a council's name, colours and logo are not secrets)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET

from scrutiny.access.decorators import administrator_required, ensure_administers
from scrutiny.core.forms import ServiceForm
from scrutiny.core.views import form_page
from scrutiny.governance.branding import council_branding_update
from scrutiny.governance.models import DEFAULT_HEADER_COLOUR, Organisation, OrganisationKind
from scrutiny.governance.selectors import branding_of
from scrutiny.rules.contrast import CITATION


class BrandingForm(ServiceForm):
    display_name = forms.CharField(label="The council's name on its pages and papers", required=False,
                                   max_length=200, help_text="Leave empty for its recorded name.")
    header_colour = forms.CharField(label="Header colour", max_length=7, initial=DEFAULT_HEADER_COLOUR,
                                    help_text="Behind white text, so it must be dark enough to read: for example "
                                    "#00626e.")
    accent_colour = forms.CharField(label="Accent colour", max_length=7, initial=DEFAULT_HEADER_COLOUR,
                                    help_text="The bar under the header and the headings of printed papers.")
    logo = forms.FileField(label="Logo (PNG or JPEG)", required=False,
                           widget=forms.FileInput(attrs={"accept": ".png,.jpg,.jpeg"}),
                           help_text="Up to 2 MB. It is shown at most 160 pixels high.")
    logo_alt = forms.CharField(label="What the logo shows", required=False, max_length=200,
                               help_text="For people who cannot see it, for example 'the council's crest'.")
    remove_logo = forms.BooleanField(label="Remove the logo", required=False)

    def __init__(self, *args: Any, council: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        branding = branding_of(council)
        if branding is not None:
            self.initial = {"display_name": branding.display_name, "header_colour": branding.header_colour,
                            "accent_colour": branding.accent_colour, "logo_alt": branding.logo_alt}

    def service_kwargs(self) -> dict[str, Any]:
        kwargs = super().service_kwargs()
        upload = kwargs.pop("logo")
        return {**kwargs, "logo": upload.read() if upload else None}


def _council(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug, kind=OrganisationKind.COUNCIL)


@administrator_required
def council_branding(request: HttpRequest, slug: str) -> HttpResponse:
    council = _council(slug)
    ensure_administers(request, council)
    accounts = reverse("council_accounts", args=[slug])
    return form_page(
        request,
        BrandingForm.bound_to(request, council=council),
        partial(council_branding_update, council=council),
        success=lambda b: (f"{b.name}'s branding is saved: its pages and papers use it.", accounts),
        committee=council,
        heading="The council's name, logo and colours",
        caption=council.name,
        intro=f"Shown on the council's pages and on its agendas and packs. The colours keep the contrast "
        f"accessibility requires ({CITATION}).",
        submit="Save branding",
        cancel_url=accounts,
    )


@require_GET
def council_brand_css(request: HttpRequest, slug: str) -> HttpResponse:
    branding = branding_of(_council(slug))
    if branding is None:
        raise Http404("This council has no branding.")
    css = (
        f".scrutiny-header{{background-color:{branding.header_colour};"
        f"border-bottom:8px solid {branding.accent_colour}}}\n"
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"  # the page's link changes with each version
    return response


@require_GET
def council_logo(request: HttpRequest, slug: str) -> HttpResponse:
    branding = branding_of(_council(slug))
    if branding is None or not branding.has_logo:
        raise Http404("This council has no logo.")
    response = HttpResponse(bytes(branding.logo), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response
