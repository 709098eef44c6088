"""Readers' comment actions: post, edit or delete one's own, report; and the signed links
that emails carry (one-click moderation, unsubscribe)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from articles.models import Article
from articles.views import ArticleDetailView

from . import services, tokens
from .forms import CommentEditForm, CommentForm, ReportForm
from .models import Comment, DiscussionSettings
from .ratelimits import over_limit


def client_ip(request):
    """The client's address as this server saw it (behind a proxy, set REMOTE_ADDR from
    a trusted X-Forwarded-For in the proxy or WSGI server)."""
    return request.META.get("REMOTE_ADDR") or None


class CommentPostView(ArticleDetailView):
    """Accepts the comment form's POST; a GET (a bookmarked or reloaded error page) goes
    back to the article.  A bad post re-renders the article page with the errors and
    everything the reader typed."""

    def get(self, request, *args, **kwargs):
        return redirect(self.get_object())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        discussion = DiscussionSettings.load()
        form = CommentForm(
            request.POST, article=self.object, discussion=discussion, user=request.user
        )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(comment_form=form))
        data = form.cleaned_data
        if over_limit(request, "comment", discussion.rate_limit, email=data["author_email"]):
            form.add_error(
                None,
                _(
                    "You have posted several comments in a short time. Please wait a few "
                    "minutes and send this one again; your text is kept below."
                ),
            )
            context = self.get_context_data(comment_form=form)
            return self.render_to_response(context, status=429)
        form_age = tokens.form_age(data["timestamp"])
        result = services.post_comment(
            article=self.object,
            parent=form.parent_comment,
            name=data["author_name"],
            email=data["author_email"],
            website=data["author_website"],
            body=data["body"],
            user=request.user,
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            honeypot=data["fax_number"],
            form_age=form_age,
            form_signature_ok=form_age is not None,
            notify_on_approval=data["notify_on_approval"],
            notify_on_reply=data["notify_on_reply"],
            discussion=discussion,
        )
        comment = result.comment
        if comment.status == Comment.Status.APPROVED:
            text = _("Thank you, %(name)s. Your comment is published.")
        else:
            text = _("Thank you, %(name)s. Your comment is awaiting moderation.")
        messages.success(request, text % {"name": comment.author_name}, extra_tags="comment")
        if comment.urgent:
            messages.warning(request, discussion.crisis_message, extra_tags="comment crisis")
        if comment.status == Comment.Status.APPROVED:
            target = comment.get_absolute_url()
        else:
            target = f"{self.object.get_absolute_url()}#write-comment"
        response = redirect(target)
        edit_window = settings.PULSE_COMMENT_EDIT_MINUTES * 60
        tokens.remember_owned(response, request, comment.pk, max_age=edit_window)
        tokens.remember_commenter(response, data)
        return response


class OwnCommentMixin:
    """Only the browser that posted the comment, and only for a few minutes."""

    def dispatch(self, request, *args, **kwargs):
        self.comment = get_object_or_404(
            Comment.objects.select_related("article"), pk=kwargs["pk"]
        )
        owned = tokens.owned_comment_ids(request)
        if not services.can_edit(self.comment, owned, settings.PULSE_COMMENT_EDIT_MINUTES):
            messages.error(
                request,
                _("This comment can no longer be changed from this browser."),
                extra_tags="comment",
            )
            return redirect(f"{self.comment.article.get_absolute_url()}#comments")
        return super().dispatch(request, *args, **kwargs)


class CommentEditView(OwnCommentMixin, View):
    template_name = "comments/comment_edit.html"

    def get(self, request, pk):
        form = CommentEditForm(instance=self.comment)
        return render(request, self.template_name, {"form": form, "comment": self.comment})

    def post(self, request, pk):
        form = CommentEditForm(request.POST, instance=Comment.objects.get(pk=pk))
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "comment": self.comment})
        comment = services.edit_comment(self.comment, form.cleaned_data["body"])
        if comment.status == Comment.Status.APPROVED:
            messages.success(request, _("Your changes are saved."), extra_tags="comment")
            return redirect(comment.get_absolute_url())
        messages.success(
            request,
            _("Your changes are saved and the comment is awaiting moderation again."),
            extra_tags="comment",
        )
        return redirect(f"{comment.article.get_absolute_url()}#write-comment")


class CommentDeleteView(OwnCommentMixin, View):
    template_name = "comments/comment_confirm_delete.html"

    def get(self, request, pk):
        return render(request, self.template_name, {"comment": self.comment})

    def post(self, request, pk):
        services.delete_own_comment(self.comment)
        messages.success(request, _("Your comment was removed."), extra_tags="comment")
        return redirect(f"{self.comment.article.get_absolute_url()}#comments")


class CommentReportView(View):
    """Report a published comment; works without JavaScript (a page with a small form)."""

    template_name = "comments/comment_report.html"

    def dispatch(self, request, *args, **kwargs):
        self.comment = get_object_or_404(
            Comment.objects.public().select_related("article"),
            pk=kwargs["pk"],
            article__in=Article.objects.published(),
        )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return render(request, self.template_name, {"form": ReportForm(), "comment": self.comment})

    def post(self, request, pk):
        form = ReportForm(request.POST)
        context = {"form": form, "comment": self.comment}
        if not form.is_valid():
            return render(request, self.template_name, context)
        discussion = DiscussionSettings.load()
        if over_limit(request, "report", discussion.rate_limit):
            form.add_error(None, _("You have sent several reports just now. Please wait a few "
                                   "minutes and try again."))  # fmt: skip
            return render(request, self.template_name, context, status=429)
        services.report_comment(
            self.comment,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            ip_address=client_ip(request),
            discussion=discussion,
        )
        messages.success(
            request,
            _("Thank you. A moderator will look at this comment."),
            extra_tags="comment",
        )
        return redirect(f"{self.comment.article.get_absolute_url()}#comments")


class ModerationLinkView(View):
    """The one-click approve / reject link in moderators' emails.  The link is signed and
    expires, and still needs a signed-in user with the moderation permission."""

    ACTIONS = {"approve": Comment.Status.APPROVED, "reject": Comment.Status.REJECTED}

    def get(self, request, token):
        decoded = tokens.read_moderation_token(token)
        if decoded is None or decoded[1] not in self.ACTIONS:
            raise Http404(_("This moderation link is invalid or has expired."))
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm("comments.moderate_comment"):
            return render(request, "comments/moderation_denied.html", status=403)
        comment_id, action = decoded
        comment = get_object_or_404(Comment, pk=comment_id)
        services.moderate(
            Comment.objects.filter(pk=comment.pk),
            self.ACTIONS[action],
            moderator=request.user,
            reason=f"email_{action}",
        )
        messages.success(
            request,
            _("Comment by %(name)s: %(status)s.")
            % {"name": comment.author_name, "status": Comment.Status(self.ACTIONS[action]).label},
        )
        return redirect("admin:comments_comment_changelist")


class UnsubscribeView(View):
    """One click from any notification email stops that kind of email for that address."""

    template_name = "comments/unsubscribed.html"

    def get(self, request, token):
        decoded = tokens.read_unsubscribe_token(token)
        if decoded is None or decoded[1] not in ("approval", "reply"):
            raise Http404(_("This unsubscribe link is invalid."))
        email, kind = decoded
        field = "notify_on_approval" if kind == "approval" else "notify_on_reply"
        Comment.objects.filter(author_email__iexact=email).update(**{field: False})
        return render(request, self.template_name, {"kind": kind})
