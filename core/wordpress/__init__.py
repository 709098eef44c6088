"""Reading WordPress exports (WXR) and converting their markup: pure functions and records,
no models.  The apps' importers (articles/wordpress/, comments/wordpress.py) build on it."""
