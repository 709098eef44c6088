"""Categories and articles.  An article's body is written in Markdown and rendered once, on
save, into sanitised HTML with heading anchors, a table of contents and a reading time."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import RowNumber, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from authors.models import Author
from core.fields import WebsiteField
from core.links import slug_url
from core.singleton import CachedSingleton
from core.uploads import image_width, safe_upload_path, validate_image_file

from . import images
from .figures import figures_for
from .library import ArticleImage, Image
from .rendering import render_markdown


def cover_upload_to(instance, filename):
    return safe_upload_path("covers", filename)


# The widest rendition (articles/images.py) is 1,200 pixels: a narrower cover would be blown up.
COVER_MIN_WIDTH = 1200


class Category(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in the category page's URL.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Optional: the broader category this one belongs to."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences shown on its page.")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers come first in the site menu.")
    )
    requires_medical_signoff = models.BooleanField(
        _("requires medical sign-off"),
        default=False,
        help_text=_(
            "Articles in this category are published only once a medical reviewer has "
            "signed them off, whatever the site's checklist settings say."
        ),
    )
    wordpress_id = models.PositiveBigIntegerField(
        _("WordPress term id"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Set by import_wordpress: a second import of the same export finds it."),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        # Names repeat across parents (News › Local, Sport › Local), never under one.
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"],
                name="category_unique_name_in_parent",
                violation_error_message=_("This parent already has a category of that name."),
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(parent__isnull=True),
                name="category_unique_top_level_name",
                violation_error_message=_("A top-level category of that name already exists."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("articles:category", self.slug)


# What templates/includes/article-card.html and the feeds (feeds.py) read.
CARD_FIELDS = (
    "title", "slug", "summary", "cover_image", "cover_alt", "status", "published_at",
    "updated_at", "featured", "category__name", "category__slug", "author__name",
    "author__slug", "cover_library_image__file", "cover_library_image__alt_text",
)  # fmt: skip

# What the article page reads around its kept parts (articles/views.py, KEPT_PARTS): the
# title and summary in <head>, the comment section's rules, the menu's current category.
PAGE_SHELL_FIELDS = (
    "title", "slug", "summary", "status", "published_at", "updated_at", "comments_open",
    "comments_close_after_days", "category", "author", "category__slug",
)  # fmt: skip


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, with a publication time that has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_cards(self):
        """Everything an article card or a feed item shows, in one query, and no more: the
        ORM's work grows with the columns, and a card needs a dozen of the sixty."""
        return self.select_related("category", "author", "cover_library_image").only(*CARD_FIELDS)

    def for_listing_urls(self):
        """What :meth:`Article.listing_urls` reads, for a batch of articles in two queries."""
        return (
            self.select_related("category", "author")
            .only("slug", "published_at", "category__slug", "author__slug")
            .prefetch_related("tags")
        )

    def for_page(self):
        """The article with its category, author and reviewer, in one query.  Its
        references, corrections and tags come from reference_list, correction_list and
        tag_list: for one article, a plain query each costs half what prefetch_related's
        machinery does."""
        return self.select_related("category", "author", "reviewer", "cover_library_image").defer(
            "body", "body_text"
        )

    def for_page_shell(self):
        """The article page when every part showing its text, people and sources is kept
        (core/fragments.py): only the columns shown around those parts, and the category's
        slug for the menu.  Half the cost of for_page's query (no text or JSON to read and
        decode, one join instead of four), which a page made fresh by a comment pays."""
        return self.select_related("category").only(*PAGE_SHELL_FIELDS)

    def in_month(self, year, month):
        """Articles published in that calendar month of the site's time zone."""
        start = timezone.make_aware(datetime(year, month, 1))
        end = timezone.make_aware(datetime(year + month // 12, month % 12 + 1, 1))
        return self.filter(published_at__gte=start, published_at__lt=end)

    def months(self):
        """(month, number of articles) pairs, newest first, in one query."""
        return (
            self.order_by()
            .annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(count=Count("pk"))
            .order_by("-month")
        )

    def scheduled(self):
        """Published articles whose publication time is still to come, soonest first."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
        ).order_by("published_at", "pk")

    def newest_per_month(self, per_month):
        """{first day of a month: its newest ``per_month`` articles (title and link)}, for
        every month at once: one query, ranked by a window function."""
        month = TruncMonth("published_at")
        ranked = (
            self.order_by()
            .annotate(
                month=month,
                rank=Window(RowNumber(), partition_by=[month], order_by=F("published_at").desc()),
            )
            .filter(rank__lte=per_month)
            .only("title", "slug", "published_at")
            .order_by("-published_at")
        )
        newest = {}
        for article in ranked:
            newest.setdefault(article.month.date(), []).append(article)
        return newest

    def review_overdue(self):
        """Articles whose next medical review date has passed."""
        return self.filter(next_review_due__lt=timezone.localdate())

    def related_to(self, article):
        """Other articles, the same category first, then the newest."""
        return (
            self.exclude(pk=article.pk)
            .annotate(
                same_category=Case(
                    When(category_id=article.category_id, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("same_category", "-published_at", "-pk")
        )


class ArticleVersionBase(models.Model):
    """What each version of an article keeps besides its own fields: its references and
    corrections as they stood, so that comparing or restoring a version includes them."""

    related = models.JSONField(_("references and corrections"), default=dict, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.related and self.history_type == "~":
            self.related = related_snapshot(self.id)
        elif not self.related:  # a new article has none yet; a deleted one, none left
            self.related = {"references": [], "corrections": []}
        super().save(*args, **kwargs)


def related_snapshot(article_id):
    """An article's references and corrections as plain data (two queries)."""
    references = Reference.objects.filter(article_id=article_id).order_by("position", "pk")
    corrections = Correction.objects.filter(article_id=article_id).order_by("-date", "-pk")
    return {
        "references": list(references.values(*REFERENCE_FIELDS)),
        "corrections": [
            {"date": row["date"].isoformat(), "text": row["text"]}
            for row in corrections.values("date", "text")
        ],
    }


# The fields of a reference that a version keeps and a restore puts back.
REFERENCE_FIELDS = ("position", "citation", "url", "doi", "pubmed_id")


class Article(models.Model):
    loaded_body = None  # the body as read from the database (render_body compares)
    loaded_cover_library_image_id = None  # the same for the library cover (save compares)

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("The last part of the article's URL.")
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="articles"
    )
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="articles"
    )
    reviewer = models.ForeignKey(
        Author,
        verbose_name=_("medical reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_articles",
        help_text=_("The clinician who checked the article's medical content."),
    )
    last_reviewed = models.DateField(
        _("last medically reviewed"),
        null=True,
        blank=True,
        help_text=_("When the reviewer last checked the article; shown to readers."),
    )
    next_review_due = models.DateField(
        _("next review due"),
        null=True,
        blank=True,
        help_text=_("When the article must be checked again; overdue articles are listed."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("Shown on article cards and as the search engines' description."),
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Markdown: ## for sections, ### for subsections, | pipes | for tables, "
            "1. for numbered and - for bulleted lists."
        ),
    )
    cover_image = models.ImageField(
        _("cover image"),
        upload_to=cover_upload_to,
        blank=True,
        validators=[validate_image_file],
        help_text=_("A landscape picture, at least 1200 pixels wide."),
    )
    cover_alt = models.CharField(
        _("cover image description"),
        max_length=250,
        blank=True,
        help_text=_(
            "Required with an uploaded cover: what it shows, for readers who cannot see it. "
            "A cover from the library has its own; type here to say it differently."
        ),
    )
    cover_library_image = models.ForeignKey(
        Image,
        verbose_name=_("cover from the library"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cover_of",
        help_text=_(
            "A picture from the media library as the cover, instead of uploading one (at "
            "least 1200 pixels wide): its number, or pick it with the magnifying glass."
        ),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("A future date schedules the article: it stays hidden until then."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    comments_open = models.BooleanField(
        _("comments open"), default=True, help_text=_("Untick to close the comment form.")
    )
    comments_close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to use the site's discussion setting; 0 keeps comments open for good."
        ),
    )
    body_html = models.TextField(_("rendered body"), blank=True, editable=False)
    toc = models.JSONField(_("table of contents"), default=list, blank=True, editable=False)
    reading_minutes = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), default=1, editable=False
    )
    cited_references = models.JSONField(
        _("cited references"), default=list, blank=True, editable=False
    )
    body_text = models.TextField(_("body as plain text"), blank=True, editable=False)
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Featured articles lead the home page.")
    )
    tags = TaggableManager(
        _("tags"),
        blank=True,
        help_text=_("Comma-separated topics, e.g. sleep, blood pressure. Each has its own page."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("The staff account that started the article: a writer edits their own."),
    )
    wordpress_id = models.PositiveBigIntegerField(
        _("WordPress post id"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Set by import_wordpress: a second import of the same export finds it."),
    )

    objects = ArticleQuerySet.as_manager()
    # A version per save, compared and restored in the admin; derived fields are rendered
    # again when a version is restored, so they are not kept.
    history = HistoricalRecords(
        verbose_name=_("historical article"),
        excluded_fields=["body_html", "toc", "reading_minutes", "cited_references", "body_text"],
        bases=[ArticleVersionBase],
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "-published_at"], name="article_public_idx")]
        permissions = [
            ("publish_article", _("Can publish and unpublish articles")),
            ("edit_others_articles", _("Can edit other people's articles")),
            ("sign_off_review", _("Can sign off an article's medical review")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(cover_image="") | ~Q(cover_alt=""),
                name="article_cover_has_alt",
                violation_error_message=_(
                    "Describe the cover image for readers who cannot see it."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_date",
                violation_error_message=_("A published article needs a publication date."),
            ),
            models.CheckConstraint(
                condition=Q(last_reviewed__isnull=True)
                | Q(next_review_due__isnull=True)
                | Q(next_review_due__gt=F("last_reviewed")),
                name="article_review_due_after_review",
                violation_error_message=_("The next review must be due after the last review."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        old_slug = self._stored_slug()
        self.render_body()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {
                *update_fields,
                "body_html",
                "toc",
                "reading_minutes",
                "cited_references",
                "body_text",
            }
        with transaction.atomic():
            super().save(*args, **kwargs)
            ArticleSlugHistory.record(self, old_slug)
            self._record_body_images()
        if self.cover_library_image_id != self.loaded_cover_library_image_id:
            if self.cover_library_image_id:
                images.make_cover_renditions(self.cover_library_image)
            self.loaded_cover_library_image_id = self.cover_library_image_id

    def get_absolute_url(self):
        return slug_url("articles:detail", self.slug)

    def listing_urls(self):
        """The listings that show this article's card (home, its category, author, tags and
        month), each with all its pages: a card shows the article's comment count, so these
        change with its comments.  Batches: ``Article.objects.for_listing_urls()``."""
        urls = [
            reverse("articles:home"),
            self.category.get_absolute_url(),
            self.author.get_absolute_url(),
            *(reverse("articles:tag", kwargs={"slug": tag.slug}) for tag in self.tags.all()),
        ]
        if self.published_at:
            month = timezone.localtime(self.published_at)
            urls.append(reverse("articles:archive_month", args=[month.year, month.month]))
        return urls

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article.loaded_body = article.__dict__.get("body")
        article.loaded_cover_library_image_id = article.__dict__.get("cover_library_image_id")
        return article

    def clean(self):
        errors = {}
        narrow = self._new_cover_width_error()
        if narrow is not None:
            errors["cover_image"] = narrow
        library_error = self._library_cover_error()
        if library_error is not None:
            errors["cover_library_image"] = library_error
        if self.cover_image and not self.cover_alt.strip():
            errors["cover_alt"] = ValidationError(
                _("Describe the cover image for readers who cannot see it."),
                code="cover_alt_required",
            )
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if errors:
            raise ValidationError(errors)

    def _new_cover_width_error(self):
        """A newly uploaded cover must be as wide as its help text says (a cover kept from
        before is left alone)."""
        cover = self.cover_image
        if not cover or getattr(cover, "_committed", True):
            return None
        width = image_width(cover.file)
        if width is None or width >= COVER_MIN_WIDTH:
            return None
        return ValidationError(
            _(
                "This picture is %(width)d pixels wide; a cover needs at least %(minimum)d, "
                "or it looks blurred on wide screens."
            ),
            code="cover_too_narrow",
            params={"width": width, "minimum": COVER_MIN_WIDTH},
        )

    def _library_cover_error(self):
        """A library cover is either/or with an upload, and as wide as any cover."""
        image = self.cover_library_image if self.cover_library_image_id else None
        if image is None:
            return None
        if self.cover_image:
            return ValidationError(
                _(
                    "Choose either an uploaded cover or one from the library, not both: "
                    "clear the uploaded cover to use this picture."
                ),
                code="two_covers",
            )
        if image.width < COVER_MIN_WIDTH:
            return ValidationError(
                _(
                    "This picture is %(width)d pixels wide; a cover needs at least "
                    "%(minimum)d, or it looks blurred on wide screens."
                ),
                code="cover_too_narrow",
                params={"width": image.width, "minimum": COVER_MIN_WIDTH},
            )
        return None

    def render_body(self, *, force=False):
        """Markdown to sanitised HTML, table of contents, reading time and plain text, when
        the body changed since it was read (or ``force``: after references were added, so
        that [n] markers link to them)."""
        if not force and self.body_html and self.body == self.loaded_body:
            return
        references = self.references.count() if self.pk else 0
        rendered = render_markdown(
            self.body, reference_count=references, images=figures_for(self.body)
        )
        self.body_html = rendered.html
        self.body_images = rendered.images
        self.body_problems = rendered.problems
        self.toc = rendered.toc
        self.reading_minutes = rendered.reading_minutes
        self.cited_references = rendered.citations
        self.body_text = rendered.text
        self.loaded_body = self.body

    def _record_body_images(self):
        """Keep ArticleImage in step with the pictures the body now shows (only after a
        render: an unchanged body shows the same ones)."""
        shown = getattr(self, "body_images", None)
        if shown is None:
            return
        shown = set(shown)
        known = set(self.image_uses.values_list("image_id", flat=True))
        if known - shown:
            self.image_uses.filter(image_id__in=known - shown).delete()
        ArticleImage.objects.bulk_create(
            [ArticleImage(article=self, image_id=pk) for pk in sorted(shown - known)],
            ignore_conflicts=True,
        )
        del self.body_images

    def get_preview_url(self):
        return reverse("articles:preview", kwargs={"pk": self.pk})

    def _stored_slug(self):
        """The slug as the database has it, to notice a change (None for a new article)."""
        if self.pk is None:
            return None
        return Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and not self.is_public

    @property
    def has_cover(self):
        return bool(self.cover_library_image_id or self.cover_image)

    @property
    def cover_description(self):
        """The cover's alt text: the article's own words, else the library image's."""
        if self.cover_alt.strip() or not self.cover_library_image_id:
            return self.cover_alt
        return self.cover_library_image.alt_text

    @property
    def cover_card(self):
        """The card shape's renditions for a <picture>: WebP and JPEG srcsets, fallback."""
        return images.picture(self, "card")

    @property
    def cover_wide(self):
        return images.picture(self, "wide")

    @cached_property
    def reference_list(self):
        """The numbered references, in order: one query, shared by the page and its JSON-LD."""
        return list(self.references.all())

    @cached_property
    def correction_list(self):
        return list(self.corrections.all())

    @cached_property
    def tag_list(self):
        return list(self.tags.all())

    @property
    def was_updated(self):
        """Whether "Updated …" says something: changed on a later day than it was published."""
        return bool(
            self.published_at
            and self.updated_at
            and timezone.localdate(self.updated_at) > timezone.localdate(self.published_at)
        )

    @property
    def review_is_overdue(self):
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())


class UpcomingArticle(Article):
    """Scheduled articles, as the admin's "Upcoming" list shows them: what goes live when."""

    class Meta:
        proxy = True
        ordering = ["published_at", "pk"]
        verbose_name = _("upcoming article")
        verbose_name_plural = _("upcoming")


# The cover's renditions (cover_card_320_webp, …, cover_wide_1200_jpeg): see articles/images.py.
for _name, _spec in images.cover_renditions().items():
    Article.add_to_class(_name, _spec)
del _name, _spec


class ArticleSlugHistory(models.Model):
    """A slug an article used to have, so that its old URL answers with a 301 to the new one."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="slug_history",
    )
    old_slug = models.SlugField(
        _("old slug"),
        max_length=200,
        unique=True,
        help_text=_("A former last part of the article's URL; it redirects to the article."),
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")

    def __str__(self):
        return self.old_slug

    @classmethod
    def public_article_for(cls, old_slug):
        """The published article that once had ``old_slug``, or None."""
        former = (
            cls.objects.filter(old_slug=old_slug, article__in=Article.objects.published())
            .select_related("article")
            .first()
        )
        return former.article if former else None

    @classmethod
    def record(cls, article, old_slug):
        """Keep ``old_slug`` pointing at ``article``; a slug in use by an article is never a
        redirect (an article that takes back a former slug wins)."""
        cls.objects.filter(old_slug=article.slug).delete()
        if old_slug and old_slug != article.slug:
            cls.objects.update_or_create(old_slug=old_slug, defaults={"article": article})


class LegacyAddress(models.Model):
    """A path the article had on the site Pulse replaced (WordPress's permalinks), so that
    old links and search results answer with a 301 to the article (articles/legacy.py)."""

    path = models.CharField(
        _("old path"),
        max_length=500,
        unique=True,
        help_text=_("Percent-decoded, without the host, e.g. /2024/05/old-slug/."),
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="legacy_addresses",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return self.path


class Reference(models.Model):
    """A source the article cites; ``[n]`` in the body links to the n-th in this order."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="references"
    )
    position = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("References are numbered in this order: [1] in the body is the first."),
    )
    citation = models.TextField(
        _("citation"),
        max_length=1000,
        help_text=_("Authors, title, journal or publisher, year, as readers should see it."),
    )
    url = WebsiteField(
        _("URL"), max_length=500, blank=True, help_text=_("Where readers can read the source.")
    )
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        validators=[
            RegexValidator(
                r"^10\.\d{4,9}/\S+$",
                _('A DOI looks like "10.1000/xyz123", without "https://doi.org/".'),
                code="invalid_doi",
            )
        ],
        help_text=_('Optional, e.g. "10.1056/NEJMoa2034577".'),
    )
    pubmed_id = models.CharField(
        _("PubMed ID"),
        max_length=12,
        blank=True,
        validators=[
            RegexValidator(
                r"^\d{1,10}$", _("A PubMed ID is a number, e.g. 33301246."), code="invalid_pmid"
            )
        ],
        help_text=_("Optional: the PMID number alone."),
    )

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("reference")
        verbose_name_plural = _("references")

    def __str__(self):
        return self.citation[:80]

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pubmed_id}/" if self.pubmed_id else ""


