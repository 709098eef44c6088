"""Helpers shared by the test modules (one place, never copied, never imported from a test
module): posting as a browser does, reading the thread's shape out of a page, the spam
checks' inputs, and manage.py under production settings."""

import functools
import io
import os
import re
import socket
import subprocess
import sys
import tempfile
from datetime import timedelta
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from comments import checks
from comments.models import Comment, DiscussionSettings

PROJECT = Path(__file__).resolve().parent.parent

# What a browser sends with a form posted from one of the site's own pages.
SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}


def image_file(
    name="cover.png", size=(1600, 900), image_format="PNG", mode="RGBA", color=(30, 120, 200)
):
    """An in-memory upload drawn with Pillow (one colour: the same arguments make the same
    bytes, which the media library stores once)."""
    buffer = io.BytesIO()
    Image.new(mode, size, (*color, 255) if mode == "RGBA" else color).save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format}")


def post_comment(client, article, data, **extra):
    """Post the comment form of ``article`` as a reader's browser does (same origin)."""
    headers = {**SAME_ORIGIN, **extra}
    return client.post(reverse("comments:post", kwargs={"slug": article.slug}), data, **headers)


def report_comment(client, comment, reason="spam", **extra):
    headers = {**SAME_ORIGIN, **extra}
    return client.post(
        reverse("comments:report", args=[comment.pk]), {"reason": reason}, **headers
    )


class ThreadParser(HTMLParser):
    """Follows <ol>/<li> nesting; records each comment's depth in page order."""

    def __init__(self):
        super().__init__()
        self.stack = []  # open ol/li tags as (tag, attrs)
        self.comments = []  # (pk, depth)
        self.errors = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("ol", "li"):
            return
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "ol" and "comment-replies" in classes:
            parent = self.stack[-1] if self.stack else None
            if not parent or parent[0] != "li" or "comment" not in parent[1]:
                self.errors.append("comment-replies list outside a comment's <li>")
        if tag == "li" and "comment" in classes:
            depth = 1 + sum(1 for t, c in self.stack if t == "li" and "comment" in c)
            self.comments.append((int(attrs["id"].removeprefix("comment-")), depth))
        self.stack.append((tag, classes))

    def handle_endtag(self, tag):
        if tag not in ("ol", "li"):
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"unbalanced </{tag}>")
            return
        self.stack.pop()


def parse(html):
    parser = ThreadParser()
    parser.feed(html)
    parser.close()
    return parser


def submission(body="I found the section on withdrawal useful.", **fields):
    """A comment as typed by a person who read the page for a minute."""
    values = {
        "article": None,
        "name": "Reader",
        "email": "reader@example.com",
        "body": body,
        "ip_address": "198.51.100.4",
        "form_age": 60.0,
        "discussion": fields.pop("discussion", None) or DiscussionSettings(),
    }
    values.update(fields)
    return checks.Submission(**values)


def publishing():
    """Settings that publish whatever no check flags: a hold can only come from a check."""
    return DiscussionSettings(moderation=DiscussionSettings.Moderation.PUBLISH_UNLESS_FLAGGED)


def codes(assessment):
    return {reason["code"] for reason in assessment.reasons}


@functools.cache
def scratch_folder():
    """One temporary folder per test process, for databases nobody needs afterwards."""
    return Path(tempfile.mkdtemp(prefix="pulse-scratch-"))


def manage(*args, **env):
    """Run manage.py with production settings and only the given deployment variables."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PULSE_")) and key != "DATABASE_URL"
    }
    # Never the checkout's own db.sqlite3: a test must not create or change the developer's
    # database, nor depend on the checkout being writable.
    env.setdefault("DATABASE_URL", f"sqlite:///{scratch_folder() / 'manage.sqlite3'}")
    clean.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def edit_in_admin(client, url, article, **changes):
    """Post the admin change (or revert) form as an editor would, with ``changes`` made."""
    published = article.published_at
    data = {
        "title": article.title,
        "slug": article.slug,
        "category": article.category_id,
        "author": article.author_id,
        "summary": article.summary,
        "body": article.body,
        "tags": "",
        "cover_alt": "",
        "status": article.status,
        "published_at_0": published.strftime("%Y-%m-%d") if published else "",
        "published_at_1": published.strftime("%H:%M:%S") if published else "",
        "comments_open": "on",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        **changes,
    }
    return client.post(url, data)


def html_datetime(value):
    """A datetime as a page's <time datetime> shows it: to the second, local time."""
    from django.utils import timezone

    return timezone.localtime(value).isoformat(timespec="seconds")


