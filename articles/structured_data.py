"""schema.org JSON-LD for the readers' pages, built as plain data here; the templates write
it with the ``json_ld`` filter, which escapes it for a <script> element.

One node per thing, each with an @id that other nodes (and other pages) point at: the site
(``WebSite``, with its search) and its publisher (``Organization``, with a logo) on every
page that describes them; on an article page the page itself (``MedicalWebPage``: reviewer,
last review), the ``Article`` it is about (headline, author, images, section, citations;
the comments app adds the discussion to that same @id) and its ``BreadcrumbList``; an
author's ``ProfilePage`` about their ``Person``; a category's ``CollectionPage``.
Breadcrumb names are those the page shows (includes/breadcrumbs.html)."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _

from core.siteurl import absolute

from . import images

LOGO = ("logo.png", 512, 512)  # static/logo.png, drawn from static/favicon.svg


def website_id():
    return absolute(reverse("articles:home")) + "#website"


def organization_id():
    return absolute(reverse("articles:home")) + "#organization"


def article_id(article_path):
    """The @id of the Article an article page is about (the comments app adds to it)."""
    return f"{absolute(article_path)}#article"


def graph(*nodes):
    """One JSON-LD document; keys whose value is None are left out."""
    return {
        "@context": "https://schema.org",
        "@graph": [
            {key: value for key, value in node.items() if value is not None} for node in nodes
        ],
    }


def organization():
    path, width, height = LOGO
    return {
        "@type": "Organization",
        "@id": organization_id(),
        "name": str(settings.PULSE_SITE_NAME),
        "url": absolute(reverse("articles:home")),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static(path)),
            "width": width,
            "height": height,
        },
    }


def website(description):
    """The site and its search box (Google's sitelinks search box reads the SearchAction)."""
    return {
        "@type": "WebSite",
        "@id": website_id(),
        "url": absolute(reverse("articles:home")),
        "name": str(settings.PULSE_SITE_NAME),
        "description": description,
        "publisher": {"@id": organization_id()},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(reverse("articles:search")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def person(author, *, with_id=False):
    data = {
        "@type": "Person",
        "name": author.name,
        "url": absolute(author.get_absolute_url()),
    }
    if with_id:
        data["@id"] = absolute(author.get_absolute_url()) + "#person"
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


def breadcrumbs(page_url, *pages):
    """The page's BreadcrumbList of (name, url) pairs after "Home", named as shown."""
    trail = [(_("Home"), reverse("articles:home")), *pages]
    return {
        "@type": "BreadcrumbList",
        "@id": f"{absolute(page_url)}#breadcrumb",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(name),
                "item": absolute(url),
            }
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def language(request):
    return getattr(request, "LANGUAGE_CODE", None) or settings.LANGUAGE_CODE


def home_graph(description):
    return graph(website(description), organization())


def article_graph(article, request):
    """The article page as search engines should read it.  Uses only what the article page
    has already loaded (author, reviewer, references): no query of its own."""
    url = absolute(article.get_absolute_url())
    published = article.published_at.isoformat() if article.published_at else None
    modified = article.updated_at.isoformat()
    page = {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": article.title,
        "description": article.summary,
        "inLanguage": language(request),
        "isPartOf": {"@id": website_id()},
        "breadcrumb": {"@id": f"{url}#breadcrumb"},
        "mainEntity": {"@id": article_id(article.get_absolute_url())},
        "datePublished": published,
        "dateModified": modified,
    }
    if article.reviewer and article.last_reviewed:
        page["reviewedBy"] = person(article.reviewer)
        page["lastReviewed"] = article.last_reviewed.isoformat()
    entry = {
        "@type": "Article",
        "@id": article_id(article.get_absolute_url()),
        "mainEntityOfPage": {"@id": url},
        "headline": article.title,
        "description": article.summary,
        "inLanguage": language(request),
        "datePublished": published,
        "dateModified": modified,
        "author": person(article.author),
        "publisher": {"@id": organization_id()},
        "articleSection": article.category.name,
        "isAccessibleForFree": True,
    }
    references = article.reference_list
    if references:
        entry["citation"] = [citation(reference) for reference in references]
    if article.has_cover:
        entry["image"] = [absolute(src) for src in images.schema_image_urls(article)]
        page["primaryImageOfPage"] = entry["image"][0]
    trail = breadcrumbs(
        article.get_absolute_url(),
        (article.category.name, article.category.get_absolute_url()),
        (article.title, article.get_absolute_url()),
    )
    return graph(page, entry, trail, organization())


def author_graph(author):
    """An author's page: a ProfilePage about their Person."""
    url = absolute(author.get_absolute_url())
    subject = person(author, with_id=True)
    if author.bio:
        subject["description"] = author.bio
    if author.avatar:
        subject["image"] = absolute(author.avatar_large_url)
    if author.website:
        subject["sameAs"] = [author.website]
    page = {
        "@type": "ProfilePage",
        "@id": url,
        "url": url,
        "name": author.name,
        "isPartOf": {"@id": website_id()},
        "breadcrumb": {"@id": f"{url}#breadcrumb"},
        "mainEntity": {"@id": subject["@id"]},
    }
    trail = breadcrumbs(author.get_absolute_url(), (author.name, author.get_absolute_url()))
    return graph(page, subject, trail)


def category_graph(category):
    """A category's page: a CollectionPage of its articles."""
    url = absolute(category.get_absolute_url())
    page = {
        "@type": "CollectionPage",
        "@id": url,
        "url": url,
        "name": category.name,
        "description": category.description or None,
        "isPartOf": {"@id": website_id()},
        "breadcrumb": {"@id": f"{url}#breadcrumb"},
    }
    trail = breadcrumbs(category.get_absolute_url(), (category.name, category.get_absolute_url()))
    return graph(page, trail)
