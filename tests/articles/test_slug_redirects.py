"""A changed slug keeps the old URL working: a permanent redirect to the new one."""

from django.urls import reverse

from articles.models import Article, ArticleSlugHistory


def detail(slug):
    return reverse("articles:detail", kwargs={"slug": slug})


def test_old_url_redirects_permanently_after_a_slug_change(client, article):
    old_url = article.get_absolute_url()
    article.slug = "trauma-recovery-guide"
    article.save()

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == detail("trauma-recovery-guide")
    assert client.get(response["Location"]).status_code == 200


def test_every_former_slug_redirects_to_the_current_one(client, article):
    for slug in ("second-name", "third-name"):
        article.slug = slug
        article.save()
    for old in ("trauma-and-recovery", "second-name"):
        response = client.get(detail(old))
        assert (response.status_code, response["Location"]) == (301, detail("third-name"))


def test_taking_back_a_former_slug_serves_the_article(client, article):
    article.slug = "renamed"
    article.save()
    article.slug = "trauma-and-recovery"
    article.save()
    assert client.get(detail("trauma-and-recovery")).status_code == 200
    assert client.get(detail("renamed")).status_code == 301
    assert not ArticleSlugHistory.objects.filter(old_slug="trauma-and-recovery").exists()


def test_new_article_with_a_former_slug_wins(client, article, make_article):
    article.slug = "renamed"
    article.save()
    newcomer = make_article(title="A new piece", slug="trauma-and-recovery")
    response = client.get(detail("trauma-and-recovery"))
    assert response.status_code == 200
    assert newcomer.title in response.content.decode()


def test_former_slug_of_a_hidden_article_is_a_404(client, article):
    article.slug = "renamed"
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(detail("trauma-and-recovery")).status_code == 404


def test_saving_without_a_slug_change_records_nothing(article):
    article.title = "New title, same slug"
    article.save()
    assert not ArticleSlugHistory.objects.exists()