def free_port(taken=()):
    """A free loopback port in 8100–8199 (the system tests' range), not one of ``taken``.
    Each pytest-xdist worker looks at its own share of the range, so that two workers
    starting servers at the same moment never pick the same port."""

    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    for candidate in range(8100, 8200):
        if candidate in taken or candidate % workers != worker % workers:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            return candidate
    raise RuntimeError("no free port in 8100–8199")


def production_environment(folder, site_url, **extra):
    """The environment of one production machine with everything in ``folder``: SQLite,
    the shared file cache, media and static files."""
    folder = Path(folder)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PULSE_")) and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="system-test-" + "k" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
        PULSE_CACHE_DIR=str(folder / "cache"),
        PULSE_MEDIA_ROOT=str(folder / "media"),
        PULSE_STATIC_ROOT=str(folder / "static"),
        PULSE_SITE_URL=site_url,
        PULSE_RELEASE="system-test",
        **extra,
    )
    return env


def run_manage(env, *args, timeout=120):
    """manage.py in another process with exactly ``env``; its output, or AssertionError."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env,
        capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def wait_until_answering(url, process, seconds=30):
    """Poll ``url`` until it answers (any HTTP status); RuntimeError if ``process`` exits
    or ``seconds`` pass."""
    import time
    import urllib.error
    import urllib.request

    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds}s")


def start_gunicorn(env, port, workers=2, trusted="127.0.0.2"):
    """gunicorn with ``env`` on 127.0.0.1:``port``, believing forwarded headers from
    ``trusted`` only, as `make serve` starts it; stop it with :func:`stop`."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning",
         "--forwarded-allow-ips", trusted, "--no-control-socket"],
        cwd=PROJECT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/healthz", server)
    except RuntimeError:
        stop(server)
        raise
    return server


def render_nginx(env, folder, port, upstream_port):
    """nginx's configuration for the site in ``folder``, listening on ``port`` in front of
    127.0.0.1:``upstream_port``, as `make serve` writes it: (its path, nginx's run folder)."""
    run_dir = Path(folder) / "nginx"
    conf = run_manage(
        env, "render_nginx", "--run-dir", str(run_dir), "--listen", f"127.0.0.1:{port}",
        "--upstream", f"127.0.0.1:{upstream_port}",
    ).strip()  # fmt: skip
    return conf, run_dir


