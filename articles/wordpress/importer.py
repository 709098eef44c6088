"""Authors, categories, tags, posts and pages from a WordPress export, one record at a time
(the reader streams them: core/wordpress/reader.py).  Every row keeps its WordPress id, so a
second import of the same export finds what the first made and changes nothing."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from taggit.models import Tag

from authors.models import Author
from core.wordpress.addresses import blog_prefix, normalise_path, old_paths
from core.wordpress.markup import plain_title, to_markdown

from ..models import Article, ArticleSlugHistory, Category, LegacyAddress
from . import values
from .media import MediaImporter

# WordPress statuses that Pulse imports, and what they become.
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # scheduled: published at a date still to come
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.REVIEW,
    "private": Article.Status.DRAFT,
}
SKIPPED_STATUSES = {"trash": "in WordPress's trash", "auto-draft": "an unsaved auto-draft",
                    "inherit": "a revision"}  # fmt: skip
FALLBACK_AUTHOR = {"name": "WordPress import", "slug": "wordpress-import"}
PAGES_CATEGORY = "Pages"
DEFAULT_CATEGORY = "Uncategorized"


class ArticleImporter:
    """Called by comments/wordpress.py for each record, in file order; ``finish`` at the end
    attaches what only the whole file tells (featured images, parents declared late)."""

    def __init__(self, report, *, media_dir=None, link_users=False, skip_pages=False,
                 uploaded_by=None):  # fmt: skip
        self.report = report
        self.link_users = link_users
        self.skip_pages = skip_pages
        self.prefix = ""
        self.tags = {}  # name → taggit Tag
        self.authors = {}  # login → Author
        self.categories = {}  # WordPress slug → Category
        self.waiting_parents = []  # (Category, parent's WordPress slug)
        self.media = MediaImporter(report, media_dir, uploaded_by=uploaded_by)

    # The channel ---------------------------------------------------------------------------

    def site(self, site):
        self.prefix = blog_prefix(site.base_blog_url)
        self.report.note(f"WXR {site.wxr_version} export of “{site.title or site.link}”.")

    # Authors ---------------------------------------------------------------------------------

    def author(self, record):
        if record.login in self.authors:
            return self.authors[record.login]
        author = Author.objects.filter(wordpress_login=record.login).first()
        if author is not None:
            self.report.existing("authors")
        else:
            full_name = f"{record.first_name} {record.last_name}".strip()
            name = (record.display_name or full_name or record.login)[:120]
            slug = values.unique(
                values.ascii_slug(name, 140) or values.ascii_slug(record.login, 140) or "author",
                lambda s: Author.objects.filter(slug=s).exists(),
                140,
            )
            author = Author.objects.create(
                name=name, slug=slug, bio=record.bio[:1000], wordpress_login=record.login
            )
            self.report.imported("authors")
            if self.link_users:
                self._link_user(author, record)
        self.authors[record.login] = author
        return author

    def _link_user(self, author, record):
        lookup = Q(username=record.login)
        if record.email:
            lookup |= Q(email__iexact=record.email)
        user = (
            get_user_model()
            .objects.filter(lookup, is_staff=True, is_active=True, author_profile__isnull=True)
            .order_by("pk")
            .first()
        )
        if user is None:
            self.report.warn(f"author {record.login}", "no staff account to link to")
            return
        author.user = user
        author.save(update_fields=["user"])
        self.report.imported("linked staff accounts")

    def author_for(self, item):
        login = item.creator
        if login and login in self.authors:
            return self.authors[login]
        label = self.label(item)
        # WordPress's theme test data names ">themereviewteam": a stray character.
        cleaned = login.strip(" <>\"'") if login else ""
        if cleaned in self.authors:
            self.report.warn(label, f"author “{login}” read as “{cleaned}”")
            return self.authors[cleaned]
        if login:
            self.report.warn(label, f"author “{login}” is not declared in the export")
            return self.author(_Undeclared(login))
        self.report.warn(label, "no author in the export: credited to “WordPress import”")
        author, _ = Author.objects.get_or_create(
            slug=FALLBACK_AUTHOR["slug"], defaults={"name": FALLBACK_AUTHOR["name"]}
        )
        return author

    # Categories and tags -------------------------------------------------------------------

    def term(self, record):
        if record.taxonomy == "category":
            if (record.slug or record.name) in self.categories:
                self.report.skip("categories", "declared twice in the export")
                return
            self.category(record.slug, record.name, record.parent_slug, record.wordpress_id,
                          record.description)  # fmt: skip
        elif record.taxonomy == "post_tag":
            name = plain_title(record.name)[:100]
            if not name:
                return
            if name in self.tags or Tag.objects.filter(name=name).exists():
                self.report.existing("tags")
            else:
                self.report.imported("tags")
            self.tag(name)
        else:
            self.report.skip("terms", f"taxonomy “{record.taxonomy or 'none'}” (no such thing "
                             "in Pulse)")  # fmt: skip

    def category(self, wp_slug, name, parent_slug="", wordpress_id=None, description=""):
        """The category WordPress calls ``wp_slug`` (or ``name``): made on first mention,
        found again afterwards (and on a second import, by its id or its name and parent)."""
        key = wp_slug or name
        if key in self.categories:
            return self.categories[key]
        name = plain_title(name)[:80] or key[:80]
        parent = self.categories.get(parent_slug) if parent_slug else None
        found = (
            Category.objects.filter(wordpress_id=wordpress_id).first() if wordpress_id else None
        )
        if found is None:
            found = Category.objects.filter(name=name, parent=parent).first()
        if found is not None:
            self.report.existing("categories")
            if found.wordpress_id is None and wordpress_id is not None:
                found.wordpress_id = wordpress_id
                found.save(update_fields=["wordpress_id"])
        else:
            base = values.ascii_slug(wp_slug or name, 100) or "category"
            if parent is not None and Category.objects.filter(slug=base).exists():
                base = f"{parent.slug}-{base}"[:100]
            found = Category.objects.create(
                name=name,
                slug=values.unique(base, lambda s: Category.objects.filter(slug=s).exists(), 100),
                parent=parent,
                wordpress_id=wordpress_id,
                description=description,
            )
            self.report.imported("categories")
            if parent_slug and parent is None:
                self.waiting_parents.append((found, parent_slug))
        self.categories[key] = found
        return found

    def tag(self, name):
        """The taggit Tag called ``name``, made with a readable ASCII slug if new."""
        tag = self.tags.get(name)
        if tag is None:
            tag = Tag.objects.filter(name=name).first() or Tag.objects.create(
                name=name,
                slug=values.unique(values.ascii_slug(name, 100) or "tag",
                                   lambda s: Tag.objects.filter(slug=s).exists(), 100),
            )  # fmt: skip
            self.tags[name] = tag
        return tag

    # Items -----------------------------------------------------------------------------------

    @staticmethod
    def label(item):
        title = plain_title(item.title) or "(no title)"
        return f"{item.post_type or 'item'} {item.wordpress_id or '?'}: {title}"

    def item(self, item):
        """Import one item; returns its Article (new or from an earlier import), or None."""
        kind = {"post": "posts", "page": "pages"}.get(item.post_type)
        if item.post_type == "attachment":
            self.media.attachment(item)
            return None
        if kind is None:
            self.report.skip("items", f"type “{item.post_type or 'none'}” (not an article)")
            return None
        if kind == "pages" and self.skip_pages:
            self.report.skip("pages", "--skip-pages")
            return None
        if item.status in SKIPPED_STATUSES:
            self.report.skip(kind, SKIPPED_STATUSES[item.status])
            return None
        if item.wordpress_id is not None:
            article = Article.objects.filter(wordpress_id=item.wordpress_id).first()
            if article is not None:
                self.report.existing(kind)
                return article
        article = self._new_article(item, kind)
        self.report.imported(kind)
        return article

    def _new_article(self, item, kind):
        label = self.label(item)
        warn = lambda message: self.report.warn(label, message)  # noqa: E731
        if item.wordpress_id is None:
            warn("no post id: a second import cannot recognise it")
        date = values.parse_date(item.post_date_gmt, item.post_date, item.pub_date)
        status = self._status(item, date, warn)
        title = plain_title(item.title)
        if not title:
            title = "Untitled"
            warn("no title: called “Untitled”")
        elif len(title) > 200:
            warn("title shortened to 200 characters")
        converted = to_markdown(item.content, image_for=self.media.image_for(label))
        for note in converted.notes:
            warn(note)
        category, tags = self._classify(item, kind, warn)
        old_slug = values.unquote(item.slug) if item.slug else ""
        slug = self._slug(item, title, warn)
        article = Article(
            title=title[:200],
            slug=slug,
            category=category,
            author=self.author_for(item),
            summary="",
            body=converted.markdown,
            status=status,
            published_at=date if status == Article.Status.PUBLISHED else None,
            comments_open=item.comment_status != "closed",
            featured=item.sticky,
            wordpress_id=item.wordpress_id,
        )
        article.render_body()
        article.summary = values.summary_from(item.excerpt, article.body_text) or title[:300]
        article.save()
        if tags:
            article.tags.add(*(self.tag(name) for name in tags))
        self.media.featured(article, item, label)
        self._addresses(article, item, old_slug, date)
        return article

    def _status(self, item, date, warn):
        status = STATUSES.get(item.status)
        if status is None:
            warn(f"status “{item.status or 'none'}” unknown: imported as a draft")
            return Article.Status.DRAFT
        if item.password:
            warn("password-protected in WordPress: imported as a draft, not public")
            return Article.Status.DRAFT
        if item.status == "private":
            warn("private in WordPress: imported as a draft, never public")
        if item.status == "future" and date is not None and date <= timezone.now():
            warn("scheduled in WordPress for a date that has passed: published at that date")
        if status == Article.Status.PUBLISHED and date is None:
            warn("no date in the export: published now")
        return status

    def _classify(self, item, kind, warn):
        """One category (the first), and tags: the item's tags plus its other categories."""
        named = [term for term in item.terms if term.taxonomy == "category"]
        tags = [plain_title(t.name)[:100] for t in item.terms if t.taxonomy == "post_tag"]
        if kind == "pages":
            category = self.category("", PAGES_CATEGORY)
            tags += [plain_title(term.name)[:100] for term in named]
        elif named:
            first, *others = named
            category = self.categories.get(first.slug) or self.category(first.slug, first.name)
            extra = [plain_title(term.name)[:100] for term in others]
            if extra:
                warn(f"also in categories {', '.join(extra)}: kept as tags (an article has one)")
            tags += extra
        else:
            category = self.categories.get("uncategorized") or self.category("", DEFAULT_CATEGORY)
        return category, list(dict.fromkeys(tag for tag in tags if tag))

    def _slug(self, item, title, warn):
        def taken(candidate):
            return (
                Article.objects.filter(slug=candidate).exists()
                or ArticleSlugHistory.objects.filter(old_slug=candidate).exists()
            )

        kept = values.kept_slug(item.slug)
        if kept and not taken(kept):
            return kept
        base = values.ascii_slug(item.slug or title) or values.ascii_slug(title) or "article"
        slug = values.unique(base, taken)
        if item.slug:
            warn(f"slug “{values.unquote(item.slug)}” became “{slug}”; the old address redirects")
        return slug

    def _addresses(self, article, item, old_slug, date):
        own = normalise_path(article.get_absolute_url())
        paths = [
            path
            for path in old_paths(link=item.link, prefix=self.prefix, slug=old_slug, date=date)
            if path != own and len(path) <= 500
        ]
        taken = dict(
            LegacyAddress.objects.filter(path__in=paths).values_list("path", "article_id")
        )
        fresh = [LegacyAddress(path=path, article=article) for path in paths if path not in taken]
        LegacyAddress.objects.bulk_create(fresh)
        self.report.imported("redirects", len(fresh))
        others = sum(1 for holder in taken.values() if holder != article.pk)
        if others:
            self.report.skip("redirects", "an old address another article already has", others)

    # The end ---------------------------------------------------------------------------------

    def finish(self):
        for category, parent_slug in self.waiting_parents:
            parent = self.categories.get(parent_slug)
            if parent is not None:
                category.parent = parent
                category.save(update_fields=["parent"])
            else:
                self.report.warn(f"category {category.name}",
                                 f"parent “{parent_slug}” is not in the export")  # fmt: skip
        self.media.finish()


class _Undeclared:
    """An author named by a post but missing from the export's author list (WXR 1.0)."""

    def __init__(self, login):
        self.login = login
        self.wordpress_id = None
        self.email = self.display_name = self.first_name = self.last_name = self.bio = ""
