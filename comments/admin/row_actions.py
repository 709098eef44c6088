"""The queue's per-row actions: Approve, Spam, Reject, Reply and Undo.

Each is a plain POST form that works without JavaScript and sends the moderator back to the
same place in the queue (the page and filter they were on, scrolled to the next row).  The
queue's script (static/js/moderation.js) posts the same forms with ``Accept:
application/json`` and gets JSON back instead of a redirect, so it can act in place.  Every
decision goes through ``services.moderate``, which writes the admin log with a reason code.
"""

from datetime import datetime, timedelta

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import services
from ..links import comment_url
from ..models import Comment

UNDO_KEY = "pulse_queue_undo"
# How long the last decision can be undone; the script offers it until the next action.
UNDO_WINDOW = timedelta(minutes=5)

# decision: (status, reason code recorded in the log)
DECISIONS = {
    "approve": (Comment.Status.APPROVED, "approved"),
    "spam": (Comment.Status.SPAM, "spam"),
    "reject": (Comment.Status.REJECTED, "rejected"),
}


def decision_message(name, status):
    """The sentence a moderator reads after a decision on the comment by ``name``."""
    sentences = {
        Comment.Status.APPROVED: gettext("The comment by %(name)s is approved."),
        Comment.Status.SPAM: gettext("The comment by %(name)s is marked as spam."),
        Comment.Status.REJECTED: gettext("The comment by %(name)s is rejected."),
        Comment.Status.PENDING: gettext("The comment by %(name)s is back in the queue."),
    }
    return sentences[status] % {"name": name}


def already_message(comment):
    return gettext("The comment by %(name)s was already %(status)s; nothing changed.") % {
        "name": comment.author_name,
        "status": Comment.Status(comment.status).label.lower(),
    }


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Published at once with the Staff badge; the comment you answer is approved too."
        ),
        error_messages={"required": _("Write a reply before sending it.")},
    )


class RowActionsMixin:
    """Per-row views for CommentAdmin (kept here so that queue.py stays about the list)."""

    def row_action_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("undo/", wrap(self.undo_view), name="comments_comment_undo"),
            path("<path:object_id>/decide/", wrap(self.decide_view),
                 name="comments_comment_decide"),
            path("<path:object_id>/reply/", wrap(self.reply_view), name="comments_comment_reply"),
        ]  # fmt: skip

    # Where to go back to ------------------------------------------------------------

    def queue_url(self):
        return reverse("admin:comments_comment_changelist", current_app=self.admin_site.name)

    def return_url(self, request):
        """The queue page the form came from (``next``), if it is one; else the queue."""
        target = request.POST.get("next") or request.GET.get("next") or ""
        queue = self.queue_url()
        if target.startswith(queue) and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
        return queue

    @staticmethod
    def wants_json(request):
        return "application/json" in request.headers.get("Accept", "")

    def row_response(self, request, message, level=messages.SUCCESS, status=200, **data):
        """JSON for the queue's script; otherwise a message and a redirect back."""
        if self.wants_json(request):
            return JsonResponse({"message": message, **data}, status=status)
        self.message_user(request, message, level)
        return HttpResponseRedirect(self.return_url(request))

    def row_comment(self, request, object_id):
        """The comment a row's form names, or None (a bad or stale id is not an error page)."""
        return self.get_object(request, unquote(object_id))

    def gone(self, request):
        return self.row_response(
            request,
            gettext("That comment no longer exists; nothing changed."),
            messages.WARNING,
            status=404,
        )

    # Approve / Spam / Reject ----------------------------------------------------------

    def decide_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        choice = DECISIONS.get(request.POST.get("decision", ""))
        if choice is None:
            return self.row_response(
                request,
                gettext("Choose Approve, Spam or Reject."),
                messages.ERROR,
                status=400,
            )
        comment = self.row_comment(request, object_id)
        if comment is None:
            return self.gone(request)
        status, reason = choice
        snapshot = services.decision_snapshot(comment)
        changed = services.moderate(
            Comment.objects.filter(pk=comment.pk), status, moderator=request.user, reason=reason
        )
        if not changed:
            comment.refresh_from_db(fields=["status"])
            return self.row_response(
                request, already_message(comment), messages.INFO, status=200, changed=False,
                status_code=comment.status,
            )  # fmt: skip
        request.session[UNDO_KEY] = {
            "snapshot": snapshot,
            "status": status,
            "at": timezone.now().isoformat(),
            "name": comment.author_name,
        }
        return self.row_response(
            request,
            decision_message(comment.author_name, status),
            changed=True,
            status_code=status,
            undo_url=reverse("admin:comments_comment_undo", current_app=self.admin_site.name),
        )

    # Undo -----------------------------------------------------------------------------

    def pending_undo(self, request):
        """The last decision this moderator made from the queue, while it can be undone."""
        last = request.session.get(UNDO_KEY)
        if not isinstance(last, dict):
            return None
        try:
            at = datetime.fromisoformat(last["at"])
        except (KeyError, TypeError, ValueError):
            return None
        return last if timezone.now() - at <= UNDO_WINDOW else None

    def undo_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        last = self.pending_undo(request)
        request.session.pop(UNDO_KEY, None)
        if last is None:
            return self.row_response(
                request, gettext("There is nothing to undo."), messages.INFO, status=409
            )
        snapshot = last["snapshot"]
        undone = services.undo_moderation(
            snapshot, expected_status=last["status"], moderator=request.user
        )
        if not undone:
            return self.row_response(
                request,
                gettext("The comment by %(name)s was changed since; nothing was undone.")
                % {"name": last.get("name", "")},
                messages.WARNING,
                status=409,
            )
        return self.row_response(
            request,
            gettext("Undone.") + " " + decision_message(last.get("name", ""), snapshot["status"]),
            undone=True,
            pk=snapshot["pk"],
            status_code=snapshot["status"],
        )

    # Reply ----------------------------------------------------------------------------

    def can_reply(self, request, comment):
        """Moderators, and the article's author when they have a staff account."""
        if self.has_moderate_permission(request):
            return True
        author_user = comment.article.author.user_id
        return request.user.is_staff and author_user is not None and author_user == request.user.pk

    def reply_view(self, request, object_id):
        comment = self.row_comment(request, object_id)
        if comment is None:
            if request.method == "POST":
                return self.gone(request)
            return HttpResponseRedirect(self.queue_url())
        if not self.can_reply(request, comment):
            raise PermissionDenied
        form = ReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = services.reply_as_staff(
                    comment, user=request.user, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                request.session.pop(UNDO_KEY, None)  # a reply is not undone from the queue
                return self.row_response(
                    request,
                    gettext("Your reply to %(name)s is published, and their comment is approved.")
                    % {"name": comment.author_name},
                    replied=True,
                    reply_url=comment_url(result.comment),
                    status_code=Comment.Status.APPROVED,
                )
        if request.method == "POST" and self.wants_json(request):
            errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
            return JsonResponse({"message": " ".join(errors), "errors": errors}, status=400)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Reply to %(name)s") % {"name": comment.author_name},
            "opts": self.opts,
            "comment": comment,
            "form": form,
            "next": self.return_url(request),
            "media": self.media,
        }
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(
            request, "admin/comments/comment/reply.html", context, status=status
        )
