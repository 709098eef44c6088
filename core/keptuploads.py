"""Uploads kept across a form that failed for another reason.

A browser never fills a file input again, so an editor whose article was refused for a
missing summary would have to find the cover on their disk once more.  A valid upload in a
form with errors is therefore staged (MEDIA_ROOT/staging/, under a random name) and named in
the re-shown form by a signed token in a hidden input, with "Keeping cover.jpg (1,600×900)";
the next submit without a new file uses it again, checked like a fresh upload.  Choosing
another file replaces it; ticking "Clear" drops it.  Staged files older than a day are swept
whenever another is staged.
"""

import functools
import io
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePath

from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from PIL import Image

from .uploads import SAFE_SUFFIXES

STAGING = "staging"
SALT = "core.keptuploads"
MAX_AGE = timedelta(days=1)


@dataclass
class KeptUpload:
    token: str
    name: str  # the file's name on the editor's computer
    width: int | None = None
    height: int | None = None

    @property
    def dimensions(self):
        return f"{self.width:,}×{self.height:,}" if self.width and self.height else ""


def kept_field_name(html_name):
    return f"{html_name}-kept"


def _dimensions(data):
    try:
        with Image.open(io.BytesIO(data)) as picture:
            return picture.size
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None, None


def stage(upload):
    """Store a checked upload aside; a KeptUpload naming it by a signed token."""
    sweep()
    suffix = PurePath(upload.name or "").suffix.lower()
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    path = default_storage.save(
        f"{STAGING}/{uuid.uuid4().hex}{suffix if suffix in SAFE_SUFFIXES else '.img'}",
        io.BytesIO(data),
    )
    name = PurePath(upload.name or "upload").name[:200]
    content_type = getattr(upload, "content_type", "") or "application/octet-stream"
    token = signing.dumps({"path": path, "name": name, "type": content_type}, salt=SALT)
    return KeptUpload(token, name, *_dimensions(data))


def restore(token):
    """(an upload made from the staged file, its KeptUpload), or None when the token is
    forged, older than a day, or its file was swept."""
    try:
        kept = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    path = kept.get("path", "")
    if not path.startswith(f"{STAGING}/") or ".." in path or not default_storage.exists(path):
        return None
    with default_storage.open(path) as file:
        data = file.read()
    upload = SimpleUploadedFile(kept["name"], data, content_type=kept.get("type"))
    return upload, KeptUpload(token, kept["name"], *_dimensions(data))


def sweep():
    """Delete staged files older than MAX_AGE."""
    try:
        _folders, names = default_storage.listdir(STAGING)
    except FileNotFoundError:
        return
    too_old = timezone.now() - MAX_AGE
    for name in names:
        path = f"{STAGING}/{name}"
        try:
            if default_storage.get_modified_time(path) < too_old:
                default_storage.delete(path)
        except FileNotFoundError:
            pass  # swept meanwhile by another request


class KeptUploadWidgetMixin:
    """Adds the hidden token and "Keeping …" to a file input (render only)."""

    kept = None

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.kept is None:
            return html
        note = render_to_string(
            "core/kept-upload.html", {"field_name": kept_field_name(name), "kept": self.kept}
        )
        return format_html("{}{}", html, note)


@functools.cache
def _kept_widget_class(widget_class):
    return type(f"Kept{widget_class.__name__}", (KeptUploadWidgetMixin, widget_class), {})


class KeepUploadsMixin:
    """For a form with file fields named in ``kept_upload_fields``: see the module."""

    kept_upload_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_uploads = {}
        for name in self.kept_upload_fields:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.__class__ = _kept_widget_class(type(widget))
        if self.is_bound:
            self._restore_kept_uploads()

    def _restore_kept_uploads(self):
        files = self.files.copy()
        for name in self.kept_upload_fields:
            key = self.add_prefix(name)
            token = self.data.get(kept_field_name(key))
            if not token or files.get(key) or self.data.get(f"{key}-clear"):
                continue  # nothing kept, a new file chosen, or the editor cleared it
            restored = restore(token)
            if restored is not None:
                files[key], self.kept_uploads[name] = restored
        self.files = files

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not self._errors:
            return
        for name in self.kept_upload_fields:
            if name not in self.fields:
                continue
            if name in self._errors:
                self.kept_uploads.pop(name, None)  # that file itself was refused
            elif name not in self.kept_uploads:
                value = self.cleaned_data.get(name)
                if isinstance(value, UploadedFile):
                    self.kept_uploads[name] = stage(value)
            self.fields[name].widget.kept = self.kept_uploads.get(name)
