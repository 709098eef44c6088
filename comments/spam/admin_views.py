"""The admin's "Spam filter" page: how the filter does on the moderators' latest decisions,
which version is running, and a button to retrain it (confirmed on GET, done on POST)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from . import decisions
from .models import SpamFilterModel
from .tasks import retrain_spam_filter

PERMISSION = "comments.moderate_comment"


def _context(request, model_admin, **extra):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    latest = SpamFilterModel.objects.latest_version()
    evaluation = latest.evaluation if latest else {}
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Spam filter"),
        "latest": latest,
        "figures": evaluation if evaluation.get("decisions") else None,
        "caught_share": _share(evaluation.get("caught"), evaluation.get("spam")),
        "false_alarm_share": _share(evaluation.get("false_alarms"), evaluation.get("real")),
        "new_decisions": decisions.since_last_training(),
        "retrain_every": decisions.RETRAIN_EVERY,
        "evaluated": decisions.EVALUATED,
        **extra,
    }


def _share(part, whole):
    return f"{part / whole:.0%}" if whole else "—"


def spam_filter(request, model_admin):
    """GET: the figures and the retrain button."""
    context = _context(request, model_admin)
    return TemplateResponse(request, "admin/comments/spam_filter.html", context)


def retrain(request, model_admin):
    """GET: ask to confirm; POST: queue a retraining and go back to the figures."""
    context = _context(request, model_admin, confirm=True)
    if request.method != "POST":
        return TemplateResponse(request, "admin/comments/spam_filter.html", context)
    retrain_spam_filter.enqueue(SpamFilterModel.Trigger.ADMIN)
    latest = SpamFilterModel.objects.latest_version()
    if latest and latest.trigger == SpamFilterModel.Trigger.ADMIN and latest != context["latest"]:
        messages.success(request, _("The spam filter was retrained: version %(version)d.")
                         % {"version": latest.version})  # fmt: skip
    else:
        messages.success(
            request,
            _("Retraining has started in the background; it takes a minute or two. "
              "Reload this page to see the new version."),
        )  # fmt: skip
    return HttpResponseRedirect(reverse("admin:comments_spamfiltermodel_changelist"))
