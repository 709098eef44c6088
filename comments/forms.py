"""The reader's forms: write a comment, edit one's own, report one."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import hygiene, tokens
from .models import Comment, CommentReport

PERSONAL_DATA_WARNING = _(
    "Comments are public. Please leave out phone numbers, addresses and medical details "
    "you would not want anyone to read; comments with personal data are held for review."
)


class _RefusesControls:
    """A form field that refuses control characters with its own message, before any
    other check (so "Ja\x07mie" is told about the control character, not a bad format)."""

    control_check = staticmethod(hygiene.validate_single_line)

    def to_python(self, value):
        value = super().to_python(value)
        self.control_check(value)
        return value


class LineField(_RefusesControls, forms.CharField):
    pass


class LineEmailField(_RefusesControls, forms.EmailField):
    pass


class LineURLField(_RefusesControls, forms.URLField):
    pass


class TextField(_RefusesControls, forms.CharField):
    """Several lines of text: tabs and line breaks are fine, other controls are not."""

    control_check = staticmethod(hygiene.validate_text)


class CommentForm(forms.ModelForm):
    """Name, email, optional website and the comment, plus the comment it replies to.

    The reply target arrives as a hidden field anyone can tamper with, so it is checked
    against the article's public comments and a bad one becomes a message, not a 500.
    The honeypot and the signed timestamp feed the spam checks (comments/checks.py).
    """

    parent = forms.IntegerField(
        required=False,
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "invalid": _("The comment you are replying to could not be found."),
            "min_value": _("The comment you are replying to could not be found."),
        },
    )
    timestamp = forms.CharField(required=False, widget=forms.HiddenInput)
    # People never see this field; bots that fill every input do.
    fax_number = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    notify_on_approval = forms.BooleanField(
        required=False, label=_("Email me when my comment is published")
    )
    notify_on_reply = forms.BooleanField(
        required=False, label=_("Email me when someone replies to my comment")
    )
    remember = forms.BooleanField(
        required=False,
        label=_("Remember my name, email and website in this browser (sets a cookie)"),
    )

    class Meta:
        model = Comment
        fields = ["author_name", "author_email", "author_website", "body"]
        field_classes = {
            "author_name": LineField,
            "author_email": LineEmailField,
            "author_website": LineURLField,
            "body": TextField,
        }
        labels = {
            "author_name": _("Name"),
            "author_email": _("Email"),
            "author_website": _("Website (optional)"),
            "body": _("Comment"),
        }
        help_texts = {
            "author_email": _("Never published; used only if we need to reach you."),
            "body": PERSONAL_DATA_WARNING,
        }
        widgets = {
            "author_name": forms.TextInput(attrs={"autocomplete": "name", "maxlength": 80}),
            "author_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "author_website": forms.URLInput(
                attrs={"autocomplete": "url", "placeholder": "https://"}
            ),
            "body": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
        }
        error_messages = {
            "author_name": {"required": _("Enter your name.")},
            "author_email": {
                "required": _("Enter your email address (it is never published)."),
                "invalid": _("Enter an email address like name@example.com."),
            },
            "author_website": {"invalid": _("Enter a web address starting with https://.")},
            "body": {"required": _("Write your comment.")},
        }

    def __init__(self, *args, article, discussion, user=None, **kwargs):
        self.article = article
        self.discussion = discussion
        self.user = user
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("timestamp", tokens.form_timestamp())
        self.parent_comment = None
        self.helper = FormHelper()
        # The fragment brings a re-shown form (and its error summary, at its top) into view
        # without a script moving focus at load, which would leave no measurable paint.
        self.helper.form_action = (
            reverse("comments:post", kwargs={"slug": article.slug}) + "#write-comment"
        )
        self.helper.form_id = "comment-form"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "parent",
            "timestamp",
            Div(Field("fax_number"), css_class="pulse-hp", aria_hidden="true"),
            Field("author_name"),
            Field("author_email"),
            Field("author_website"),
            Field("body"),
            Field("notify_on_approval"),
            Field("notify_on_reply"),
            Field("remember"),
            Submit("submit", _("Post comment")),
        )

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = Comment.objects.filter(pk=parent_id).select_related("parent").first()
        if parent is None:
            raise forms.ValidationError(
                _("The comment you are replying to is not on this article."),
                code="parent_other_article",
            )
        parent.check_can_take_reply_on(self.article.pk)
        self.parent_comment = parent
        return parent_id

    def clean(self):
        cleaned = super().clean()
        if not self.discussion.accepts_comments(self.article):
            raise forms.ValidationError(
                _("Comments are closed on this article."), code="comments_closed"
            )
        if self.discussion.who_can_comment == self.discussion.Who.USERS and not (
            self.user and self.user.is_authenticated
        ):
            raise forms.ValidationError(_("Please sign in to comment."), code="sign_in_required")
        return cleaned

    def _post_clean(self):
        # The model's own clean() needs the article; the form checks the parent itself.
        self.instance.article = self.article
        super()._post_clean()


class CommentEditForm(forms.ModelForm):
    """A commenter's own correction, within minutes of posting.  It starts from the edit
    still waiting for a moderator, if there is one: the commenter's latest words."""

    class Meta:
        model = Comment
        fields = ["body"]
        field_classes = {"body": TextField}
        labels = {"body": _("Comment")}
        widgets = {"body": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}
        error_messages = {"body": {"required": _("Write your comment.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.has_pending_edit:
            self.initial["body"] = self.instance.pending_body
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("submit", _("Save changes")))


class ReportForm(forms.ModelForm):
    class Meta:
        model = CommentReport
        fields = ["reason", "note"]
        field_classes = {"note": TextField}
        labels = {"reason": _("What is wrong with this comment?"), "note": _("Details (optional)")}
        widgets = {"reason": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"reason": {"required": _("Choose a reason.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A reason is required: no empty "---------" radio button to start from.
        self.fields["reason"].choices = [
            choice for choice in self.fields["reason"].choices if choice[0] != ""
        ]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Send report")))
