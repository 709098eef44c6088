from django.urls import path

from . import feeds, views

app_name = "articles"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("archive/", views.ArchiveIndexView.as_view(), name="archive"),
    path(
        "archive/<int:year>/<int:month>/", views.MonthArchiveView.as_view(), name="archive_month"
    ),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feeds/rss/", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("category/<slug:slug>/", views.CategoryDetailView.as_view(), name="category"),
    path("category/<slug:slug>/rss/", feeds.CategoryFeed(), name="category_feed_rss"),
    path("category/<slug:slug>/atom/", feeds.CategoryAtomFeed(), name="category_feed_atom"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author"),
    path("authors/<slug:slug>/rss/", feeds.AuthorFeed(), name="author_feed_rss"),
    path("authors/<slug:slug>/atom/", feeds.AuthorAtomFeed(), name="author_feed_atom"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("preview/articles/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
]
