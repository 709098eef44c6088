"""Posting a comment.  A good post redirects back to the article (POST/redirect/GET); a bad
one re-renders the article page with the errors and everything the reader typed."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from articles.views import ArticleDetailView

from . import services
from .forms import CommentForm


def client_ip(request):
    """The client's address as this server saw it (proxies are trusted in issue #5's set-up)."""
    return request.META.get("REMOTE_ADDR") or None


class CommentPostView(ArticleDetailView):
    """Accepts the comment form's POST; a GET (a bookmarked or reloaded error page) goes
    back to the article."""

    def get(self, request, *args, **kwargs):
        return redirect(self.get_object())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = CommentForm(request.POST, article=self.object)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(comment_form=form))
        data = form.cleaned_data
        comment = services.post_comment(
            article=self.object,
            parent=form.parent_comment,
            name=data["author_name"],
            email=data["author_email"],
            website=data["author_website"],
            body=data["body"],
            user=request.user,
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
        messages.success(
            request,
            _("Thank you, %(name)s. Your comment is awaiting moderation.")
            % {"name": comment.author_name},
            extra_tags="comment",
        )
        return redirect(f"{self.object.get_absolute_url()}#comments")
