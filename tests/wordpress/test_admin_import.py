"""Staff with the import permission upload an export, read the dry run's report, confirm,
and the import runs in the background; everyone else never sees the page."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from comments.models import WordPressImport
from tests.helpers import wordpress_export

ADD = reverse("admin:comments_wordpressimport_add")


@pytest.fixture
def importer(django_user_model):
    """A staff member allowed to import from WordPress, and nothing else."""
    user = django_user_model.objects.create_user("importer", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="import_wordpress"))
    return user


def upload(client, name):
    path = wordpress_export(name)
    return client.post(ADD, {"export": SimpleUploadedFile(path.name, path.read_bytes())})


def test_upload_dry_run_confirm_import(client, importer, django_capture_on_commit_callbacks):
    client.force_login(importer)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "importer-tests/small-export.xml")
    assert response.status_code == 302
    job = WordPressImport.objects.get()
    assert job.state == WordPressImport.State.CHECKED
    assert not Article.objects.exists()  # the dry run wrote nothing
    page = client.get(response["Location"]).content.decode()
    assert "What the import would do" in page
    assert "This was a dry run: nothing has been written yet." in page
    assert "private in WordPress: imported as a draft, never public" in page
    confirm = reverse("admin:comments_wordpressimport_confirm", args=[job.pk])
    assert client.get(confirm).status_code == 405  # only a POST imports
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm)
    job.refresh_from_db()
    assert job.state == WordPressImport.State.DONE
    assert Article.objects.count() == 11
    page = client.get(response["Location"]).content.decode()
    assert "What was imported" in page
    # Confirming again imports nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm)
    assert Article.objects.count() == 11
    # Deleting the job deletes the uploaded file (commenters' emails and addresses).
    stored = job.export.path
    delete = reverse("admin:comments_wordpressimport_delete", args=[job.pk])
    client.post(delete, {"post": "yes"})
    assert not WordPressImport.objects.exists()
    assert not Path(stored).exists()


def test_a_broken_export_is_reported_on_the_status_page(
    client, importer, django_capture_on_commit_callbacks
):
    client.force_login(importer)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "importer-tests/malformed-simple.xml")
    page = client.get(response["Location"]).content.decode()
    assert "ends too early, at line 14: the export is truncated. Nothing was imported." in page
    assert "Import it" not in page


def test_only_xml_files_are_taken(client, importer):
    client.force_login(importer)
    response = client.post(ADD, {"export": SimpleUploadedFile("site.zip", b"PK")})
    assert response.status_code == 200
    assert "File extension “zip” is not allowed." in response.content.decode()
    assert not WordPressImport.objects.exists()


def test_staff_without_the_permission_cannot_import(client, editor):
    client.force_login(editor)
    assert client.get(ADD).status_code == 403
    assert b"WordPress imports" not in client.get(reverse("admin:index")).content


def test_old_addresses_are_listed_in_the_admin(admin_client):
    call_command("import_wordpress", str(wordpress_export("importer-tests/wxr-simple.xml")))
    page = admin_client.get(reverse("admin:articles_legacyaddress_changelist"))
    assert "/path/2024/06/hello-world/" in page.content.decode()