def start_nginx(conf, run_dir, port):
    """nginx in the foreground of its own process group, from the rendered ``conf``."""
    run_dir = str(run_dir).rstrip("/") + "/"
    args = ["nginx", "-c", str(conf), "-p", run_dir, "-e", f"{run_dir}error.log"]
    checked = subprocess.run([*args, "-t"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen(
        [*args, "-g", "daemon off;"], start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/static/", server)
    except RuntimeError:
        stop(server)
        raise
    return server


def stop(process, seconds=30):
    """Stop a server started by these helpers (its whole process group), and wait."""
    import signal

    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=seconds)


def field_block(html, name):
    """The HTML of one form field's wrapper: its label, input and error."""
    start = html.index(f'id="div_id_{name}"')
    end = html.find('id="div_id_', start + 1)
    return html[start : end if end != -1 else html.index("</form>", start)]


def email_link(message, label):
    """The path of the link after ``label`` in a plain-text email."""
    return urlsplit(re.search(rf"{label}:\s+(\S+)", message.body).group(1)).path


def comment_messages(html):
    """The messages shown beside the comment form, as text."""
    start = html.index('id="write-comment"')
    section = html[start : html.index("</section>", start)]
    return [
        re.sub(r"<[^>]+>", "", text).strip()
        for text in re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', section, re.S)
    ]


# The moderator's desk: queues to work, and the queue's rows read back out of its HTML.

QUEUE = reverse("admin:comments_comment_changelist")
DASHBOARD = reverse("admin:comments_dashboard_changelist")

LONG_BODY = "\n\n".join(
    f"Paragraph {n}: I was prescribed this after surgery and the first weeks were hard; "
    "my pharmacist explained how to taper and what to watch for, which helped a lot."
    for n in range(1, 9)
)


def fill_queue(make_comment, article, count, names=None, **fields):
    """``count`` pending comments, one a minute apart (the first is the oldest), each by
    its own commenter; some with reasons, one long, one a reply to a published comment."""
    start = timezone.now() - timedelta(hours=2)
    parent = make_comment(article, author_name="Pat", body="Has anyone tried tapering slowly?")
    comments = []
    for index in range(count):
        name = names[index] if names else f"Reader {index}"
        values = {
            "author_name": name,
            "author_email": f"{name.lower().replace(' ', '.')}@example.com",
            "body": f"Comment number {index} from {name}.",
            "created_at": start + timedelta(minutes=index),
            "reasons": [{"code": "links", "message": "More links than allowed.", "score": 1}]
            if index % 3 == 0
            else [],
            **fields,
        }
        if index == 1:
            values["parent"] = parent
        if index == 2:
            values["body"] = LONG_BODY
        comments.append(make_comment(article, status=Comment.Status.PENDING, **values))
    return comments


def row_ids(html):
    """The comment ids of the queue's rows, in the order shown."""
    return [int(pk) for pk in re.findall(r'<tr id="queue-row-(\d+)"', html)]


def form_fields(html, form_id):
    """What a browser would send for the form ``form_id`` as it stands (hidden inputs and
    management forms included), as a dict to update and post."""
    import html as html_module

    start = html.index(f'id="{form_id}"')
    form = html[start : html.index("</form>", start)]
    data = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if not name or (kind and kind.group(1) in ("submit", "button", "checkbox", "radio")):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = html_module.unescape(value.group(1)) if value else ""
    for name, text in re.findall(
        r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S
    ):
        data[name] = html_module.unescape(text).removeprefix("\n")
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        data[name] = chosen.group(1) if chosen else ""
    return data


def repository_root():
    """The repository's main checkout: PROJECT itself, or, from a git worktree (whose .git
    is a file naming the main repository's .git/worktrees/NAME), the checkout it belongs to."""
    marker = PROJECT / ".git"
    if marker.is_file():
        gitdir = Path(marker.read_text().split("gitdir:", 1)[1].strip())
        commondir = gitdir / "commondir"
        if commondir.is_file():
            return (gitdir / commondir.read_text().strip()).resolve().parent
    return PROJECT


def wordpress_export(name):
    """The path of one of WordPress's public exports in ../shared/wordpress/ beside the
    repository (or $PULSE_WORDPRESS_EXPORTS).  Read from there, never copied; a missing
    folder fails the test with the reason, it never skips."""
    import pytest

    folder = Path(
        os.environ.get("PULSE_WORDPRESS_EXPORTS")
        or repository_root().parent / "shared" / "wordpress"
    )
    if not folder.is_dir():
        pytest.fail(
            f"The WordPress test exports are missing: expected the folder {folder} "
            "(../shared/wordpress/ beside the repository, or set PULSE_WORDPRESS_EXPORTS)."
        )
    path = folder / name
    if not path.is_file():
        pytest.fail(f"The WordPress test export {path} is missing.")
    return path


def import_wordpress_export(name, **options):
    """Run manage.py import_wordpress on a shared export; returns its printed report."""
    from django.core.management import call_command

    out = io.StringIO()
    call_command("import_wordpress", str(wordpress_export(name)), stdout=out, **options)
    return out.getvalue()


def remove_imported_rows():
    """Delete what an import committed outside a test's transaction (a module-scoped
    import), in the order the protecting foreign keys allow."""
    from taggit.models import Tag

    from articles.models import Article, Category
    from authors.models import Author

    Comment.objects.update(parent=None)
    Comment.objects.all().delete()
    Article.objects.all().delete()
    Article.history.all().delete()
    Tag.objects.all().delete()
    while Category.objects.exists():  # leaves first: a parent is protected by its children
        Category.objects.filter(children__isnull=True).delete()
    Author.objects.all().delete()


WXR_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Pulse test blog</title><link>https://old.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example</wp:base_site_url>
<wp:base_blog_url>https://old.example</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>nurse</wp:author_login>
<wp:author_email>nurse@old.example</wp:author_email>
<wp:author_display_name><![CDATA[Nurse Ratched]]></wp:author_display_name></wp:author>
"""


def wxr_post(post_id, *, title="A post", status="publish", date="2020-05-01 10:00:00",
             content="<p>Words.</p>", slug=None, extra="", comments="", link=None,
             post_type="post"):  # fmt: skip
    """One <item> for the small exports tests write themselves (the shared ones have no
    pending or trashed posts, no spam comments and no image files)."""
    slug = f"post-{post_id}" if slug is None else slug
    link = link or f"https://old.example/{date[:4]}/{date[5:7]}/{slug}/"
    return f"""<item><title><![CDATA[{title}]]></title>
<link>{link}</link>
<dc:creator>nurse</dc:creator>
<content:encoded><![CDATA[{content}]]></content:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>{date}</wp:post_date_gmt>
<wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status>
<wp:post_type>{post_type}</wp:post_type>{extra}{comments}</item>
"""


def wxr_comment(comment_id, *, approved="1", parent=0, content="Thanks!", kind=""):
    return f"""<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>
<wp:comment_author><![CDATA[Reader {comment_id}]]></wp:comment_author>
<wp:comment_author_email>r{comment_id}@example.org</wp:comment_author_email>
<wp:comment_author_IP>192.0.2.{comment_id % 250}</wp:comment_author_IP>
<wp:comment_agent>Mozilla/5.0</wp:comment_agent>
<wp:comment_date_gmt>2020-05-02 10:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[{content}]]></wp:comment_content>
<wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>{kind}</wp:comment_type>
<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>
"""


def write_wxr(path, *items):
    """A small WXR 1.2 export with the author "nurse" and ``items``; returns its path."""
    path.write_text(WXR_HEAD + "".join(items) + "</channel></rss>\n", encoding="utf-8")
    return path


def import_file(path, **options):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("import_wordpress", str(path), stdout=out, **options)
    return out.getvalue()


# A reader or an editor over real HTTP (the system tests' servers), with cookies.


class Browser:
    """Requests to one base URL as a browser sends them: its cookies, and for a POST the
    Origin and Sec-Fetch-Site of a form on the site's own pages.  One connection per
    request, no redirects followed.  Each answer is (status, headers, text)."""

    def __init__(self, base_url, source="127.0.0.1", timeout=30):
        self.base_url, self.source, self.timeout = base_url.rstrip("/"), source, timeout
        self.cookies = {}

    def request(self, method, path, data=None, headers=None):
        import http.client
        from urllib.parse import urlencode

        parts = urlsplit(self.base_url)
        connection = http.client.HTTPConnection(
            parts.hostname, parts.port, timeout=self.timeout, source_address=(self.source, 0)
        )
        sent = {"Sec-Fetch-Site": "same-origin", **(headers or {})}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            sent.update({"Content-Type": "application/x-www-form-urlencoded",
                         "Origin": self.base_url})  # fmt: skip
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            raw = response.read()
        finally:
            connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                value = rest.split(";", 1)[0]
                if value in ('""', "") or "max-age=0" in rest.lower():
                    self.cookies.pop(key.strip(), None)
                else:
                    self.cookies[key.strip()] = value
        return response.status, response.headers, raw.decode("utf-8", "replace")

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)

    def post(self, path, data, **headers):
        return self.request("POST", path, data=data, headers=headers)

    def sign_in(self, username, password, admin="/admin/"):
        """Sign in through the admin's login form; AssertionError if refused."""
        _, _, page = self.get(f"{admin}login/")
        status, _, _ = self.post(f"{admin}login/", {
            "csrfmiddlewaretoken": csrf_token(page), "username": username,
            "password": password, "next": admin,
        })  # fmt: skip
        assert status == 302, f"sign-in refused ({status})"

    def csrf_token(self, path):
        """The CSRF token of the form on ``path`` (signed in: it changes at sign-in)."""
        _, _, page = self.get(path)
        return csrf_token(page)


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def comment_form(html):
    """Every input of the article page's comment form, as a browser would send it."""
    return form_fields(html, "comment-form")


def json_ld_nodes(html):
    """Every schema.org node of a page's JSON-LD blocks, flattened out of their @graph and
    merged by @id as a JSON-LD processor (a search engine) merges them: {@id or a running
    number: node}.  AssertionError if a block does not parse or two blocks each give a node
    with the same @id its own @type (two nodes for one thing)."""
    import json

    found = {}
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    for block in blocks:
        data = json.loads(block)
        for node in data.get("@graph", [data]):
            key = node.get("@id", len(found))
            if key in found:
                assert not ("@type" in found[key] and "@type" in node), f"two nodes for {key}"
                found[key] = {**found[key], **node}
            else:
                found[key] = dict(node)
    return found


def nodes_of_type(nodes, schema_type):
    return [node for node in nodes.values() if node.get("@type") == schema_type]


def visible_breadcrumb(html):
    """The names in the page's breadcrumb <nav>, in order."""
    start = html.index('<ol class="breadcrumb')
    trail = html[start : html.index("</ol>", start)]
    items = trail.split("<li")[1:]
    return [unescape(" ".join(re.sub(r"<[^>]+>|^[^>]*>", " ", item).split())) for item in items]


def write_markdown(page, text):
    """Put ``text`` in the article form's Markdown editor (EasyMDE) as one paste would: the
    textarea it replaces is hidden, and the editor keeps it in step."""
    page.locator(".EasyMDEContainer .CodeMirror").evaluate(
        "(e, text) => e.CodeMirror.setValue(text)", text
    )
