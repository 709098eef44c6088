"""Signed values the comments app hands out: the form's timestamp, the browser key that
makes a reader the owner of what they post (and a known commenter later), the remembered
commenter's key, and the links emails carry (moderation, unsubscribe, email confirmation).
Each has its own salt, so one can never stand in for another.

No cookie and no link carries anything personal or guessable: a browser holds a random key
(the database keeps only its hash), and links name a comment by its signed id.
"""

import hashlib
import secrets
import time

from django.conf import settings
from django.core import signing

FORM_SALT = "pulse.comments.form-timestamp"
BROWSER_SALT = "pulse.comments.browser-key"
MODERATE_SALT = "pulse.comments.moderate"
UNSUBSCRIBE_SALT = "pulse.comments.unsubscribe"
CONFIRM_SALT = "pulse.comments.confirm-email"
REMEMBER_SALT = "pulse.comments.remember-key"
OWNER_COOKIE = "pulse_my_comments"
REMEMBER_COOKIE = "pulse_commenter"
# Long enough for a commenter to be recognised as the author of their earlier approved
# comments ("known commenters"); the edit window itself is PULSE_COMMENT_EDIT_MINUTES.
OWNER_MAX_AGE = 90 * 24 * 60 * 60
REMEMBER_MAX_AGE = 365 * 24 * 60 * 60
MODERATION_LINK_MAX_AGE = 7 * 24 * 60 * 60
CONFIRM_LINK_MAX_AGE = 7 * 24 * 60 * 60
# How many of a browser's own comments it is shown as its own (newest first).
OWNED_LIMIT = 50


def form_timestamp():
    return signing.dumps(int(time.time()), salt=FORM_SALT)


def form_age(token):
    """Seconds since the form was served, or None when the token is missing or altered."""
    try:
        issued = signing.loads(token or "", salt=FORM_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(issued, int):
        return None
    return time.time() - issued


def cookie_options(max_age):
    """What every Pulse cookie is set with: scripts never read them, and they travel over
    HTTPS only wherever the session cookie does (production)."""
    return {
        "max_age": max_age,
        "secure": settings.SESSION_COOKIE_SECURE,
        "httponly": True,
        "samesite": "Lax",
    }


def key_hash(key):
    """What the database keeps of a browser's key: enough to recognise it, useless to
    anyone who reads it (the key itself lives only in the browser)."""
    return hashlib.sha256(key.encode()).hexdigest() if key else ""


def new_browser_key():
    return secrets.token_urlsafe(32)


def browser_key(request):
    """The random key this browser was given when it first posted or reported, or None."""
    key = request.get_signed_cookie(
        OWNER_COOKIE, default=None, salt=BROWSER_SALT, max_age=OWNER_MAX_AGE
    )
    return key if key and len(key) <= 64 else None


def request_owner_key(request):
    """The hash of this browser's key ("" without one): what ``Comment.owner_key`` holds
    for the comments it posted."""
    return key_hash(browser_key(request))


def give_browser_key(response, key):
    """(Re)set the browser's key.  Every post gets this same cookie, whether it stored a
    new comment or not, so the response never tells the two apart."""
    response.set_signed_cookie(
        OWNER_COOKIE, key, salt=BROWSER_SALT, **cookie_options(OWNER_MAX_AGE)
    )


def owned_comment_ids(request):
    """Ids of the comments this browser posted (pending or approved), newest first: what it
    may edit within the edit window and see as its own.  One query, only with the cookie."""
    cached = getattr(request, "_pulse_owned_comment_ids", None)
    if cached is not None:
        return cached
    owner = request_owner_key(request)
    ids = set()
    if owner:
        from .models import Comment  # the models sit above the signed values

        ids = set(Comment.objects.owned_by(owner).values_list("pk", flat=True)[:OWNED_LIMIT])
    request._pulse_owned_comment_ids = ids
    return ids


def _signed(data, salt):
    return signing.dumps(data, salt=salt)


def _read(token, salt, max_age=None):
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) else None


def moderation_token(comment_id, action, state):
    """A one-click moderation link's token, bound to ``state``: the hash of what the email
    showed (services.moderation_state), so it stops working once the comment changes."""
    return _signed({"c": comment_id, "a": action, "s": state}, MODERATE_SALT)


def read_moderation_token(token):
    """(comment_id, action, state) or None when the link is altered or older than a week."""
    data = _read(token, MODERATE_SALT, MODERATION_LINK_MAX_AGE)
    if data is None or not isinstance(data.get("c"), int):
        return None
    return data["c"], data.get("a"), data.get("s")


def unsubscribe_token(comment_id, kind):
    """Names the comment whose address stops getting ``kind`` emails: never the address."""
    return _signed({"c": comment_id, "k": kind}, UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    data = _read(token, UNSUBSCRIBE_SALT)
    if data is None or not isinstance(data.get("c"), int):
        return None
    return data["c"], data.get("k")


def confirmation_token(comment_id, state):
    """The link that proves a commenter owns their address (known commenters), once."""
    return _signed({"c": comment_id, "s": state}, CONFIRM_SALT)


def read_confirmation_token(token):
    data = _read(token, CONFIRM_SALT, CONFIRM_LINK_MAX_AGE)
    if data is None or not isinstance(data.get("c"), int):
        return None
    return data["c"], data.get("s")


def _remember_key(request):
    key = request.get_signed_cookie(REMEMBER_COOKIE, default=None, salt=REMEMBER_SALT)
    return key if key and len(key) <= 64 else None


def remember_commenter(response, request, data):
    """Keep name, email and website only when the reader asked to: in a database row that
    the browser's cookie names by a random key.  Unticking forgets them (row and cookie)."""
    from .models import RememberedCommenter

    key = _remember_key(request)
    if data.get("remember"):
        key = key or secrets.token_urlsafe(32)
        RememberedCommenter.objects.update_or_create(
            key=key_hash(key),
            defaults={
                "name": data["author_name"],
                "email": data["author_email"],
                "website": data.get("author_website", ""),
            },
        )
        response.set_signed_cookie(
            REMEMBER_COOKIE, key, salt=REMEMBER_SALT, **cookie_options(REMEMBER_MAX_AGE)
        )
        return
    if key:
        RememberedCommenter.objects.filter(key=key_hash(key)).delete()
    # Deleted with the same attributes it was set with (Secure included).
    response.set_cookie(
        REMEMBER_COOKIE, "", expires="Thu, 01 Jan 1970 00:00:00 GMT", **cookie_options(0)
    )


def remembered_commenter(request):
    """The initial values a returning commenter asked us to remember, or {}."""
    key = _remember_key(request)
    if not key:
        return {}
    from .models import RememberedCommenter

    row = RememberedCommenter.objects.filter(key=key_hash(key)).first()
    if row is None:
        return {}
    return {"author_name": row.name, "author_email": row.email, "author_website": row.website,
            "remember": True}  # fmt: skip


def link_state(comment):
    """A hash of what an email about ``comment`` showed and may act on: its text, any edit
    waiting, its status and its last moderation.  A link carries it, and is refused once
    the comment no longer matches (changed, decided, or the link already used)."""
    parts = [
        comment.status,
        comment.body,
        comment.pending_body,
        comment.moderated_at.isoformat() if comment.moderated_at else "",
        comment.email_confirmed_at.isoformat() if comment.email_confirmed_at else "",
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
