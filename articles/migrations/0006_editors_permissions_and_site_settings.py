"""Let the "Editors" group edit references, corrections, former slugs and the site settings
(the article form's inlines are hidden from anyone without these permissions), and create the
site settings row with its default medical disclaimer."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["reference", "correction", "sitesettings", "articleslughistory"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create them first.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", content_type__model__in=MODELS)
    )


def create_site_settings(apps, schema_editor):
    apps.get_model("articles", "SiteSettings").objects.get_or_create(pk=1)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Editors"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="articles", content_type__model__in=MODELS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_medical_review_references_corrections_settings"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(grant, revoke),
        migrations.RunPython(create_site_settings, migrations.RunPython.noop),
    ]
