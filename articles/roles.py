"""Who may do what with an article, from permissions alone (the groups that hold them are made
by articles/migrations/0013_*): Writers write their own drafts and send them to review;
Editors edit anything, publish and unpublish; Medical reviewers read everything and sign
the medical review off.  The admin, its actions and the services all ask these functions,
so that no route (form, bulk action, forged POST) knows a rule the others do not."""

from django.db.models import Q

from .models import Article

PUBLISH = "articles.publish_article"
EDIT_OTHERS = "articles.edit_others_articles"
SIGN_OFF = "articles.sign_off_review"
CHANGE = "articles.change_article"

# A writer edits their own drafts; once sent to review (where a medical reviewer may sign
# it off) or published, it is the editors' to change or send back.
WRITER_EDITABLE = (Article.Status.DRAFT,)
# What a writer may set the status to: keep it a draft, or send it to review.
WRITER_STATUSES = (Article.Status.DRAFT, Article.Status.REVIEW)


def can_publish(user):
    """Publishing and unpublishing (moving into or out of "published")."""
    return user.has_perm(PUBLISH)


def can_sign_off(user):
    return user.has_perm(SIGN_OFF)


def sees_all(user):
    """Editors and medical reviewers see every article; a writer only their own."""
    return user.has_perm(EDIT_OTHERS) or user.has_perm(SIGN_OFF) or user.has_perm(PUBLISH)


def own(user):
    """The articles a user started, or that carry their byline."""
    return Q(created_by=user) | Q(author__user=user)


def visible(user, queryset):
    return queryset if sees_all(user) else queryset.filter(own(user))


def is_own(user, article):
    if article.created_by_id == user.pk:
        return True
    author = article.author if article.author_id else None
    return author is not None and author.user_id == user.pk


def can_edit(user, article):
    """Change rights on one article (``article`` as stored, not as a form has it)."""
    if not user.has_perm(CHANGE):
        return False
    if user.has_perm(EDIT_OTHERS):
        return True
    return is_own(user, article) and article.status in WRITER_EDITABLE


def status_choices(user):
    """The statuses a user may choose on the form: without the publish permission, draft
    and review (and nothing out of a published article, which they cannot edit anyway)."""
    if can_publish(user):
        return list(Article.Status.choices)
    return [(value, label) for value, label in Article.Status.choices if value in WRITER_STATUSES]


def may_move(user, old_status, new_status):
    """Whether ``user`` may move an article from ``old_status`` (None: a new article) to
    ``new_status``.  Into or out of "published" needs the publish permission."""
    published = Article.Status.PUBLISHED
    if old_status == new_status:
        return True
    if published in (old_status, new_status):
        return can_publish(user)
    return True
