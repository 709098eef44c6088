"""Create the discussion settings row with its defaults, so that reading the settings never
writes (and a first page view never invalidates the page cache)."""

from django.db import migrations


def create_row(apps, schema_editor):
    apps.get_model("comments", "DiscussionSettings").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("comments", "0003_trust_and_safety")]

    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
