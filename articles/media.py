"""The media library's services, called by the admin, the chooser and importers: adding a
picture (validated as covers are, stored once per file), the articles that use one, keeping
their bodies in step when its words change, and the editor's words for pictures a body
could not show."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from . import images
from .library import Image, file_digest
from .models import Article


def add_image(file, *, alt_text, caption="", credit="", uploaded_by=None):
    """A library Image for ``file`` (an upload or any file object with a name): checked
    with Pillow as covers are (decoded in full, size and format limits), with its alt text
    required.  The same bytes uploaded again return the Image already stored, so imports
    can run twice.  Raises ValidationError with the editor's words."""
    if not (alt_text or "").strip():
        raise ValidationError(
            {"alt_text": _("Describe the picture for readers who cannot see it.")},
            code="alt_required",
        )
    upload = file if isinstance(file, File) else File(file, name=getattr(file, "name", None))
    existing = Image.objects.filter(sha256=file_digest(upload)).first()
    if existing is not None:
        return existing
    image = Image(
        file=upload,
        alt_text=alt_text.strip(),
        caption=caption.strip(),
        credit=credit.strip(),
        uploaded_by=uploaded_by,
    )
    # The file's checks (core/uploads.py) and the fields' own limits.
    image.full_clean(exclude=["sha256"])
    try:
        with transaction.atomic():
            image.save()
    except IntegrityError:
        # The same file stored by someone else meanwhile: theirs is the one.
        return Image.objects.get(sha256=image.sha256)
    return image


def duplicate_of(upload, *, exclude_pk=None):
    """The Image already holding these bytes, if any (for a form's message)."""
    found = Image.objects.filter(sha256=file_digest(upload))
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.first()


def articles_using(image):
    """Articles whose body shows ``image`` or whose cover it is, by title."""
    return (
        Article.objects.filter(Q(image_uses__image=image) | Q(cover_library_image=image))
        .distinct()
        .only("pk", "title", "slug", "status", "published_at")
        .order_by("title", "pk")
    )


# What a change of the Image makes stale in the bodies that show it.
SHOWN_FIELDS = {"file", "alt_text", "caption", "credit"}


def image_changed(image, fields):
    """After an editor changed ``fields`` of a stored picture: the bodies showing it are
    rendered again, and a new file gets its cover shapes at once if it is a cover."""
    if "file" in fields and image.cover_of.exists():
        images.make_cover_renditions(image)
    if SHOWN_FIELDS & set(fields):
        refresh_articles_using(image)


def refresh_articles_using(image):
    """Render again the bodies that show ``image`` (its caption, credit, alt text or file
    changed): body HTML is made on save, so it would otherwise keep the old words.  Not a
    new version of each article (nothing an editor wrote changed)."""
    for article in Article.objects.filter(image_uses__image=image):
        article.render_body(force=True)
        article.skip_history_when_saving = True
        try:
            article.save(
                update_fields=["body_html", "toc", "reading_minutes", "cited_references",
                               "body_text"]
            )  # fmt: skip
        finally:
            del article.skip_history_when_saving


def problem_messages(problems):
    """The renderer's notes on pictures it left out (RenderedBody.problems), in words."""
    messages = []
    for problem in problems:
        if problem["code"] == "external_image":
            messages.append(
                _(
                    "The picture “%(alt)s” (%(src)s) is not shown: pictures come only from "
                    "the media library, so that readers' pages never load anything from "
                    "another site. Upload it to the library and insert it with the image "
                    "button."
                )
                % {"alt": problem["alt"] or _("no description"), "src": problem["src"]}
            )
        elif problem["code"] == "unknown_image":
            messages.append(
                _(
                    "The picture “%(alt)s” (%(src)s) is not shown: there is no such image in "
                    "the library (it may have been deleted). Choose one from the library."
                )
                % {"alt": problem["alt"] or _("no description"), "src": problem["src"]}
            )
        else:
            messages.append(
                _(
                    "A picture written in HTML (<img>) is not shown: insert pictures from the "
                    "media library instead."
                )
            )
    return messages
