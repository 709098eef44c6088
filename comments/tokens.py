"""Signed values the comments app hands out: the form's timestamp, the commenter's own
comments (edit within a few minutes from the same browser), one-click moderation links
and unsubscribe links.  Each has its own salt, so one can never stand in for another."""

import time

from django.core import signing

FORM_SALT = "pulse.comments.form-timestamp"
OWNER_SALT = "pulse.comments.owner"
MODERATE_SALT = "pulse.comments.moderate"
UNSUBSCRIBE_SALT = "pulse.comments.unsubscribe"
REMEMBER_SALT = "pulse.comments.remember"
OWNER_COOKIE = "pulse_my_comments"
REMEMBER_COOKIE = "pulse_commenter"
MODERATION_LINK_MAX_AGE = 7 * 24 * 60 * 60


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


def owned_comment_ids(request):
    """Comment ids this browser posted (the cookie is signed, so it cannot be forged)."""
    raw = request.get_signed_cookie(OWNER_COOKIE, default="", salt=OWNER_SALT)
    return {int(part) for part in raw.split(",") if part.isdigit()}


def remember_owned(response, request, comment_id, max_age):
    ids = sorted(owned_comment_ids(request) | {comment_id})[-20:]
    response.set_signed_cookie(
        OWNER_COOKIE, ",".join(map(str, ids)), salt=OWNER_SALT, max_age=max_age,
        httponly=True, samesite="Lax",
    )  # fmt: skip


def moderation_token(comment_id, action):
    return signing.dumps({"c": comment_id, "a": action}, salt=MODERATE_SALT)


def read_moderation_token(token):
    """(comment_id, action) or None when the link is altered or older than a week."""
    try:
        data = signing.loads(token, salt=MODERATE_SALT, max_age=MODERATION_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return data.get("c"), data.get("a")


def unsubscribe_token(email, kind):
    return signing.dumps({"e": email.casefold(), "k": kind}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return data.get("e"), data.get("k")


def remember_commenter(response, data):
    """Keep name, email and website in a signed cookie only when the reader asked to."""
    if data.get("remember"):
        value = signing.dumps(
            [data["author_name"], data["author_email"], data.get("author_website", "")],
            salt=REMEMBER_SALT,
            compress=True,
        )
        response.set_cookie(
            REMEMBER_COOKIE, value, max_age=365 * 24 * 60 * 60, httponly=True, samesite="Lax"
        )
    else:
        response.delete_cookie(REMEMBER_COOKIE, samesite="Lax")


def remembered_commenter(request):
    """The initial values a returning commenter asked us to remember, or {}."""
    try:
        name, email, website = signing.loads(
            request.COOKIES.get(REMEMBER_COOKIE, ""), salt=REMEMBER_SALT
        )
    except (signing.BadSignature, ValueError, TypeError):
        return {}
    return {"author_name": name, "author_email": email, "author_website": website,
            "remember": True}  # fmt: skip
