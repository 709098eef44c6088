"""The admin's WordPress import, for staff with the "Can import a WordPress export"
permission: upload an export, read the dry run's report, confirm, watch the import run
in the background (comments/tasks.py) with the number of records read so far."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.validators import FileExtensionValidator
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..imports import WordPressImport, read_progress
from ..tasks import run_wordpress_import

PERMISSION = "comments.import_wordpress"


class UploadForm(forms.Form):
    export = forms.FileField(
        label=_("WordPress export"),
        validators=[FileExtensionValidator(["xml"])],
        help_text=_("The .xml file from WordPress's Tools › Export (All content)."),
    )
    link_users = forms.BooleanField(
        label=_("Link authors to staff accounts with the same login or email"), required=False
    )
    skip_pages = forms.BooleanField(label=_("Skip pages (import posts only)"), required=False)

    def clean_export(self):
        export = self.cleaned_data["export"]
        if export.size > settings.PULSE_WORDPRESS_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("This file is larger than %(limit)d MB; run manage.py import_wordpress on "
                  "the server instead."),
                code="too_large",
                params={"limit": settings.PULSE_WORDPRESS_MAX_UPLOAD_BYTES // 2**20},
            )  # fmt: skip
        return export


@admin.register(WordPressImport)
class WordPressImportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "state", "items_done", "created_by", "created_at"]
    list_select_related = ["created_by"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(PERMISSION)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return self.has_view_permission(request)

    def has_change_permission(self, request, obj=None):
        return False  # a job is read, confirmed or deleted; never edited

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request) and not (obj and obj.is_running)

    def delete_model(self, request, obj):
        obj.delete_files()
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for job in queryset:
            job.delete_files()
        super().delete_queryset(request, queryset)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<int:pk>/confirm/",
                self.admin_site.admin_view(self.confirm_view),
                name="{}_{}_confirm".format(*info),
            ),
            *super().get_urls(),
        ]

    def context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.opts, **extra}

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            export = form.cleaned_data["export"]
            job = WordPressImport.objects.create(
                export=export,
                original_name=export.name[:255],
                link_users=form.cleaned_data["link_users"],
                skip_pages=form.cleaned_data["skip_pages"],
                created_by=request.user,
            )
            transaction.on_commit(lambda: run_wordpress_import.enqueue(job.pk, True))
            return HttpResponseRedirect(self.status_url(job))
        context = self.context(request, title=gettext("Import from WordPress"), form=form)
        return TemplateResponse(request, "admin/comments/wordpressimport/upload.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if not str(object_id).isdigit():
            raise Http404
        job = get_object_or_404(WordPressImport.objects.select_related("created_by"),
                                pk=object_id)  # fmt: skip
        context = self.context(
            request,
            title=gettext("WordPress import: %(name)s") % {"name": job},
            job=job,
            items_read=read_progress(job),
            report=job.report,
            can_delete=self.has_delete_permission(request, job),
        )
        return TemplateResponse(request, "admin/comments/wordpressimport/status.html", context)

    def confirm_view(self, request, pk):
        """The status page shows the dry run's report with a Confirm button: this is what it
        posts to.  Only a checked job can be confirmed, once."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        with transaction.atomic():
            job = get_object_or_404(WordPressImport.objects.select_for_update(), pk=pk)
            if job.state == WordPressImport.State.CHECKED:
                job.state = WordPressImport.State.IMPORTING
                job.save(update_fields=["state", "updated_at"])
                transaction.on_commit(lambda: run_wordpress_import.enqueue(job.pk, False))
        return HttpResponseRedirect(self.status_url(job))

    def status_url(self, job):
        info = self.opts.app_label, self.opts.model_name
        return reverse(
            "admin:{}_{}_change".format(*info), args=[job.pk], current_app=self.admin_site.name
        )
