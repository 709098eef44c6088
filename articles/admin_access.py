"""The one way the article admin's own views (the writing desk's, the revisions') find the
article a request may change: as Django's change view does, 403 before the lookup for
someone who may change no article, 404 for an id they cannot see, 403 for one they see but
may not change (a writer and another's article)."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _


def changeable_article(model_admin, request, object_id):
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404(_("No such article."))
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    return article
