"""Moving an article between statuses and signing its medical review off: the services the
admin's form, its bulk actions and its buttons all call, so that the rules (the publish
permission, the checklist's blocking items, a category's required sign-off) hold on every
route."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from authors.models import Author

from . import checklist, roles
from .models import Article, SiteSettings


class Refused(Exception):
    """A change that may not be made; ``reasons`` say why, in words for the editor."""

    def __init__(self, reasons):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def stored_status(article):
    """The status the database holds (None for a new article): what a change moves from,
    whatever an edited form or a historical version has in memory."""
    if article.pk is None:
        return None
    return Article.objects.filter(pk=article.pk).values_list("status", flat=True).first()


def refusals(user, article, new_status, *, references=None):
    """Why ``user`` may not give ``article`` (as it stands in memory) ``new_status``; empty
    when they may.  Going into "published" runs the checklist: its blocking items refuse."""
    old_status = stored_status(article)
    if not roles.may_move(user, old_status, new_status):
        if new_status == Article.Status.PUBLISHED:
            return [_("You do not have permission to publish articles.")]
        return [_("You do not have permission to unpublish articles.")]
    if new_status != Article.Status.PUBLISHED or old_status == Article.Status.PUBLISHED:
        return []
    items = checklist.check_article(article, references=references)
    return [
        _("%(check)s: %(detail)s") % {"check": item.label, "detail": item.detail}
        for item in checklist.blocking_items(items)
    ]


def change_status(user, article, status):
    """Give ``article`` ``status`` and save it as a version with the user's name, or raise
    Refused.  A first publication gets its publication date now."""
    reasons = refusals(user, article, status)
    if reasons:
        raise Refused(reasons)
    article.status = status
    fields = ["status", "updated_at"]
    if status == Article.Status.PUBLISHED and article.published_at is None:
        article.published_at = timezone.now()
        fields.append("published_at")
    article._history_user = user
    article.save(update_fields=fields)


def sign_off(user, article):
    """The medical reviewer ``user`` signs ``article`` off today: they become its reviewer
    (through their author profile, whose credentials readers see), and the next review is
    due after the site's review interval."""
    if not roles.can_sign_off(user):
        raise PermissionDenied
    reviewer = Author.objects.filter(user=user).first()
    if reviewer is None:
        raise Refused(
            [
                _(
                    "Your account has no author profile, so readers could not see who "
                    "reviewed the article. Ask an editor to link one (Authors › user account)."
                )
            ]
        )
    today = timezone.localdate()
    interval = SiteSettings.load().review_interval_months
    article.reviewer = reviewer
    article.last_reviewed = today
    article.next_review_due = checklist.add_months(today, interval)
    article._history_user = user
    article._change_reason = _("Medical review signed off")
    article.save(update_fields=["reviewer", "last_reviewed", "next_review_due", "updated_at"])
