"""The editorial workflow: custom permissions (publish, edit others' articles, sign off a
medical review), who created an article, a category's sign-off requirement, the checklist's
site settings, the references and corrections each version keeps, the "Upcoming" list, and
the three roles as groups: Writers, Editors (extended) and Medical reviewers."""

import articles.models
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

# codename lists per group; "own" articles only for Writers is enforced by articles/roles.py.
ROLES = {
    "Writers": [
        "articles.view_article", "articles.add_article", "articles.change_article",
        "articles.view_category", "authors.view_author",
        "articles.view_reference", "articles.add_reference", "articles.change_reference",
        "articles.delete_reference",
        "articles.view_correction", "articles.add_correction", "articles.change_correction",
    ],
    "Editors": ["articles.publish_article", "articles.edit_others_articles"],
    "Medical reviewers": [
        "articles.view_article", "articles.sign_off_review", "articles.view_category",
        "authors.view_author", "articles.view_reference", "articles.view_correction",
    ],
}  # fmt: skip


def create_roles(apps, schema_editor):
    """Idempotent (tests replay it): permissions are normally created after all migrations,
    so they are created first, then granted."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    # 0002 grants Editors every article permission there is when it runs: replayed on a
    # later schema (as the tests do), that would include the reviewers' sign-off.
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="articles", codename="sign_off_review")
        )


def snapshot_latest_versions(apps, schema_editor):
    """Each article's newest version takes its references and corrections as they are now
    (which is what they were at that version); older versions have none on record."""
    Article = apps.get_model("articles", "Article")
    Historical = apps.get_model("articles", "HistoricalArticle")
    Reference = apps.get_model("articles", "Reference")
    Correction = apps.get_model("articles", "Correction")
    fields = ("position", "citation", "url", "doi", "pubmed_id")
    for article_id in Article.objects.values_list("pk", flat=True).iterator():
        latest = (
            Historical.objects.filter(id=article_id).order_by("-history_date", "-history_id").first()
        )
        if latest is None:
            continue
        references = Reference.objects.filter(article_id=article_id).order_by("position", "pk")
        corrections = Correction.objects.filter(article_id=article_id).order_by("-date", "-pk")
        latest.related = {
            "references": list(references.values(*fields)),
            "corrections": [
                {"date": row["date"].isoformat(), "text": row["text"]}
                for row in corrections.values("date", "text")
            ],
        }
        latest.save(update_fields=["related"])


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Writers", "Medical reviewers"]).delete()
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="articles",
                codename__in=["publish_article", "edit_others_articles"],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_autosave_and_locks"),
        ("authors", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="UpcomingArticle",
            fields=[],
            options={
                "verbose_name": "upcoming article",
                "verbose_name_plural": "upcoming",
                "ordering": ["published_at", "pk"],
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("articles.article",),
        ),
        migrations.AlterModelOptions(
            name="article",
            options={
                "ordering": ["-published_at", "-pk"],
                "permissions": [
                    ("publish_article", "Can publish and unpublish articles"),
                    ("edit_others_articles", "Can edit other people's articles"),
                    ("sign_off_review", "Can sign off an article's medical review"),
                ],
                "verbose_name": "article",
                "verbose_name_plural": "articles",
            },
        ),
        migrations.AddField(
            model_name="article",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="The staff account that started the article: a writer edits their own.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="created by",
            ),
        ),
        migrations.AddField(
            model_name="category",
            name="requires_medical_signoff",
            field=models.BooleanField(
                default=False,
                help_text="Articles in this category are published only once a medical reviewer has signed them off, whatever the site's checklist settings say.",
                verbose_name="requires medical sign-off",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                help_text="The staff account that started the article: a writer edits their own.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="created by",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="related",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="references and corrections"
            ),
        ),
        migrations.AddField(
            model_name="sitesettings",
            name="blocking_checks",
            field=models.JSONField(
                blank=True,
                default=articles.models.default_blocking_checks,
                help_text="The pre-publish checklist items that stop publishing; the others warn.",
                verbose_name="checks that block publishing",
            ),
        ),
        migrations.AddField(
            model_name="sitesettings",
            name="review_interval_months",
            field=models.PositiveSmallIntegerField(
                default=12,
                help_text="How long a medical sign-off holds before the article must be reviewed.",
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(60),
                ],
                verbose_name="medical review interval (months)",
            ),
        ),
        migrations.AddField(
            model_name="sitesettings",
            name="target_reading_grade",
            field=models.PositiveSmallIntegerField(
                default=8,
                help_text="The pre-publish checklist warns when a body reads above this Flesch-Kincaid school grade (8 suits most health information for the public).",
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(18),
                ],
                verbose_name="target reading grade",
            ),
        ),
        migrations.RunPython(create_roles, remove_roles),
        migrations.RunPython(snapshot_latest_versions, migrations.RunPython.noop),
    ]
