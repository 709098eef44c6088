"""Shared fixtures: named after what they are, documented by what they hold."""

import importlib
import io
import itertools
import shutil
import socket
import subprocess
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.media import add_image
from articles.models import Article, Category
from authors.models import Author
from comments.models import Comment
from tests.helpers import image_file, import_wordpress_export, remove_imported_rows

SLOW_FOLDERS = ("system", "browser")
# Modules that share one expensive server setup (a module-scoped cluster, the session's
# served demo site) run on one xdist worker (`make test` runs --dist loadgroup): split
# across two, each worker would start its own copy, on the same two cores.
SHARED_SETUPS = {
    "test_cluster.py": "cluster",
    "test_cluster_outages.py": "cluster",
    "test_lighthouse.py": "served-demo",
    "test_html_validity.py": "served-demo",
    "test_feeds_through_nginx.py": "served-demo",
}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """The subprocess, server and browser groups are marked slow, so that a quick
    ``pytest -m "not slow"`` exists; ``make test`` runs everything."""
    for item in items:
        path = Path(item.fspath)
        if path.parent.name in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)
        if path.name in SHARED_SETUPS:
            item.add_marker(pytest.mark.xdist_group(SHARED_SETUPS[path.name]))


# Data migrations whose rows (the staff groups) every test may rely on.
DATA_MIGRATIONS = [
    ("articles.migrations.0002_editors_group", "create_editors"),
    # Editors' references and corrections: without them the article form has no inlines.
    ("articles.migrations.0006_editors_permissions_and_site_settings", "grant"),
    ("articles.migrations.0011_image_library", "grant_editors"),
    ("comments.migrations.0002_moderators_group", "create_moderators"),
    ("articles.migrations.0013_workflow_roles_checklist_revisions", "create_roles"),
]


@pytest.fixture(scope="session")
def migrated_apps():
    """The app registry as the migrations leave it, for replaying data migrations (read from
    the migration files alone: no database connection is left open by it)."""
    return MigrationLoader(None).project_state().apps


@pytest.fixture
def staff_groups(transactional_db, migrated_apps):
    """The Editors and Moderators groups, put back before a transactional test (which
    empties the database after itself).  serialized_rollback cannot restore them under
    Playwright's event loop (the ORM hands out a fresh connection object that lacks the
    serialized copy), so the groups' data migrations are replayed (they are idempotent)."""
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(migrated_apps, None)


@pytest.fixture
def client():
    """A reader's browser: like every current browser, it says where its requests come
    from (Sec-Fetch-Site), which is what the anonymous forms' CSRF check reads."""
    return Client(HTTP_SEC_FETCH_SITE="same-origin")


@pytest.fixture
def category(db):
    """A category readers can browse."""
    return Category.objects.create(name="Mental Health", slug="mental-health")


@pytest.fixture
def other_category(db):
    """A second category, for related-article ordering."""
    return Category.objects.create(name="Nutrition", slug="nutrition")


@pytest.fixture
def author(db):
    """An author with credentials and a bio, no photo (initials avatar)."""
    return Author.objects.create(
        name="Ada Okafor", slug="ada-okafor", credentials="PharmD, MPH", bio="Writes on medicines."
    )


BODY = """Intro paragraph.

## First section

Some text.

### A subsection

| Factor | Share |
| --- | --- |
| Childhood trauma | 64% |

1. one
2. two

- alpha
- beta
"""


@pytest.fixture
def make_article(db, category, author):
    """Factory: an article, published an hour ago unless told otherwise."""

    def make(**fields):
        values = {
            "title": "Trauma and recovery",
            "slug": "trauma-and-recovery",
            "category": category,
            "author": author,
            "summary": "How trauma and dependence are linked.",
            "body": BODY,
            "status": Article.Status.PUBLISHED,
            "published_at": timezone.now() - timedelta(hours=1),
        }
        values.update(fields)
        return Article.objects.create(**values)

    return make


@pytest.fixture
def article(make_article):
    """A published article with sections, a table and both kinds of list."""
    return make_article()


