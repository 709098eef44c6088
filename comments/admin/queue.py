"""The moderator's desk: the comment queue and a comment's page.

Each row shows the whole comment as readers will see it (folded after about eight lines),
what it answers, the article, the commenter's history, what the checks found and its age,
with Approve / Spam / Reject / Reply on the row (row_actions.py) and bulk actions above.
Urgent and reported comments come first.  Nothing is hard-deleted except by a superuser.
The page costs the same number of queries whatever the number of rows.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import privacy, services
from ..diffs import word_diff
from ..links import comment_url
from ..models import Comment, CommentCorrection, CommentReport
from . import tools
from .row_actions import ReplyForm, RowActionsMixin

# A line of the queue's comment column holds about this many characters; a comment longer
# than FOLD_LINES such lines is folded, with "Show all" (a <details>, so no JavaScript).
LINE_CHARS = 80
FOLD_LINES = 8


def visual_lines(text):
    """About how many lines ``text`` takes in the queue's comment column."""
    lines = text.strip().splitlines() or [""]
    return sum(max(1, -(-len(line) // LINE_CHARS)) for line in lines)


def thread_link(comment):
    """Where "View in thread" goes: the comment page where the comment is shown
    (highlighted there by :target) when readers can see it; else the comment it answers,
    or the discussion."""
    if comment.status == Comment.Status.APPROVED:
        return comment_url(comment)
    if comment.parent_id and comment.parent.status == Comment.Status.APPROVED:
        return comment_url(comment.parent)
    return f"{comment.article.get_absolute_url()}#comments"


class StatusFilter(admin.SimpleListFilter):
    """Status, showing the pending queue unless asked otherwise; plus urgent and reported.
    The queue shows these as tabs with counts (one query for all of them)."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"
    URGENT = "urgent"
    REPORTED = "reported"

    def lookups(self, request, model_admin):
        return [
            (self.URGENT, _("Urgent")),
            (self.REPORTED, _("Reported")),
            *Comment.Status.choices,
            (self.ALL, _("All")),
        ]

    def counts(self):
        """{choice: how many comments it shows}, in one aggregate query, kept per request."""
        if not hasattr(self, "_counts"):
            pending = Q(status=Comment.Status.PENDING)
            waiting = pending | Q(status=Comment.Status.APPROVED, pending_since__isnull=False)
            self._counts = Comment.objects.aggregate(
                **{s.value: Count("pk", filter=Q(status=s)) for s in Comment.Status},
                awaiting=Count("pk", filter=waiting),
                urgent=Count("pk", filter=pending & Q(urgent=True)),
                reported=Count(
                    "pk",
                    filter=Q(report_count__gt=0)
                    & Q(status__in=[Comment.Status.PENDING, Comment.Status.APPROVED]),
                ),
                all=Count("pk"),
            )
            # The pending tab lists held comments and approved ones whose edit waits.
            self._counts[Comment.Status.PENDING.value] = self._counts.pop("awaiting")
        return self._counts

    def choices(self, changelist):
        current = self.value() or Comment.Status.PENDING
        counts = self.counts()
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: value}, remove=["p", "e"]
                ),
                "display": label,
                "count": counts.get(value),
                "value": value,
            }

    def queryset(self, request, queryset):
        value = self.value() or Comment.Status.PENDING
        if value == self.ALL:
            return queryset
        if value == Comment.Status.PENDING:
            return queryset.awaiting_moderation()
        if value == self.URGENT:
            return queryset.urgent()
        if value == self.REPORTED:
            return queryset.reported()
        if value in Comment.Status.values:
            return queryset.filter(status=value)
        return queryset.none()


class ModeratorInline(admin.TabularInline):
    """Read-only rows that moderators see on a comment's page (they hold no permission on
    these models themselves)."""

    extra = 0
    can_delete = False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("comments.moderate_comment") or super().has_view_permission(
            request, obj
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReportInline(ModeratorInline):
    model = CommentReport
    fields = ["reason", "note", "created_at", "resolved_at"]
    readonly_fields = fields


class CorrectionInline(ModeratorInline):
    """The moderation history of the text: each correction with the original kept."""

    model = CommentCorrection
    fields = ["corrected_at", "corrected_by", "why", "old_body", "new_body"]
    readonly_fields = fields
    verbose_name_plural = _("corrections (the original text is kept)")


class CommentModerationForm(forms.ModelForm):
    """A comment's page: its status, and its text for a moderator's correction."""

    why = forms.CharField(
        label=_("Why the text was corrected"),
        max_length=200,
        required=False,
        help_text=_(
            "Required when you change the text, e.g. “Removed a phone number”. Kept with the "
            "original in the moderation history."
        ),
    )

    class Meta:
        model = Comment
        fields = ["status", "body"]
        labels = {"body": _("Text (correct typos or remove personal data)")}
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
        error_messages = {
            "body": {"required": _("A comment cannot be left empty; reject it instead.")}
        }

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(
                _("A comment cannot be left empty; reject it instead."), code="empty_body"
            )
        return body

    def clean(self):
        cleaned = super().clean()
        if "body" in self.changed_data and not (cleaned.get("why") or "").strip():
            self.add_error(
                "why", forms.ValidationError(_("Say why you corrected the text."), code="why")
            )
        return cleaned


class QueueChangeList(ChangeList):
    def get_results(self, request):
        # Decisions empty the last page of a queue; going back to it shows the page before
        # instead of the admin's "?e=1" error page, which would drop the filter.
        try:
            super().get_results(request)
        except IncorrectLookupParameters:
            if self.page_num <= 1:
                raise
            self.page_num = max(1, -(-self.queryset.count() // self.list_per_page))
            super().get_results(request)


def _moderation_action(name, status, reason, description, message):
    """A bulk action that calls services.moderate with a reason code, for moderators only."""

    def action(modeladmin, request, queryset):
        changed = services.moderate(queryset, status, moderator=request.user, reason=reason)
        modeladmin.message_user(request, message(changed) % {"count": changed}, messages.SUCCESS)

    action.__name__ = name
    return admin.action(description=description, permissions=["moderate"])(action)


@admin.register(Comment)
class CommentAdmin(RowActionsMixin, admin.ModelAdmin):
    # The rows are the queue's own template (admin/comments/comment/change_list.html);
    # these columns only give the list its sort orders (?o=2 is oldest first).
    list_display = ["__str__", "created_at"]
    list_filter = [StatusFilter]
    search_fields = ["author_name", "author_email", "body", "ip_address", "article__title"]
    list_per_page = 50
    # No date_hierarchy: its list of dates costs a per-row date function over the whole
    # queue (0.7 s for 100,000 comments under "All" on SQLite); search and sort instead.
    show_full_result_count = False
    ordering = ["-urgent", "-report_count", "-created_at"]

    def view_on_site(self, obj):
        """ "View on site" on a comment's page: the comment page that shows it."""
        return thread_link(obj)

    form = CommentModerationForm
    inlines = [ReportInline, CorrectionInline]
    actions = [
        _moderation_action(
            "approve", Comment.Status.APPROVED, "approved", _("Approve selected comments"),
            lambda n: ngettext("%(count)d comment approved.", "%(count)d comments approved.", n),
        ),
        _moderation_action(
            "reject", Comment.Status.REJECTED, "rejected", _("Reject selected comments"),
            lambda n: ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", n),
        ),
        _moderation_action(
            "reject_misinformation", Comment.Status.REJECTED, "misinformation",
            _("Reject as medical misinformation"),
            lambda n: ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", n),
        ),
        _moderation_action(
            "reject_abuse", Comment.Status.REJECTED, "abuse", _("Reject as abusive"),
            lambda n: ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", n),
        ),
        _moderation_action(
            "mark_spam", Comment.Status.SPAM, "spam", _("Mark selected comments as spam"),
            lambda n: ngettext(
                "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", n
            ),
        ),
        "block_email",
        "block_ip",
        "restore_deleted",
        "delete_selected",
    ]  # fmt: skip
    readonly_fields = [
        "view_in_thread", "article", "parent", "depth", "author_name", "author_email",
        "author_website", "user", "created_at", "edited_at", "ip_address", "user_agent",
        "score", "reasons_list", "urgent", "report_count", "moderated_at", "moderated_by",
        "moderation_reason", "pending_edit", "email_confirmed_at",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["view_in_thread", "status", "pending_edit", "body", "why"]}),
        (_("Commenter"), {"fields": ["author_name", "author_email", "email_confirmed_at",
                                     "author_website", "user", "ip_address", "user_agent"]}),
        (_("Where and when"), {"fields": ["article", "parent", "depth", "created_at",
                                          "edited_at"]}),
        (_("Checks and reports"), {"fields": ["score", "reasons_list", "urgent",
                                              "report_count"]}),
        (_("Last moderation"), {"fields": ["moderated_at", "moderated_by",
                                           "moderation_reason"]}),
    ]  # fmt: skip

    class Media:
        css = {"all": ["css/admin-moderation.css"]}
        js = ["js/moderation.js"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("article", "article__author", "parent", "moderated_by")
        )

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        rows = list(changelist.result_list)
        # One query for every commenter on the page, instead of one per row.
        counts = privacy.history_by_email({c.author_email.casefold() for c in rows})
        for index, comment in enumerate(rows):
            comment.history_counts = counts.get(comment.author_email.casefold(), {})
            comment.folded = visual_lines(comment.body) > FOLD_LINES
            # Which comment page shows it is worked out on the click (thread_view), so that
            # the queue costs no query per row or per article.
            comment.thread_url = reverse("admin:comments_comment_thread", args=[comment.pk])
            if comment.has_pending_edit:
                comment.pending_diff = word_diff(comment.body, comment.pending_body)
            # After acting on this row the page comes back at the next one (or the one
            # before, for the last row).
            neighbour = rows[index + 1] if index + 1 < len(rows) else rows[index - 1]
            comment.next_row_id = neighbour.pk if neighbour is not comment else None
        changelist.result_list = rows
        changelist.status_tabs = [
            choice
            for spec in changelist.filter_specs
            if isinstance(spec, StatusFilter)
            for choice in spec.choices(changelist)
        ]
        # ?o= counts list_display's columns, the bulk actions' checkbox included.
        oldest = str(changelist.list_display.index("created_at"))
        changelist.oldest_first = changelist.params.get(ORDER_VAR) == oldest
        changelist.oldest_first_url = changelist.get_query_string({ORDER_VAR: oldest}, ["p"])
        changelist.default_order_url = changelist.get_query_string(remove=[ORDER_VAR, "p"])
        return changelist

    def get_urls(self):
        return [
            path(
                "privacy/",
                self.admin_site.admin_view(self.privacy_view),
                name="comments_comment_privacy",
            ),
            path(
                "<int:pk>/thread/",
                self.admin_site.admin_view(self.thread_view),
                name="comments_comment_thread",
            ),
            *self.row_action_urls(),
            *super().get_urls(),
        ]

    def thread_view(self, request, pk):
        """ "View in thread": the comment page where the comment is shown."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        comment = get_object_or_404(Comment.objects.select_related("article", "parent"), pk=pk)
        return HttpResponseRedirect(thread_link(comment))

    def changelist_view(self, request, extra_context=None):
        context = {
            "title": gettext("Comments to moderate"),
            "queue_undo": self.pending_undo(request) if self.has_moderate_permission(request)
            else None,
            "can_moderate": self.has_moderate_permission(request),
            "can_erase": request.user.has_perm("comments.erase_commenter_data"),
            "reply_form": ReplyForm(),
            **(extra_context or {}),
        }  # fmt: skip
        return super().changelist_view(request, context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = {"can_moderate": self.has_moderate_permission(request), **(extra_context or {})}
        comment = self.get_object(request, unquote(object_id))
        if comment is not None:
            context.setdefault(
                "title", gettext("The comment by %(name)s") % {"name": comment.author_name}
            )
        return super().change_view(request, object_id, form_url, context)

    def get_inline_instances(self, request, obj=None):
        """Reports and corrections only when there are some (an empty table says nothing)."""
        inlines = super().get_inline_instances(request, obj)
        if obj is None:
            return inlines
        shown = {
            ReportInline: obj.report_count > 0 or obj.reports.exists(),
            CorrectionInline: obj.corrections.exists(),
        }
        return [inline for inline in inlines if shown.get(type(inline), True)]

    # A comment's page: status and corrections go through the services ---------------

    def save_model(self, request, obj, form, change):
        """Both go through the services, which log them with reason codes; the admin's own
        "Changed …" log line would only repeat them (log_change)."""
        if not change:
            return super().save_model(request, obj, form, change)
        saved = []
        if "body" in form.changed_data:
            original = Comment.objects.get(pk=obj.pk)
            services.correct_comment(
                original, form.cleaned_data["body"], by=request.user,
                why=form.cleaned_data["why"].strip(),
            )  # fmt: skip
            saved.append(gettext("the text is corrected (the original is kept in its history)"))
        if "status" in form.changed_data:
            # Changing the status of a comment its author deleted is the deliberate restore.
            stored = Comment.objects.get(pk=obj.pk)
            services.moderate(
                Comment.objects.filter(pk=obj.pk), obj.status, moderator=request.user,
                reason=f"edited_{obj.status}",
                restore=stored.status == Comment.Status.DELETED,
            )  # fmt: skip
            saved.append(
                gettext("its status is now %(status)s")
                % {"status": Comment.Status(obj.status).label.lower()}
            )
        request._comment_saved = (obj.author_name, saved)
        obj.refresh_from_db()

    def log_change(self, request, obj, message):
        if getattr(request, "_comment_saved", None) is not None:
            return None  # the services logged each change, with its reason code
        return super().log_change(request, obj, message)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        saved = getattr(request, "_comment_saved", None)
        if saved is not None and level == messages.SUCCESS:
            # Instead of "The comment “Pat: Call me on…” was changed successfully."
            request._comment_saved = None
            name, changes = saved
            if changes:
                message = gettext("The comment by %(name)s is saved: %(changes)s.") % {
                    "name": name,
                    "changes": gettext(" and ").join(changes),
                }
            else:
                message = gettext("Nothing was changed.")
        return super().message_user(request, message, level, *args, **kwargs)

    def has_add_permission(self, request):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    def has_change_permission(self, request, obj=None):
        """Moderators change a comment's status and correct its text (and nothing else:
        every other field is read-only)."""
        return self.has_moderate_permission(request) or super().has_change_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        status = form.base_fields.get("status")
        if status is not None and not (obj and obj.status == Comment.Status.DELETED):
            # Only its author deletes a comment: a moderator cannot say they did.
            status.choices = [
                choice for choice in status.choices if choice[0] != Comment.Status.DELETED
            ]
        return form

    @admin.display(description=_("edit awaiting moderation"))
    def pending_edit(self, obj):
        """The author's edit against the approved text, word by word: what approving it
        would publish."""
        if not obj.has_pending_edit:
            return "—"
        return render_to_string(
            "admin/comments/pending-edit.html",
            {"diff": word_diff(obj.body, obj.pending_body), "since": obj.pending_since},
        )

    @admin.action(description=_("Restore comments their authors deleted (back to the queue)"),
                  permissions=["moderate"])  # fmt: skip
    def restore_deleted(self, request, queryset):
        restored = services.restore_deleted(queryset, moderator=request.user)
        self.message_user(
            request,
            ngettext("%(count)d comment restored to the queue.",
                     "%(count)d comments restored to the queue.", restored)
            % {"count": restored},
            messages.SUCCESS,
        )  # fmt: skip

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("in its thread"))
    def view_in_thread(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            thread_link(obj),
            _("View in thread"),
            reverse("admin:comments_comment_reply", args=[obj.pk]),
            _("Reply as staff"),
        )

    @admin.display(description=_("reasons"))
    def reasons_list(self, obj):
        if not obj.reasons:
            return "—"
        return format_html(
            "<ul class='pulse-reasons'>{}</ul>",
            format_html_join(
                "", "<li><code>{}</code> {}</li>", ((r["code"], r["message"]) for r in obj.reasons)
            ),
        )

    @admin.action(description=_("Block these emails and mark as spam"), permissions=["moderate"])
    def block_email(self, request, queryset):
        changed = services.block_senders(queryset, moderator=request.user, emails=True)
        self.message_user(
            request,
            ngettext(
                "Email addresses blocked; %(count)d comment marked as spam.",
                "Email addresses blocked; %(count)d comments marked as spam.",
                changed,
            )
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Block these IP addresses and mark as spam"),
                  permissions=["moderate"])  # fmt: skip
    def block_ip(self, request, queryset):
        changed = services.block_senders(queryset, moderator=request.user, ips=True)
        self.message_user(
            request,
            ngettext(
                "IP addresses blocked; %(count)d comment marked as spam.",
                "IP addresses blocked; %(count)d comments marked as spam.",
                changed,
            )
            % {"count": changed},
            messages.SUCCESS,
        )

    def privacy_view(self, request):
        return tools.privacy_view(self, request)
