from django.shortcuts import get_object_or_404, render

from scrutiny.governance.models import Committee

from . import selectors


def work_programme(request, slug: str):
    committee = get_object_or_404(Committee, slug=slug)
    context = {
        "committee": committee,
        "rows": selectors.work_plan_rows(committee=committee),
        "changes": selectors.recorded_changes(committee=committee),
    }
    return render(request, "programme/work_programme.html", context)
