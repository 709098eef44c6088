"""Readers' comment actions: post, edit or delete one's own, report.  (The links emails
carry are in email_views.py.)"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from articles.models import Article
from articles.views import ArticleDetailView

from . import checks, services, tokens
from .addresses import client_ip
from .forms import CommentEditForm, CommentForm, ReportForm
from .links import comment_url
from .models import Comment, DiscussionSettings
from .ratelimits import over_limit


def form_url(article):
    return f"{article.get_absolute_url()}#write-comment"


class CommentPostView(ArticleDetailView):
    """Accepts the comment form's POST; a GET (a bookmarked or reloaded error page) goes
    back to the article.  A bad post re-renders the article page with the errors and
    everything the reader typed.

    A post answers the same way whether or not its words were already stored: the same
    message (with the name as typed), the same redirect and the same cookies.  Only the
    browser that posted a comment is ever sent to it or made its owner."""

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
        key = tokens.browser_key(request)
        sender = tokens.key_hash(key)
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
        key = key or tokens.new_browser_key()
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
            owner_key=tokens.key_hash(key),
            sender_key=sender,
            discussion=discussion,
        )
        comment = result.comment
        # Someone else's comment (or one this browser cannot prove is its own) is never
        # shown to this sender: the answer is that of any comment held for moderation.
        published = result.owned and comment.status == Comment.Status.APPROVED
        name = data["author_name"].strip()
        if published:
            text = _("Thank you, %(name)s. Your comment is published.")
        else:
            text = _("Thank you, %(name)s. Your comment is awaiting moderation.")
        messages.success(request, text % {"name": name}, extra_tags="comment")
        if result.needs_crisis_help:
            messages.warning(request, discussion.crisis_message, extra_tags="comment crisis")
        # From the words just typed, so a re-post answers as a new post does.
        notice = checks.personal_data_notice(result.assessment) if result.assessment else ""
        if notice:
            messages.warning(request, notice, extra_tags="comment personal-data")
        response = redirect(comment_url(comment) if published else form_url(self.object))
        tokens.give_browser_key(response, key)
        tokens.remember_commenter(response, request, data)
        return response


class OwnCommentMixin:
    """Only the browser that posted the comment, and only for a few minutes; a comment still
    waiting for moderation as much as a published one."""

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
        context = {"form": form, "comment": self.comment}
        if not form.is_valid():
            return render(request, self.template_name, context)
        discussion = DiscussionSettings.load()
        if over_limit(request, "edit", discussion.rate_limit,
                      browser=tokens.request_owner_key(request)):  # fmt: skip
            form.add_error(None, _("You have changed your comments several times just now. "
                                   "Please wait a few minutes and save again."))  # fmt: skip
            return render(request, self.template_name, context, status=429)
        comment = services.edit_comment(
            self.comment, form.cleaned_data["body"], discussion=discussion
        )
        if comment.urgent:
            messages.warning(request, discussion.crisis_message, extra_tags="comment crisis")
        if comment.has_pending_edit:
            messages.success(
                request,
                _("Your changes are saved. They will replace the published text once a "
                  "moderator approves them."),
                extra_tags="comment",
            )  # fmt: skip
            return redirect(comment_url(comment))
        if comment.status == Comment.Status.APPROVED:
            messages.success(request, _("Your changes are saved."), extra_tags="comment")
            return redirect(comment_url(comment))
        messages.success(
            request,
            _("Your changes are saved and the comment is awaiting moderation again."),
            extra_tags="comment",
        )
        return redirect(form_url(comment.article))


class CommentDeleteView(OwnCommentMixin, View):
    template_name = "comments/comment_confirm_delete.html"

    def get(self, request, pk):
        context = {"comment": self.comment, "comment_url": comment_url(self.comment)}
        return render(request, self.template_name, context)

    def post(self, request, pk):
        services.delete_own_comment(self.comment)
        messages.success(request, _("Your comment was removed."), extra_tags="comment")
        return redirect(f"{self.comment.article.get_absolute_url()}#comments")


class CommentReportView(View):
    """Report a published comment; works without JavaScript (a page with a small form).
    Each person counts once: by the browser key (given here if the browser has none) and
    by address."""

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
        key = tokens.browser_key(request)
        reporter = tokens.key_hash(key)
        if over_limit(request, "report", discussion.rate_limit, browser=reporter):
            form.add_error(None, _("You have sent several reports just now. Please wait a few "
                                   "minutes and try again."))  # fmt: skip
            return render(request, self.template_name, context, status=429)
        key = key or tokens.new_browser_key()
        services.report_comment(
            self.comment,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            ip_address=client_ip(request),
            reporter_key=tokens.key_hash(key),
            discussion=discussion,
        )
        messages.success(
            request,
            _("Thank you. A moderator will look at this comment."),
            extra_tags="comment",
        )
        response = redirect(f"{self.comment.article.get_absolute_url()}#comments")
        tokens.give_browser_key(response, key)
        return response
