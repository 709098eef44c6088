"""Load Pulse's demo site: authors, categories, articles, a threaded discussion and the demo
logins.  Safe to run twice: what exists is updated or left alone, and nothing is deleted.
The words are data files (core/management/demo/); this command only loads them.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Category
from authors.models import Author
from comments.models import Comment
from core.management import demo
from core.management.demo_art import draw_avatar, draw_cover  # seed_bench draws them too

DEMO_REFERENCES = [
    (
        "Substance Abuse and Mental Health Services Administration. SAMHSA's Concept of "
        "Trauma and Guidance for a Trauma-Informed Approach. HHS Publication No. (SMA) "
        "14-4884; 2014.",
        "https://www.samhsa.gov/",
    ),
    (
        "World Health Organization. Opioid overdose: fact sheet.",
        "https://www.who.int/news-room/fact-sheets/detail/opioid-overdose",
    ),
]

DEMO_USERS = [
    # username, password, group, superuser
    ("admin", "pulse-demo-admin", None, True),
    ("editor", "pulse-demo-editor", "Editors", False),
    ("moderator", "pulse-demo-moderator", "Moderators", False),
    ("writer", "pulse-demo-writer", "Writers", False),
    ("reviewer", "pulse-demo-reviewer", "Medical reviewers", False),
]


class Command(BaseCommand):
    help = (
        "Create the demo site's content and logins (admin, editor, moderator, writer, reviewer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (it creates logins with published passwords).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates logins with well-known passwords; with DEBUG off it needs "
                "--force."
            )
        now = timezone.now()
        with transaction.atomic():
            users = self.seed_users()
            categories = self.seed_categories()
            authors = self.seed_authors(users["editor"], users["reviewer"])
            articles = [
                self.seed_article(data, position, categories, authors, now)
                for position, data in enumerate(demo.ARTICLES)
            ]
            flagship, second = articles[0], articles[1]
            self.seed_trust_signals(flagship, authors, now)
            created = self.seed_thread(flagship, demo.THREAD)
            created += self.seed_thread(second, demo.SECOND_ARTICLE_THREAD)
            created += self.seed_flat(flagship, demo.PENDING, Comment.Status.PENDING)
            created += self.seed_flat(flagship, demo.SPAM, Comment.Status.SPAM)
            self.seed_updated_dates(articles, now)

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {len(categories)} categories, {len(authors)} authors, "
                f"{len(articles)} articles, {created} new comments."
            )
        )
        self.stdout.write(f"Flagship article: {flagship.get_absolute_url()}")
        self.stdout.write("Demo logins for /admin/ (username / password):")
        for username, password, group, _superuser in DEMO_USERS:
            role = group or "superuser"
            self.stdout.write(f"  {username:<10} {password:<22} ({role})")

    def seed_users(self):
        User = get_user_model()
        users = {}
        for username, password, group_name, superuser in DEMO_USERS:
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.com"}
            )
            user.is_staff = True
            user.is_superuser = superuser
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            users[username] = user
        return users

    def seed_categories(self):
        categories = {}
        for position, data in enumerate(demo.CATEGORIES):
            category, _ = Category.objects.update_or_create(
                slug=data["slug"],
                defaults={
                    "name": data["name"],
                    "description": data["description"],
                    "position": position,
                },
            )
            categories[category.slug] = category
        return categories

    def seed_authors(self, editor, reviewer):
        authors = {}
        for index, data in enumerate(demo.AUTHORS):
            author, _ = Author.objects.update_or_create(
                slug=data["slug"],
                defaults={
                    "name": data["name"],
                    "credentials": data["credentials"],
                    "bio": data["bio"],
                    "website": data["website"],
                },
            )
            # The editor writes as the first author; the reviewer signs off as the second
            # (the flagship's medical reviewer), whose credentials readers see.
            account = {0: editor, 1: reviewer}.get(index)
            if account is not None and author.user_id is None:
                author.user = account
                author.save(update_fields=["user"])
            if not author.avatar:
                image = draw_avatar(author.name, data["colour"])
                author.avatar.save(f"{author.slug}.png", ContentFile(image), save=True)
            authors[author.slug] = author
        return authors

    def seed_article(self, data, position, categories, authors, now):
        article = Article.objects.filter(slug=data["slug"]).first() or Article(slug=data["slug"])
        article.title = data["title"]
        article.category = categories[data["category"]]
        article.author = authors[data["author"]]
        article.summary = data["summary"]
        article.body = data["body"]
        article.cover_alt = data["cover_alt"]
        article.status = Article.Status.PUBLISHED
        if data.get("featured"):  # beside the flagship in the home page's lead
            article.featured = True
        if article.published_at is None:
            article.published_at = now - timedelta(days=data["days_ago"], hours=position)
        article.save()
        if not article.cover_image:
            image = draw_cover(*data["cover_colours"], seed=position)
            article.cover_image.save(f"{article.slug}.jpg", ContentFile(image), save=True)
        return article

    def seed_updated_dates(self, articles, now):
        """Each article was last revised on a day of its own (``updated_days_ago``), not
        all at the moment of seeding; an update, not save(), since updated_at is auto_now."""
        for position, (article, data) in enumerate(zip(articles, demo.ARTICLES, strict=True)):
            updated = now - timedelta(days=data["updated_days_ago"], hours=position)
            Article.objects.filter(pk=article.pk).update(updated_at=updated)

    def seed_trust_signals(self, article, authors, now):
        """The flagship shows what issue #4 built: a medical reviewer, references, tags and
        a place on the home page."""
        reviewers = [a for a in authors.values() if a.pk != article.author_id]
        article.reviewer = reviewers[0]
        article.last_reviewed = (now - timedelta(days=10)).date()
        article.next_review_due = (now + timedelta(days=355)).date()
        article.featured = True
        article.save()
        article.tags.add("addiction", "trauma", "recovery")
        for position, (citation, url) in enumerate(DEMO_REFERENCES, start=1):
            article.references.update_or_create(
                position=position, defaults={"citation": citation, "url": url}
            )

    def seed_thread(self, article, thread, parent=None):
        """Create the nested demo discussion, skipping comments that already exist."""
        created = 0
        for data in thread:
            comment, made = self.seed_comment(article, data, Comment.Status.APPROVED, parent)
            created += made
            created += self.seed_thread(article, data.get("replies", ()), parent=comment)
        return created

    def seed_flat(self, article, comments, status):
        return sum(self.seed_comment(article, data, status)[1] for data in comments)

    def seed_comment(self, article, data, status, parent=None):
        existing = Comment.objects.filter(
            article=article, author_email=data["email"], body=data["body"]
        ).first()
        if existing:
            return existing, 0
        created_at = min(
            article.published_at + timedelta(hours=data["hours_after"]), timezone.now()
        )
        comment = Comment(
            article=article,
            parent=parent,
            author_name=data["name"],
            author_email=data["email"],
            author_website=data.get("website", ""),
            body=data["body"],
            status=status,
            created_at=created_at,
            by_article_author=data["name"] == article.author.name,
            ip_address="192.0.2.10",
            user_agent="seed_demo",
        )
        comment.save()
        return comment, 1
