"""The SQLite full-text index of articles (FTS5).  Only on SQLite: PostgreSQL searches the
articles table itself (articles/search.py).  Also fills the plain-text body that search reads
for articles saved before it existed."""

import html
import re

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_search USING fts5("
    "title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)


def plain_text(body_html):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body_html)).split())


def forwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    is_sqlite = schema_editor.connection.vendor == "sqlite"
    if is_sqlite:
        schema_editor.execute(CREATE)
    for article in Article.objects.all():
        if not article.body_text:
            article.body_text = plain_text(article.body_html)
            article.save(update_fields=["body_text"])
        if is_sqlite:
            schema_editor.execute(
                "INSERT INTO article_search (rowid, title, summary, body) VALUES (%s, %s, %s, %s)",
                [article.pk, article.title, article.summary, article.body_text],
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS article_search")


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_article_body_text")]

    operations = [migrations.RunPython(forwards, backwards)]
