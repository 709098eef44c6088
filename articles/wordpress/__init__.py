"""Importing a WordPress export's authors, categories, tags, posts, pages, media and old
addresses (comments/wordpress.py adds the comments and runs the whole import)."""

from .importer import ArticleImporter

__all__ = ["ArticleImporter"]
