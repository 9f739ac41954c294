"""The coordinators' data-quality list: activities without a coalition in which two or more of
the coalition's current members took part, each filed into the coalition in one step or in bulk."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from partners import permissions as perms
from partners.selectors.directory import coalition_get
from partners.selectors.unfiled import unfiled_meeting_list
from partners.services.meetings import meetings_file_into_coalition
from partners.views.common import PAGE_SIZES, paginate, query_without


def _picked_ids(request: HttpRequest) -> list[int]:
    """The one activity of a row's button (`file`), or the ticked ones (`meeting`, repeated)."""
    raw = [request.POST["file"]] if request.POST.get("file") else request.POST.getlist("meeting")
    return sorted({int(v) for v in raw if v.isdigit()})


@login_required
@require_http_methods(["GET", "POST"])
def unfiled_meetings(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = coalition_get(viewer=request.user, slug=slug)
    if not perms.can_review_unfiled(request.user, coalition):
        raise PermissionDenied
    meetings = unfiled_meeting_list(viewer=request.user, coalition=coalition)
    if request.method == "POST":
        ids = _picked_ids(request)
        picked = list(meetings.filter(pk__in=ids)) if ids else []
        if not picked:
            messages.error(request, _("Tick the activities to add to the coalition first."))
        else:
            try:
                n = meetings_file_into_coalition(actor=request.user, coalition=coalition, meetings=picked)
            except (PermissionDenied, ValidationError) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)d activity added to %(coalition)s.",
                        "%(n)d activities added to %(coalition)s.",
                        n,
                    )
                    % {"n": n, "coalition": coalition.name},
                )
        return redirect(request.get_full_path())
    page = paginate(request, meetings)
    rows = [{"meeting": m, "fileable": perms.can_file_meeting(request.user, m, coalition)} for m in page.object_list]
    context = {
        "coalition": coalition,
        "page": page,
        "rows": rows,
        "result_count": page.paginator.count,
        "page_sizes": PAGE_SIZES,
        "page_size": page.paginator.per_page,
        "query_without_page": query_without(request, "page"),
        "nav_section": "coalitions",
    }
    return render(request, "partners/unfiled_meetings.html", context)
