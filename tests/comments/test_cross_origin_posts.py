"""The anonymous comment and report forms carry no CSRF token (their pages are shared by
every reader); a browser's own word on where a request comes from guards them instead."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment, CommentReport


@pytest.fixture
def browser():
    """A browser that sends neither Sec-Fetch-Site nor Origin (an old one)."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://attacker.example"},
    ],
    ids=["sec-fetch-site cross-site", "sec-fetch-site same-site", "foreign origin"],
)
def test_a_post_from_another_site_is_refused(browser, post_url, human_post, headers):
    response = browser.post(post_url, human_post, **headers)
    assert response.status_code == 403
    assert "It came from another website" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_SEC_FETCH_SITE": "same-origin"}, {"HTTP_ORIGIN": "http://testserver"}],
    ids=["sec-fetch-site", "origin"],
)
def test_a_post_from_our_own_page_needs_no_token(browser, post_url, human_post, headers):
    response = browser.post(post_url, human_post, **headers)
    assert response.status_code == 302
    assert Comment.objects.get().body == human_post["body"]


def test_a_post_with_neither_header_is_confirmed_with_everything_kept(
    browser, post_url, human_post
):
    human_post["body"] = 'Line one,\nand "quoted" <b>two</b>.'
    response = browser.post(post_url, human_post)
    assert response.status_code == 200
    assert not Comment.objects.exists()
    html = response.content.decode()
    assert "Please confirm" in html
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))
    assert hidden["author_name"] == human_post["author_name"]
    assert hidden["body"] == "Line one,\nand &quot;quoted&quot; &lt;b&gt;two&lt;/b&gt;."
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    fields = {**human_post, "csrfmiddlewaretoken": token}
    confirmed = browser.post(post_url, fields)
    assert confirmed.status_code == 302
    assert Comment.objects.get().body == human_post["body"]


def test_a_confirmation_with_a_forged_token_is_refused(browser, post_url, human_post):
    response = browser.post(post_url, {**human_post, "csrfmiddlewaretoken": "x" * 64})
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_signed_in_readers_still_need_djangos_token(
    browser, post_url, human_post, django_user_model
):
    browser.force_login(django_user_model.objects.create_user("sam", "sam@example.com", "pw"))
    refused = browser.post(post_url, human_post, HTTP_SEC_FETCH_SITE="same-origin")
    assert refused.status_code == 403
    page = browser.get(post_url.replace("comments/", ""))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token, "a signed-in reader's form carries Django's token"
    accepted = browser.post(
        post_url,
        {**human_post, "csrfmiddlewaretoken": token.group(1)},
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert accepted.status_code == 302


def test_a_report_from_another_site_is_refused(browser, article, make_comment):
    shown = make_comment(article, body="Published.")
    url = reverse("comments:report", args=[shown.pk])
    response = browser.post(url, {"reason": "spam"}, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert not CommentReport.objects.exists()
    same = browser.post(url, {"reason": "spam"}, HTTP_SEC_FETCH_SITE="same-origin")
    assert same.status_code == 302
    assert CommentReport.objects.count() == 1
