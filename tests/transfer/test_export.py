"""export_site writes the documented file: the header first, one row a line, exact times,
natural keys only for content types and permissions, readable by its owner only, and no
file at all when it cannot finish."""

import io
import json
import stat

import pytest
from django.core.management import CommandError, call_command

from comments.models import Comment

pytestmark = pytest.mark.django_db


def export(path, *args):
    out = io.StringIO()
    call_command("export_site", str(path), *args, stdout=out)
    return out.getvalue()


def test_the_file_has_the_documented_shape(tmp_path, thread, moderator):
    comment = thread["bob"]
    comment.moderated_by = moderator
    comment.save()
    moderator.user_permissions.add(*moderator.user_permissions.model.objects.all()[:1])
    path = tmp_path / "site.json"
    printed = export(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    assert printed.startswith(f"{path}: ")
    assert f"rows of {len(document['models'])} models" in printed
    assert list(document) == [
        "format", "version", "exported_at", "site_url", "release", "database", "media",
        "migrations", "models", "counts",
    ]  # fmt: skip
    assert (document["format"], document["version"]) == ("pulse-site", 1)
    assert document["site_url"] == "http://testserver"
    assert document["counts"] == {label: len(rows) for label, rows in document["models"].items()}
    labels = list(document["models"])
    assert labels.index("articles.article") < labels.index("comments.comment")
    assert labels.index("auth.user") < labels.index("comments.comment")
    assert "sessions.session" not in labels and "contenttypes.contenttype" not in labels

    rows = {row["pk"]: row for row in document["models"]["comments.comment"]}
    row = rows[comment.pk]
    assert set(row) == {"model", "pk", "fields"}
    assert row["fields"]["parent"] == thread["alice"].pk
    assert row["fields"]["moderated_by"] == moderator.pk
    stored = Comment.objects.get(pk=comment.pk).created_at
    assert row["fields"]["created_at"] == stored.isoformat()  # microseconds kept
    lines = [line.removesuffix(",") for line in text.splitlines()]
    assert json.dumps(row, ensure_ascii=False, separators=(",", ":")) in lines  # a row a line
    (user,) = [u for u in document["models"]["auth.user"] if u["pk"] == moderator.pk]
    assert user["fields"]["password"] == moderator.password
    assert all(isinstance(p, list) and len(p) == 3 for p in user["fields"]["user_permissions"])
    groups = {g["fields"]["name"]: g for g in document["models"]["auth.group"]}
    assert ["moderate_comment", "comments", "comment"] in groups["Moderators"]["fields"][
        "permissions"
    ]


def test_a_failed_export_leaves_no_file(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "a.txt").write_text("a")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "old.txt").write_text("mine")
    with pytest.raises(CommandError, match="is not empty: copy the media into a new folder"):
        export(tmp_path / "site.json", "--with-media", str(busy))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["busy", "media"]
    with pytest.raises(CommandError, match="is a folder: name the file to write"):
        export(tmp_path)
    with pytest.raises(CommandError, match="is not a folder"):
        export(tmp_path / "missing" / "site.json")


def test_the_list_says_what_is_left_out_and_why():
    out = io.StringIO()
    call_command("export_site", "--list", stdout=out)
    lines = out.getvalue().splitlines()
    assert "exported  comments.comment" in lines
    assert "exported  articles.historicalarticle" in lines
    assert any(
        line.startswith("left out  comments.ratelimitcounter: flood-control") for line in lines
    )
    assert any(line.startswith("left out  sessions.session: ") for line in lines)
