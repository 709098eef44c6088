"""A WordPress import started from the admin: the uploaded export, where the background
task has got to, and its report (comments/wordpress.py does the work)."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def import_storage():
    return storages["imports"]


class WordPressImport(models.Model):
    class State(models.TextChoices):
        CHECKING = "checking", _("Checking (dry run)")
        CHECKED = "checked", _("Checked: waiting for confirmation")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    export = models.FileField(
        _("export file"),
        storage=import_storage,
        upload_to="wordpress/",
        help_text=_("The .xml file WordPress's Tools › Export wrote."),
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    link_users = models.BooleanField(
        _("link authors to staff accounts"),
        default=False,
        help_text=_("Match WordPress logins and emails to staff users."),
    )
    skip_pages = models.BooleanField(
        _("skip pages"), default=False, help_text=_("Import posts only, not WordPress pages.")
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.CHECKING
    )
    items_done = models.PositiveIntegerField(_("items read"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("WordPress import")
        verbose_name_plural = _("WordPress imports")
        permissions = [("import_wordpress", _("Can import a WordPress export"))]

    def __str__(self):
        return self.original_name or self.export.name

    def delete_files(self):
        """The uploaded export (commenters' emails and addresses) and its progress file."""
        if self.export:
            self.export.storage.delete(_progress_name(self))
            self.export.delete(save=False)

    @property
    def is_running(self):
        return self.state in {self.State.CHECKING, self.State.IMPORTING}


# How often (in records read) the running import writes its progress.
PROGRESS_EVERY = 25


def _progress_name(job):
    return f"{job.export.name}.progress"


def write_progress(job, items):
    if items % PROGRESS_EVERY:
        return
    storage = job.export.storage
    name = _progress_name(job)
    storage.delete(name)
    storage.save(name, ContentFile(str(items).encode()))


def read_progress(job):
    """Records the running import has read so far (its stored count once it has ended)."""
    storage = job.export.storage
    name = _progress_name(job)
    if not job.is_running or not storage.exists(name):
        return job.items_done
    with storage.open(name) as handle:
        value = handle.read().decode().strip()
    return int(value) if value.isdigit() else job.items_done
