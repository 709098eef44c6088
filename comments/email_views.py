"""The links emails carry: one-click moderation, unsubscribe and email confirmation.

Each opens a page that shows what it will do, with the comment as it is now, and acts only
when its button is pressed (a POST), as django-contrib-comments' moderation views do: mail
scanners and link previews follow links, and must never approve, reject or unsubscribe
anything.  Links are signed, and bound to the comment as the email showed it.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from . import services, tokens
from .diffs import word_diff
from .models import Comment

REFUSED_TEMPLATE = "comments/link_refused.html"
# Status codes of a refused link: it can never work again.
REFUSED_STATUS = {"missing": 410, "deleted": 410, "used": 409, "changed": 409}


def refused(request, reason, comment, **context):
    return render(
        request,
        REFUSED_TEMPLATE,
        {"reason": reason, "comment": comment, **context},
        status=REFUSED_STATUS[reason],
    )


class ModerationLinkView(View):
    """The approve / reject link in moderators' emails.  Needs a signed-in user with the
    moderation permission; refused with a page saying why once the comment has changed
    since the email, was deleted by its author, or the link was used."""

    template_name = "comments/comment_moderate.html"

    def dispatch(self, request, token):
        decoded = tokens.read_moderation_token(token)
        if decoded is None or decoded[1] not in services.LINK_ACTIONS:
            raise Http404(_("This moderation link is invalid or has expired."))
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm("comments.moderate_comment"):
            return render(request, "comments/moderation_denied.html", status=403)
        self.comment_id, self.action, self.state = decoded
        return super().dispatch(request, token)

    def get(self, request, token):
        comment = Comment.objects.select_related("article").filter(pk=self.comment_id).first()
        refusal = services.link_refusal(comment, self.state, action=self.action)
        if refusal:
            return refused(request, refusal, comment, action=self.action)
        return render(request, self.template_name, {
            "comment": comment, "action": self.action,
            "diff": word_diff(comment.body, comment.pending_body)
            if comment.has_pending_edit else None,
        })  # fmt: skip

    def post(self, request, token):
        refusal = services.moderate_by_link(
            self.comment_id, self.action, self.state, moderator=request.user
        )
        comment = Comment.objects.select_related("article").filter(pk=self.comment_id).first()
        if refusal:
            return refused(request, refusal, comment, action=self.action)
        messages.success(
            request,
            _("Comment by %(name)s: %(status)s.")
            % {"name": comment.author_name, "status": comment.get_status_display()},
        )
        return redirect("admin:comments_comment_changelist")


KINDS = {"approval": "notify_on_approval", "reply": "notify_on_reply"}


def masked(email):
    """ "j•••@example.com": enough for its owner to recognise, little for anyone else."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """Stop one kind of email for the address a comment was posted under.  GET shows what
    will stop and a button; POST acts.  Mail clients' one-click unsubscribe (RFC 8058)
    POSTs here from the mailbox, with no CSRF token: the signed link is the authority, and
    all it can ever do is stop emails."""

    def dispatch(self, request, token):
        decoded = tokens.read_unsubscribe_token(token)
        if decoded is None or decoded[1] not in KINDS:
            raise Http404(_("This unsubscribe link is invalid."))
        comment_id, self.kind = decoded
        self.comment = Comment.objects.filter(pk=comment_id).first()
        if self.comment is None:
            raise Http404(_("This unsubscribe link is invalid."))
        return super().dispatch(request, token)

    def get(self, request, token):
        return render(request, "comments/comment_unsubscribe.html", {
            "kind": self.kind, "address": masked(self.comment.author_email),
        })  # fmt: skip

    def post(self, request, token):
        Comment.objects.filter(author_email__iexact=self.comment.author_email).update(
            **{KINDS[self.kind]: False}
        )
        return render(request, "comments/unsubscribed.html", {"kind": self.kind})


class ConfirmEmailView(View):
    """The link we email to the address a comment was posted under (known commenters):
    pressing its button proves the address belongs to the browser that posted, and
    publishes a comment held only for want of that proof."""

    template_name = "comments/comment_confirm_email.html"

    def dispatch(self, request, token):
        decoded = tokens.read_confirmation_token(token)
        if decoded is None:
            raise Http404(_("This confirmation link is invalid or has expired."))
        self.comment_id, self.state = decoded
        return super().dispatch(request, token)

    def get(self, request, token):
        comment = Comment.objects.select_related("article").filter(pk=self.comment_id).first()
        refusal = services.link_refusal(comment, self.state)
        if refusal:
            if refusal == "changed" and comment.email_confirmed_at:
                refusal = "used"
            return refused(request, refusal, comment, confirming=True)
        return render(request, self.template_name, {"comment": comment})

    def post(self, request, token):
        refusal = services.confirm_email(self.comment_id, self.state)
        comment = Comment.objects.select_related("article").filter(pk=self.comment_id).first()
        if refusal:
            return refused(request, refusal, comment, confirming=True)
        return render(request, "comments/email_confirmed.html", {
            "comment": comment, "published": comment.status == Comment.Status.APPROVED,
        })  # fmt: skip
