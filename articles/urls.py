from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="home"),
    path("category/<slug:slug>/", views.CategoryDetailView.as_view(), name="category"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("preview/articles/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
]
