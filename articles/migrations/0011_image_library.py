"""The media library (Image, and ArticleImage: which body shows which picture), covers chosen
from it, and the "Editors" group's permissions on it."""

from django.contrib.auth.management import create_permissions

import articles.library
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models



def grant_editors(apps, schema_editor):
    # Permissions are normally created after all migrations; create them first.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", content_type__model="image")
    )


def revoke_editors(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Editors"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="articles", content_type__model="image"
            )
        )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0010_article_history'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='cover_alt',
            field=models.CharField(blank=True, help_text='Required with an uploaded cover: what it shows, for readers who cannot see it. A cover from the library has its own; type here to say it differently.', max_length=250, verbose_name='cover image description'),
        ),
        migrations.AlterField(
            model_name='historicalarticle',
            name='cover_alt',
            field=models.CharField(blank=True, help_text='Required with an uploaded cover: what it shows, for readers who cannot see it. A cover from the library has its own; type here to say it differently.', max_length=250, verbose_name='cover image description'),
        ),
        migrations.CreateModel(
            name='Image',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.ImageField(height_field='height', help_text='A JPEG, PNG, WebP or GIF picture, at least 160 pixels wide (1200 for a cover); it is resized for each screen.', upload_to=articles.library.library_upload_to, validators=[articles.library.validate_library_image], verbose_name='file', width_field='width')),
                ('original_name', models.CharField(blank=True, editable=False, help_text="The name the file had on the uploader's computer, for searching.", max_length=255, verbose_name='file name')),
                ('alt_text', models.CharField(help_text='What the picture shows, for readers who cannot see it (screen readers read it).', max_length=250, verbose_name='alt text')),
                ('caption', models.CharField(blank=True, help_text='Shown under the picture; an article may give its own instead.', max_length=500, verbose_name='caption')),
                ('credit', models.CharField(blank=True, help_text='Who made it and on what terms, e.g. "Photo: A. Lee, CC BY 4.0".', max_length=250, verbose_name='credit and licence')),
                ('width', models.PositiveIntegerField(default=0, editable=False, verbose_name='width (px)')),
                ('height', models.PositiveIntegerField(default=0, editable=False, verbose_name='height (px)')),
                ('format', models.CharField(blank=True, editable=False, max_length=10, verbose_name='format')),
                ('size_bytes', models.PositiveBigIntegerField(default=0, editable=False, verbose_name='size (bytes)')),
                ('sha256', models.CharField(editable=False, help_text="The file's fingerprint: the same file is only ever stored once.", max_length=64, verbose_name='SHA-256')),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='uploaded')),
                ('uploaded_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'image',
                'verbose_name_plural': 'images',
                'ordering': ['-uploaded_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='ArticleImage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='image_uses', to='articles.article', verbose_name='article')),
                ('image', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='uses', to='articles.image', verbose_name='image')),
            ],
            options={
                'verbose_name': 'image in an article',
                'verbose_name_plural': 'images in articles',
                'ordering': ['article', 'image'],
            },
        ),
        migrations.AddField(
            model_name='article',
            name='cover_library_image',
            field=models.ForeignKey(blank=True, help_text='A picture from the media library as the cover, instead of uploading one (at least 1200 pixels wide): its number, or pick it with the magnifying glass.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='cover_of', to='articles.image', verbose_name='cover from the library'),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='cover_library_image',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='A picture from the media library as the cover, instead of uploading one (at least 1200 pixels wide): its number, or pick it with the magnifying glass.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.image', verbose_name='cover from the library'),
        ),
        migrations.AddConstraint(
            model_name='image',
            constraint=models.UniqueConstraint(fields=('sha256',), name='image_file_once', violation_error_message='This picture is already in the library.'),
        ),
        migrations.AddConstraint(
            model_name='articleimage',
            constraint=models.UniqueConstraint(fields=('article', 'image'), name='article_image_once'),
        ),
        migrations.RunPython(grant_editors, revoke_editors),
    ]
