"""The reader's comment form."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Comment


class CommentForm(forms.ModelForm):
    """Name, email, optional website and the comment, plus the comment it replies to.

    The reply target arrives as a hidden field anyone can tamper with, so it is checked
    against the article's public comments and a bad one becomes a message, not a 500.
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

    class Meta:
        model = Comment
        fields = ["author_name", "author_email", "author_website", "body"]
        labels = {
            "author_name": _("Name"),
            "author_email": _("Email"),
            "author_website": _("Website (optional)"),
            "body": _("Comment"),
        }
        help_texts = {
            "author_email": _("Never published; used only if we need to reach you."),
            "body": _("Plain text. Links become clickable; your comment appears once approved."),
        }
        widgets = {
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "author_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "author_website": forms.URLInput(
                attrs={"autocomplete": "url", "placeholder": "https://"}
            ),
            "body": forms.Textarea(attrs={"rows": 6}),
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

    def __init__(self, *args, article, **kwargs):
        self.article = article
        super().__init__(*args, **kwargs)
        self.parent_comment = None
        self.fields["author_name"].widget.attrs["maxlength"] = 80
        self.helper = FormHelper()
        self.helper.form_action = reverse("comments:post", kwargs={"slug": article.slug})
        self.helper.form_id = "comment-form"
        self.helper.attrs = {"novalidate": ""}
        self.helper.form_show_errors = True
        self.helper.layout = Layout(
            "parent",
            Field("author_name"),
            Field("author_email"),
            Field("author_website"),
            Field("body"),
            Submit("submit", _("Post comment")),
        )

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = Comment.objects.filter(pk=parent_id).select_related("parent").first()
        if parent is None or parent.article_id != self.article.pk:
            raise forms.ValidationError(
                _("The comment you are replying to is not on this article."),
                code="parent_other_article",
            )
        if not parent.is_public_in_thread():
            raise forms.ValidationError(
                _("The comment you are replying to is not published, so it cannot be replied to."),
                code="parent_not_public",
            )
        self.parent_comment = parent
        return parent_id

    def clean(self):
        cleaned = super().clean()
        if not self.article.comments_open:
            raise forms.ValidationError(
                _("Comments are closed on this article."), code="comments_closed"
            )
        return cleaned

    def _post_clean(self):
        # The model's own clean() needs the article; the form checks the parent itself.
        self.instance.article = self.article
        super()._post_clean()
