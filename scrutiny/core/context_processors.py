from django.conf import settings

from scrutiny.access.policy import Viewer


def site(request):
    viewer = Viewer.of(request)
    return {
        "site_name": settings.SITE_NAME,
        "site_operator": settings.SITE_OPERATOR,
        "viewer": viewer,
    }
