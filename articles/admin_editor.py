"""The article change form as a writing desk: the Markdown editor's settings, autosaves offered
back on return, edit locks with their heartbeat, and the refusal of a save that would
overwrite a newer one.  ArticleAdmin mixes these in (articles/admin.py); the models and
rules live in articles/autosave.py and articles/locks.py, the pages in
templates/admin/articles/."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.utils import edit_string_for_tags

from . import autosave, diffs, locks
from .admin_access import changeable_article

RESTORE_PARAM = "restore-autosave"


def autosave_seconds():
    """How often the form sends its text when it changed (PULSE_AUTOSAVE_SECONDS, 15)."""
    return getattr(settings, "PULSE_AUTOSAVE_SECONDS", 15)


def version_of(moment):
    """The version a form was opened from: the article's last save, in microseconds."""
    return str(int(moment.timestamp() * 1_000_000))


def clock(moment):
    """14:02 in the site's time zone (with the date when it is not today)."""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return formats.time_format(local, "H:i")
    return formats.date_format(local, "j M Y, H:i")


def current_values(article):
    """The autosaved fields as the article has them now, to compare with an autosave."""
    values = {name: getattr(article, name) for name in autosave.FIELDS if name != "tags"}
    values["tags"] = edit_string_for_tags(article.tags.all())
    return values


def holds_nothing_new(kept, article):
    """Whether an autosave only repeats what the article has (one sent just as the form
    was saved, say): not worth offering."""
    stored = current_values(article)
    return all(stored.get(name) == value for name, value in kept.data.items())


class EditorFormMixin(forms.ModelForm):
    """The version the form was opened from travels with it; a save from an older version
    than the stored article is refused, the typed text kept in the form."""

    base_version = forms.CharField(widget=forms.HiddenInput, required=False)

    restored_initial = None  # an autosave's fields, when the editor chose to restore it
    edit_conflict = None  # the newer save's time, when this save was refused

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_version"].initial = version_of(self.instance.updated_at)
        if self.restored_initial and not self.is_bound:
            self.initial.update(self.restored_initial)

    def clean(self):
        cleaned = super().clean()
        base = cleaned.get("base_version")
        stored = self.instance.updated_at if self.instance.pk else None
        if stored is None or not base or base == version_of(stored):
            return cleaned
        self.edit_conflict = stored
        # The next save is a deliberate one, made after seeing this message: from the
        # version the person has now been shown.
        self.data = self.data.copy()
        self.data[self.add_prefix("base_version")] = version_of(stored)
        latest = self.instance.history.select_related("history_user").first()
        who = latest.history_user if latest is not None else None
        raise ValidationError(
            gettext_lazy(
                "%(who)s saved this article at %(time)s, after you opened it, so your changes "
                "are not saved yet. They are still in the form below. Compare them with the "
                "newer version, then save again to replace it with yours."
            ),
            code="edit_conflict",
            params={
                "who": (who.get_full_name() or who.get_username()) if who else _("Someone"),
                "time": clock(stored),
            },
        )


