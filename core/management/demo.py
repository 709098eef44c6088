"""The demo site's content, read from the data files in ``demo/`` beside this module.

Everything there was written by the Pulse team for demonstration; the people, comments and
recovery stories are fictional.  ``site.yaml`` holds categories, authors and articles (each
body is ``demo/articles/<slug>.md``, Markdown without a level-1 heading: the page title is
the ``<h1>``); ``comments.yaml`` holds the flagship article's threaded discussion, the
comments waiting in the moderation queue and a few comments on the second article.
``days_ago`` is an article's age at seed time; ``hours_after`` on a comment counts from the
article's publication and stays below ``days_ago * 24``, so no comment lands in the future;
``updated_days_ago`` (less than ``days_ago``) is when the article was last revised;
``featured`` puts an article beside the flagship at the top of the home page.
"""

from functools import cache
from pathlib import Path

import yaml

FOLDER = Path(__file__).resolve().parent / "demo"


@cache
def _read(name):
    with open(FOLDER / f"{name}.yaml", encoding="utf-8") as file:
        return yaml.safe_load(file)


def _article(data):
    body = (FOLDER / "articles" / f"{data['slug']}.md").read_text(encoding="utf-8")
    return {**data, "body": body, "cover_colours": tuple(data["cover_colours"])}


def __getattr__(name):
    """CATEGORIES, AUTHORS, ARTICLES, THREAD, PENDING, SPAM and SECOND_ARTICLE_THREAD."""
    if name in ("CATEGORIES", "AUTHORS"):
        return _read("site")[name.lower()]
    if name == "ARTICLES":
        return [_article(data) for data in _read("site")["articles"]]
    if name in ("THREAD", "PENDING", "SPAM", "SECOND_ARTICLE_THREAD"):
        return _read("comments")[name.lower()]
    raise AttributeError(name)