class Correction(models.Model):
    """A public note that editors append when a published article was wrong."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="corrections"
    )
    date = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("When the correction was made.")
    )
    text = models.TextField(
        _("correction"),
        max_length=1000,
        help_text=_("What was wrong and what was changed, in plain words; shown to readers."),
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return f"{self.date}: {self.text[:60]}"


DEFAULT_MEDICAL_DISCLAIMER = (
    "This article is for general information and education. It is not medical advice and "
    "does not replace a consultation with your doctor, pharmacist or another qualified health "
    "professional, who knows your history. Do not stop or change a treatment because of "
    "something you read here. In an emergency, call your local emergency number."
)


def default_blocking_checks():
    return ["summary", "cover", "medical_review"]


class SiteSettings(CachedSingleton):
    """Settings editors change without a deployment; there is only ever one row."""

    medical_disclaimer = models.TextField(
        _("medical disclaimer"),
        max_length=2000,
        default=DEFAULT_MEDICAL_DISCLAIMER,
        help_text=_("Shown at the end of every article. Plain text."),
    )
    target_reading_grade = models.PositiveSmallIntegerField(
        _("target reading grade"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(18)],
        help_text=_(
            "The pre-publish checklist warns when a body reads above this Flesch-Kincaid "
            "school grade (8 suits most health information for the public)."
        ),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("medical review interval (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("How long a medical sign-off holds before the article must be reviewed."),
    )
    blocking_checks = models.JSONField(
        _("checks that block publishing"),
        default=default_blocking_checks,
        blank=True,
        help_text=_("The pre-publish checklist items that stop publishing; the others warn."),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="site_settings_singleton")]

    def __str__(self):
        return str(_("Site settings"))


# Editing aids kept in their own modules (articles/autosave.py, articles/locks.py); imported
# here so that Django registers their models with the app.
from .autosave import ArticleAutosave  # noqa: E402, F401
from .locks import ArticleLock  # noqa: E402, F401
