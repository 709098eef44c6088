from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("articles/<slug:slug>/comments/", views.CommentPostView.as_view(), name="post"),
]
