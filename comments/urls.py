from django.urls import path

from core.origin import origin_protected

from . import email_views, feeds, views

app_name = "comments"
urlpatterns = [
    path(
        "articles/<slug:slug>/comments/",
        origin_protected(views.CommentPostView.as_view()),
        name="post",
    ),
    path("articles/<slug:slug>/comments/feed/", feeds.ArticleCommentsFeed(), name="feed"),
    path("articles/<slug:slug>/comments/atom/", feeds.ArticleCommentsAtomFeed(), name="feed_atom"),
    path("comments/<int:pk>/edit/", views.CommentEditView.as_view(), name="edit"),
    path("comments/<int:pk>/delete/", views.CommentDeleteView.as_view(), name="delete"),
    path(
        "comments/<int:pk>/report/",
        origin_protected(views.CommentReportView.as_view()),
        name="report",
    ),
    path(
        "comments/moderate/<str:token>/",
        email_views.ModerationLinkView.as_view(),
        name="moderate",
    ),
    path(
        "comments/unsubscribe/<str:token>/",
        email_views.UnsubscribeView.as_view(),
        name="unsubscribe",
    ),
    path("comments/confirm/<str:token>/", email_views.ConfirmEmailView.as_view(), name="confirm"),
]