class EditorAdminMixin:
    """Views and hooks of the writing desk, for ArticleAdmin."""

    @property
    def media(self):
        return super().media + forms.Media(
            js=["vendor/easymde/easymde.min.js", "articles/editor.js"],
            css={"all": ["vendor/easymde/easymde.min.css", "articles/editor.css"]},
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view  # staff only, CSRF-protected, never cached
        routes = [
            ("autosave/", self.autosave_view, "autosave_new"),
            ("autosave/discard/", self.discard_autosave_view, "autosave_discard_new"),
            ("<path:object_id>/autosave/", self.autosave_view, "autosave"),
            ("<path:object_id>/autosave/discard/", self.discard_autosave_view, "autosave_discard"),
            ("<path:object_id>/autosave/compare/", self.compare_autosave_view, "autosave_compare"),
            ("<path:object_id>/heartbeat/", self.heartbeat_view, "heartbeat"),
            ("<path:object_id>/take-over/", self.take_over_view, "take_over"),
        ]
        ours = [
            path(route, wrap(function), name=f"articles_article_{name}")
            for route, function, name in routes
        ]
        return [*ours, *super().get_urls()]

    # The form -------------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        published = form.base_fields.get("published_at")
        if published is not None and hasattr(published.widget, "widgets"):
            # The admin's date and time boxes share one <label>; each gets its own name.
            date_box, time_box = published.widget.widgets
            date_box.attrs["aria-label"] = _("%(field)s: date") % {"field": published.label}
            time_box.attrs["aria-label"] = _("%(field)s: time") % {"field": published.label}
        if request.method == "GET" and RESTORE_PARAM in request.GET:
            pending = autosave.pending(request.user, obj)
            if pending is not None:
                # Set on the class modelform_factory made for this request, not a subclass:
                # a subclass would make its fields again from the model, losing what the
                # other mixins set on them (the status choices a writer is limited to).
                form.restored_initial = pending.data
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if request.method == "POST" and form.edit_conflict is not None:
            # What the person typed is kept on the server too, for the comparison page.
            autosave.store(request.user, obj, autosave.clean_data(request.POST))
        context.update(self.desk_context(request, obj, form))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def desk_context(self, request, article, form):
        may_edit = (
            self.has_change_permission(request, article)
            if article is not None
            else self.has_add_permission(request)
        )
        lock_holder = None
        if article is not None and may_edit:
            lock_holder = locks.acquire(article, request.user)
        offer = None
        restored = form.restored_initial is not None
        if request.method == "GET" and may_edit:
            offer = autosave.pending(request.user, article)
            if offer is not None and article is not None and holds_nothing_new(offer, article):
                offer = None
        return {
            "lock_holder": lock_holder,
            "lock_since": clock(lock_holder.since) if lock_holder else None,
            "autosave_offer": offer,
            "autosave_time": clock(offer.saved_at) if offer else None,
            "autosave_restored": restored,
            "restore_param": RESTORE_PARAM,
            "editor_config": self.editor_config(article) if may_edit else None,
        }

    def editor_config(self, article):
        """What articles/editor.js needs: its URLs, the site's stylesheets for the preview
        and its words (translated here)."""
        if article is None:
            autosave_url, heartbeat_url = reverse("admin:articles_article_autosave_new"), None
        else:
            autosave_url = reverse("admin:articles_article_autosave", args=[article.pk])
            heartbeat_url = reverse("admin:articles_article_heartbeat", args=[article.pk])
        return {
            "previewUrl": reverse("admin:articles_article_markdown_preview"),
            "autosaveUrl": autosave_url,
            "heartbeatUrl": heartbeat_url,
            "autosaveSeconds": autosave_seconds(),
            "heartbeatSeconds": locks.HEARTBEAT_SECONDS,
            "fields": list(autosave.FIELDS),
            "previewStylesheets": [
                static("vendor/bootstrap/bootstrap.min.css"),
                static("css/pulse.css"),
            ],
            "strings": {
                "previewTitle": _("Preview, as readers will see the body"),
                "previewError": _("The preview could not be made. Your text is unchanged."),
                "autosaved": _("Unsaved changes kept on the server at %(time)s"),
                "autosaveFailed": _("Could not keep your changes on the server (%(time)s)."),
                "toolbar": {
                    "toolbar": _("Formatting"),
                    "heading2": _("H2: section heading (##)"),
                    "heading3": _("H3: subsection heading (###)"),
                    "bold": _("Bold"),
                    "italic": _("Italic"),
                    "bulleted": _("Bulleted list"),
                    "numbered": _("Numbered list"),
                    "quote": _("Block quote"),
                    "link": _("Link"),
                    "table": _("Table"),
                    "image": _("Image from the library"),
                    "citation": _("Citation marker [n]"),
                    "preview": _("Preview"),
                    "sideBySide": _("Preview side by side"),
                    "fullscreen": _("Full screen"),
                },
                "takenOver": _(
                    "%(name)s is now editing this article (since %(time)s). Your changes are "
                    "kept as your autosave; saving may be refused if theirs is newer."
                ),
            },
        }

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        autosave.discard(request.user, obj)
        if not change:
            autosave.discard(request.user, None)
        if change and "_continue" not in request.POST:
            locks.release(obj, request.user)  # saved and left the form

    # Endpoints ------------------------------------------------------------------------

    def _editable_article(self, request, object_id):
        """The article the user may change (None: a new one they may add), else 403/404."""
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        return changeable_article(self, request, object_id)

    def _lock_state(self, request, article):
        holder = locks.acquire(article, request.user) if article is not None else None
        if holder is None:
            return None
        return {"name": holder.holder_name, "since": clock(holder.since)}

    def autosave_view(self, request, object_id=None):
        """Keep the form's text as the user's autosave (and, being a sign of life, refresh
        their lock)."""
        article = self._editable_article(request, object_id)
        if request.method != "POST":
            return JsonResponse({"error": _("Send the form's content with POST.")}, status=405)
        saved = autosave.store(request.user, article, autosave.clean_data(request.POST))
        return JsonResponse(
            {"savedAt": clock(saved.saved_at), "lockedBy": self._lock_state(request, article)}
        )

    def heartbeat_view(self, request, object_id):
        article = self._editable_article(request, object_id)
        if request.method != "POST":
            return JsonResponse({"error": _("Send the heartbeat with POST.")}, status=405)
        return JsonResponse({"lockedBy": self._lock_state(request, article)})

    def _form_url(self, article):
        if article is None:
            return reverse("admin:articles_article_add")
        return reverse("admin:articles_article_change", args=[article.pk])

    def take_over_view(self, request, object_id):
        article = self._editable_article(request, object_id)
        if request.method == "POST":
            locks.acquire(article, request.user, take_over=True)
            self.message_user(request, _("You are now editing this article."), messages.SUCCESS)
        return redirect(self._form_url(article))

    def discard_autosave_view(self, request, object_id=None):
        article = self._editable_article(request, object_id)
        if request.method == "POST":
            autosave.discard(request.user, article)
            self.message_user(request, _("Your unsaved changes were discarded."), messages.INFO)
        return redirect(self._form_url(article))

    def compare_autosave_view(self, request, object_id):
        """The user's unsaved text beside the article as stored, field by field."""
        article = self._editable_article(request, object_id)
        kept = autosave.ArticleAutosave.objects.slot(request.user, article).first()
        if kept is None:
            self.message_user(request, _("You have no unsaved changes to compare."), messages.INFO)
            return redirect(self._form_url(article))
        stored = current_values(article)
        labels = {name: article._meta.get_field(name).verbose_name for name in autosave.FIELDS}
        fields = [
            {
                "label": labels[name],
                "changed": kept.data.get(name, "") != stored[name],
                "rows": diffs.side_by_side(stored[name], kept.data.get(name, "")),
            }
            for name in autosave.FIELDS
            if name in kept.data
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Your text and the saved version"),
            "fields": fields,
            "kept": kept,
            "kept_at": clock(kept.saved_at),
            "saved_at": clock(article.updated_at),
            "form_url": self._form_url(article),
        }
        return TemplateResponse(request, "admin/articles/article/autosave_compare.html", context)