@pytest.fixture
def make_comment(db):
    """Factory: a comment on an article, approved unless told otherwise."""

    def make(article, parent=None, status=Comment.Status.APPROVED, **fields):
        values = {
            "author_name": "Reader",
            "author_email": "reader@example.com",
            "body": "A thoughtful comment.",
        }
        values.update(fields)
        return Comment.objects.create(article=article, parent=parent, status=status, **values)

    return make


@pytest.fixture
def moderator(django_user_model):
    """A staff member in the Moderators group (created by a data migration)."""
    user = django_user_model.objects.create_user("mod", "mod@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def editor(django_user_model):
    """A staff member in the Editors group (created by a data migration)."""
    user = django_user_model.objects.create_user("ed", "ed@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def second_editor(django_user_model):
    """Another member of the Editors group, Dana Editor, for two people on one article."""
    user = django_user_model.objects.create_user(
        "dana", "dana@example.com", "pw", is_staff=True, first_name="Dana", last_name="Editor"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def writer(django_user_model):
    """A staff member in the Writers group: writes their own drafts, cannot publish."""
    user = django_user_model.objects.create_user("wri", "wri@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Writers"))
    return user


@pytest.fixture
def medical_reviewer(django_user_model, reviewer):
    """A staff member in the Medical reviewers group, signing off as the ``reviewer``
    author (Dr Lena Marsh)."""
    user = django_user_model.objects.create_user("doc", "doc@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Medical reviewers"))
    reviewer.user = user
    reviewer.save(update_fields=["user"])
    return user


@pytest.fixture
def ready_draft(make_article, reviewer):
    """A draft that passes the checklist's default blocking items: a short summary, a
    described cover and a medical review signed off today."""
    return make_article(
        title="Ready to publish",
        slug="ready-to-publish",
        status=Article.Status.DRAFT,
        published_at=None,
        cover_image=image_file(),
        cover_alt="A blue sky",
        reviewer=reviewer,
        last_reviewed=timezone.localdate(),
    )


@pytest.fixture
def comment_data():
    """What a reader types into a valid comment form."""
    return {
        "author_name": "Jamie Reader",
        "author_email": "jamie@example.com",
        "author_website": "",
        "body": "This helped me understand my brother's treatment.",
    }


@pytest.fixture
def draft_article(make_article):
    """An unpublished draft: readers must never see it."""
    return make_article(
        title="Unfinished draft notes",
        slug="unfinished-draft-notes",
        status=Article.Status.DRAFT,
        published_at=None,
    )


@pytest.fixture
def scheduled_article(make_article):
    """A published article dated tomorrow: hidden until its time comes."""
    return make_article(
        title="Scheduled for tomorrow",
        slug="scheduled-for-tomorrow",
        published_at=timezone.now() + timedelta(days=1),
    )


@pytest.fixture
def post_url(article):
    """Where the article's comment form posts to."""
    return reverse("comments:post", kwargs={"slug": article.slug})


@pytest.fixture
def thread(article, make_comment):
    """An approved discussion, oldest first by name, two levels of replies deep:

    Alice ─┬─ Bob ── Carol
           └─ Dan
    Erin ──── Fay
    """
    start = timezone.now() - timedelta(days=1)

    def at(minutes):
        return start + timedelta(minutes=minutes)

    alice = make_comment(article, author_name="Alice Ames", created_at=at(1))
    erin = make_comment(article, author_name="Erin Eze", created_at=at(2))
    bob = make_comment(article, parent=alice, author_name="Bob Bell", created_at=at(3))
    dan = make_comment(article, parent=alice, author_name="Dan Diaz", created_at=at(4))
    carol = make_comment(article, parent=bob, author_name="Carol Cho", created_at=at(5))
    fay = make_comment(article, parent=erin, author_name="Fay Fox", created_at=at(6))
    return {"alice": alice, "bob": bob, "carol": carol, "dan": dan, "erin": erin, "fay": fay}


@pytest.fixture
def demo_site(db, settings):
    """The demo content and logins, as `manage.py seed_demo` loads them on a developer's
    machine (DEBUG on; images go to the test settings' temporary MEDIA_ROOT)."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    return Article.objects.get(slug="trauma-and-opioid-addiction")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache: cached discussion settings never leak from one
    test into the next (flood-control counters are rows in the test database).  Nor does
    a process's hint of which articles have long threads: ids are reused between tests."""
    from django.core.cache import cache

    from comments.templatetags.comments import _long_threads

    cache.clear()
    _long_threads.clear()
    yield
    cache.clear()


@pytest.fixture
def review_article(make_article):
    """An article waiting for review: still hidden from readers."""
    return make_article(
        title="Waiting for review",
        slug="waiting-for-review",
        status=Article.Status.REVIEW,
        published_at=None,
    )


@pytest.fixture
def reader(django_user_model):
    """A signed-in reader without staff rights."""
    return django_user_model.objects.create_user("reader", "reader@example.com", "pw")


@pytest.fixture
def reviewer(db):
    """A clinician who medically reviews articles."""
    return Author.objects.create(
        name="Dr Lena Marsh", slug="lena-marsh", credentials="MD, FRCP", bio="Physician."
    )


CITED_BODY = """Opioid dependence often follows trauma [1]. Treatment works [2].

Trauma screening matters [1], and [7] is not a reference.
"""


@pytest.fixture
def referenced_article(make_article):
    """A published article citing two ordered references, the first of them twice."""
    article = make_article(body=CITED_BODY)
    article.references.create(
        position=2,
        citation="Volkow ND. Medications for opioid use disorder.",
        pubmed_id="30562212",
    )
    article.references.create(
        position=1,
        citation="Felitti VJ et al. Adverse childhood experiences.",
        url="https://example.org/ace-study",
        doi="10.1016/S0749-3797(98)00017-8",
    )
    article.render_body(force=True)  # [1] and [2] now have references to link to
    article.save()
    return article


@pytest.fixture
def tagged_article(make_article):
    """A published article tagged "sleep" and "insomnia"."""
    article = make_article(title="Sleeping well", slug="sleeping-well")
    article.tags.add("sleep", "insomnia")
    return article


@pytest.fixture
def covered_article(make_article):
    """A published article with a transparent PNG cover, its renditions made on save."""
    return make_article(
        title="With a cover", slug="with-a-cover", cover_image=image_file(), cover_alt="A blue sky"
    )


@pytest.fixture
def make_library_image(db):
    """Factory: a picture in the media library, its renditions made; each call draws
    another colour, so that two are never the same file (which the library stores once)."""
    colours = itertools.count(1)

    def make(size=(1600, 900), alt_text="A bar chart of hours slept", **fields):
        shade = next(colours)
        colour = (shade * 37 % 256, 90, 160)
        upload = image_file(f"picture-{shade}.jpg", size, "JPEG", "RGB", colour)
        return add_image(upload, alt_text=alt_text, **fields)

    return make


@pytest.fixture
def library_image(make_library_image):
    """A 1,600 × 900 library picture with a caption and a credit."""
    return make_library_image(caption="Hours slept by age group", credit="Chart: Pulse, CC BY 4.0")


@pytest.fixture
def form_timestamp():
    """The comment form's signed timestamp as issued a minute ago: old enough that the
    "faster than a person types" check lets it through."""
    import time

    from django.core import signing

    from comments.tokens import FORM_SALT

    return signing.dumps(int(time.time()) - 60, salt=FORM_SALT)


@pytest.fixture
def human_post(comment_data, form_timestamp):
    """What a person's browser sends: the typed comment, the signed timestamp of a form
    served a minute ago and the honeypot left empty."""
    return {**comment_data, "timestamp": form_timestamp, "fax_number": ""}


@pytest.fixture
def discussion(db):
    """The site's discussion settings row with its defaults; change fields and save()."""
    from comments.models import DiscussionSettings

    return DiscussionSettings.load()


@pytest.fixture
def closed_port():
    """A loopback TCP port that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def unreachable_redis(settings, closed_port):
    """The cache configured as a Redis server that is not there."""
    from config.settings.base import redis_cache

    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{closed_port}/0")}


@pytest.fixture(scope="session", autouse=True)
def no_stray_database_sessions(django_db_setup, django_db_blocker):
    """Before the test database is dropped, end sessions that other threads (the browser
    tests' live server) left open, so PostgreSQL can drop it without a warning."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(scope="module")
def theme_unit_site(django_db_setup, django_db_blocker):
    """WordPress's theme unit test site (../shared/wordpress/themeunittestdata.wordpress.xml:
    58 posts, 21 pages, 33 comments) imported once for a test module and removed after it;
    the value is the import's printed report.  Tests of the module must not be transactional
    (a transactional test empties the database)."""
    with django_db_blocker.unblock():
        report = import_wordpress_export("themeunittestdata.wordpress.xml")
    yield report
    with django_db_blocker.unblock():
        remove_imported_rows()


REDIS_SERVER = "/usr/bin/redis-server"  # installed by `make install-test`


@pytest.fixture
def redis_url(tmp_path):
    """A throwaway redis-server on a free loopback port, no persistence; stopped after."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    import redis

    server = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path), "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=1)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


# The cluster (deploy/cluster.py) for tests/system/test_cluster*.py.

CLUSTER_SITE = """
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from articles.models import Article, Category, SiteSettings
from authors.models import Author
now = timezone.now()
settings_row = SiteSettings.load()
settings_row.blocking_checks = []  # these articles have no cover or medical sign-off
settings_row.save()
category = Category.objects.create(name="Sleep", slug="sleep")
author = Author.objects.create(name="Ada Okafor", slug="ada-okafor")
common = dict(category=category, author=author, summary="S.", body="Body.")
Article.objects.create(title="Night shifts", slug="night-shifts",
    status=Article.Status.PUBLISHED, published_at=now - timedelta(hours=1), **common)
Article.objects.create(title="Draft on naps", slug="draft-on-naps",
    status=Article.Status.DRAFT, published_at=None, **common)
get_user_model().objects.create_superuser("editor", "editor@example.com", "editor-pass-1")
"""


@pytest.fixture(scope="session")
def collected_static():
    """Static files collected once per test session (collectstatic compresses every file,
    which is slow), in a folder nginx's workers can read."""
    from tests.helpers import production_environment, run_manage

    folder = Path(tempfile.mkdtemp(prefix="pulse-static-"))
    folder.chmod(0o755)
    run_manage(production_environment(folder, "http://127.0.0.1"), "collectstatic",
               "--noinput", "--verbosity", "0", timeout=300)  # fmt: skip
    yield folder / "static"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster(collected_static):
    """A whole cluster, as `make cluster` starts one, on free loopback ports in a folder of
    its own: nginx, app servers "a" and "b" (2 workers each), PostgreSQL, Redis and the task
    worker, with a small site (the article "night-shifts", the draft "draft-on-naps", the
    superuser "editor" / "editor-pass-1").  One per test module; stopped and deleted after."""
    from deploy.cluster import Cluster
    from tests.helpers import free_port

    ports = []
    for _ in range(5):
        ports.append(free_port(taken=set(ports)))
    folder = Path(tempfile.mkdtemp(prefix="pulse-cluster-"))
    running = Cluster(
        folder, port=ports[0], app_ports={"a": ports[1], "b": ports[2]}, pg_port=ports[3],
        redis_port=ports[4], static_root=collected_static,
        env={"PULSE_RELEASE": "cluster-test", "PULSE_COMMENT_RATE_LIMIT": "1000/60"},
    )  # fmt: skip
    try:
        running.start(seed=False)
        running.manage("shell", "-c", CLUSTER_SITE)
        yield running
    finally:
        running.stop()
        shutil.rmtree(folder, ignore_errors=True)
