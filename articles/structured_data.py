"""schema.org JSON-LD for the article page: a MedicalWebPage (author, reviewer, citations,
dates) and its BreadcrumbList.  Built as plain data here; the template writes it with the
``json_ld`` filter, which escapes it for a <script> element."""

from django.conf import settings
from django.urls import reverse

from core.siteurl import absolute

from . import images


def person(author):
    data = {
        "@type": "Person",
        "name": author.name,
        "url": absolute(author.get_absolute_url()),
    }
    if author.credentials:
        data["honorificSuffix"] = author.credentials
    return data


def citation(reference):
    data = {"@type": "CreativeWork", "name": reference.citation}
    links = [link for link in (reference.url, reference.doi_url, reference.pubmed_url) if link]
    if links:
        data["url"] = links[0]
        if links[1:]:
            data["sameAs"] = links[1:]
    return data


def breadcrumbs(*pages):
    """A BreadcrumbList of (name, url) pairs, the site's home first."""
    trail = [(str(settings.PULSE_SITE_NAME), reverse("articles:home")), *pages]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute(url),
            }
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def article_graph(article, request):
    """The article as search engines should read it.  Uses only what the article page has
    already loaded (author, reviewer, references): no query of its own."""
    url = absolute(article.get_absolute_url())
    page = {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "headline": article.title,
        "name": article.title,
        "description": article.summary,
        "inLanguage": request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else "en",
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat(),
        "author": person(article.author),
        "publisher": {
            "@type": "Organization",
            "name": str(settings.PULSE_SITE_NAME),
            "url": absolute(reverse("articles:home")),
        },
        "articleSection": article.category.name,
    }
    if article.reviewer and article.last_reviewed:
        page["reviewedBy"] = person(article.reviewer)
        page["lastReviewed"] = article.last_reviewed.isoformat()
    references = article.reference_list
    if references:
        page["citation"] = [citation(reference) for reference in references]
    if article.has_cover:
        page["image"] = absolute(images.share_image_url(article))
    trail = breadcrumbs(
        (article.category.name, article.category.get_absolute_url()),
        (article.title, article.get_absolute_url()),
    )
    return {
        "@context": "https://schema.org",
        "@graph": [{key: value for key, value in page.items() if value is not None}, trail],
    }
