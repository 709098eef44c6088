from django.urls import path

from core.origin import origin_protected

from . import feeds, views

app_name = "comments"
urlpatterns = [
    path(
        "articles/<slug:slug>/comments/",
        origin_protected(views.CommentPostView.as_view()),
        name="post",
    ),
    path("articles/<slug:slug>/comments/feed/", feeds.ArticleCommentsFeed(), name="feed"),
    path("comments/<int:pk>/edit/", views.CommentEditView.as_view(), name="edit"),
    path("comments/<int:pk>/delete/", views.CommentDeleteView.as_view(), name="delete"),
    path(
        "comments/<int:pk>/report/",
        origin_protected(views.CommentReportView.as_view()),
        name="report",
    ),
    path("comments/moderate/<str:token>/", views.ModerationLinkView.as_view(), name="moderate"),
    path("comments/unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
