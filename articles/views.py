"""Readers' pages: the home page, category and author listings, and the article page."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from authors.models import Author

from .models import Article, Category


class ArticleListView(ListView):
    """Published articles as cards, newest first, paginated."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = settings.PULSE_ARTICLES_PER_PAGE

    def get_queryset(self):
        return Article.objects.published().for_cards()


class CategoryDetailView(ArticleListView):
    template_name = "articles/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category, current_category_slug=self.category.slug, **kwargs
        )


class AuthorDetailView(ArticleListView):
    """An author's profile with their published articles."""

    template_name = "authors/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return super().get_queryset().filter(author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class ArticleDetailView(DetailView):
    """The article page.  Its comments come from the comments app's template tags, so this
    view knows nothing about them; the comments app extends it to re-show a bad post."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().select_related("category", "author")

    def get_context_data(self, **kwargs):
        related = (
            Article.objects.published()
            .for_cards()
            .related_to(self.object)[: settings.PULSE_RELATED_ARTICLES]
        )
        return super().get_context_data(
            related_articles=related, current_category_slug=self.object.category.slug, **kwargs
        )


class RobotsTxtView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"
