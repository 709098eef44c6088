"""Readers' pages: the home page, category, author, tag and monthly listings, search, the
article page (with its former slugs redirecting) and editors' preview of any article."""

from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView, dates
from taggit.models import Tag

from authors.models import Author
from core import fragments
from core.siteurl import absolute

from . import images, roles
from .models import Article, ArticleSlugHistory, Category, SiteSettings
from .search import SearchQueryError, search
from .structured_data import article_graph, author_graph, category_graph, home_graph


class ArticleListView(ListView):
    """Published articles as cards, newest first, paginated."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = settings.PULSE_ARTICLES_PER_PAGE

    def get_queryset(self):
        return Article.objects.published().for_cards()


class HomeView(ArticleListView):
    """The latest articles, led on the first page by the featured ones (one large story
    with the others beside it), which the list below then leaves out on every page."""

    def get_queryset(self):
        self.featured = list(
            super().get_queryset().filter(featured=True)[: settings.PULSE_FEATURED_ARTICLES]
        )
        return super().get_queryset().exclude(pk__in=[article.pk for article in self.featured])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1 and self.featured:
            context["lead_article"], *context["featured_articles"] = self.featured
        context["structured_data"] = home_graph(
            _("Health and medicine, explained by people who know it.")
        )
        return context


class CategoryDetailView(ArticleListView):
    template_name = "articles/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            category=self.category,
            current_category_slug=self.category.slug,
            structured_data=category_graph(self.category),
            **kwargs,
        )
        # The share card shows the newest cover on the page (no query: the page has them).
        covered = next((a for a in context["articles"] if a.cover_image), None)
        if covered:
            context["og_image"] = absolute(images.share_image_url(covered))
            context["og_image_alt"] = covered.cover_alt
        return context


class AuthorDetailView(ArticleListView):
    """An author's profile with their published articles."""

    template_name = "authors/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return super().get_queryset().filter(author=self.author)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            author=self.author, structured_data=author_graph(self.author), **kwargs
        )
        if self.author.avatar:
            context["og_image"] = absolute(self.author.avatar_large_url)
        return context


class TagDetailView(ArticleListView):
    """Published articles on one topic (a django-taggit tag)."""

    template_name = "articles/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ArchiveIndexView(TemplateView):
    """Every month with published articles: how many, and the newest few titles of each
    (two queries, however many months)."""

    template_name = "articles/archive_index.html"
    titles_per_month = 3

    def get_context_data(self, **kwargs):
        published = Article.objects.published()
        months = list(published.months())
        newest = published.newest_per_month(self.titles_per_month)
        for month in months:
            month["articles"] = newest.get(month["month"].date(), [])
        return super().get_context_data(months=months, **kwargs)


class MonthArchiveView(dates.MonthArchiveView):
    """Articles published in one month (Django's own month archive); an empty or
    impossible month is a 404."""

    template_name = "articles/archive_month.html"
    context_object_name = "articles"
    date_field = "published_at"
    month_format = "%m"
    allow_empty = False
    paginate_by = settings.PULSE_ARTICLES_PER_PAGE

    def get_queryset(self):
        return Article.objects.published().for_cards()

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        return []  # the page lists articles, not days: no query for the days


def share_image_url(article):
    """The cover as shared on social sites (og:image), or ""."""
    return absolute(images.share_image_url(article)) if article.has_cover else ""


# The parts of the article page core/fragments.py keeps, under the article's slug
# (articles/article_detail.html's shared_fragment tags).
KEPT_PARTS = ("article-social", "article-feeds", "article-json-ld", "article", "related-articles")


class ArticleDetailView(DetailView):
    """The article page.  Its comments come from the comments app's template tags, so this
    view knows nothing about them; the comments app extends it to re-show a bad post."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A slug the article used to have: send readers and search engines on for good.
            moved_to = ArticleSlugHistory.public_article_for(self.kwargs["slug"])
            if moved_to is None:
                raise
            return redirect(moved_to, permanent=True)

    def get_queryset(self):
        if fragments.all_kept(self.request, (self.kwargs["slug"],), KEPT_PARTS):
            return Article.objects.published().for_page_shell()
        return Article.objects.published().for_page()

    def get_context_data(self, **kwargs):
        related = (
            Article.objects.published()
            .for_cards()
            .related_to(self.object)[: settings.PULSE_RELATED_ARTICLES]
        )
        article = self.object
        return super().get_context_data(
            related_articles=related,
            current_category_slug=article.category.slug,
            site_settings=SiteSettings.load,  # called by the template, if it renders it
            canonical_url=absolute(article.get_absolute_url()),
            cover_image_url=partial(share_image_url, article),
            # Called by the template, and only when the page cache has no copy of it.
            structured_data=partial(article_graph, article, self.request),
            **kwargs,
        )


class SearchView(ListView):
    """Full-text search of published articles (articles/search.py), with excerpts."""

    template_name = "articles/article_search.html"
    context_object_name = "hits"
    paginate_by = settings.PULSE_ARTICLES_PER_PAGE

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()
        self.error = None
        if not self.query:
            return []
        try:
            return search(self.query)
        except SearchQueryError as error:
            self.error = str(error)
            return []

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            query="" if self.error else self.query,
            search_error=self.error,
            page_query=urlencode({"q": self.query}) if self.query and not self.error else "",
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """Editors see any article, whatever its status or date, at its own never-cached URL and
    marked "Preview"; anyone else gets the ordinary 404, so a draft's existence never leaks."""

    pk_url_kwarg = "pk"

    def get(self, request, *args, **kwargs):
        # Staff who may see articles in the admin (editors), not every staff member: a
        # comment moderator has no business reading unpublished drafts.
        if not (request.user.is_staff and request.user.has_perm("articles.view_article")):
            raise Http404
        # DetailView.get itself: a preview is found by id, never by a former slug.
        return super(ArticleDetailView, self).get(request, *args, **kwargs)

    def get_queryset(self):
        # A writer previews their own articles only, as the admin shows them only those.
        return roles.visible(self.request.user, Article.objects.for_page())

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)


class RobotsTxtView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        sitemap_url = absolute(reverse("sitemap"))
        return super().get_context_data(sitemap_url=sitemap_url, **kwargs)
