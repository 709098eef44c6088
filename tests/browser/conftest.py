"""Fixtures for the real-browser journeys: Debian's chromium driven by Playwright against
Django's live_server, signed-in contexts, axe-core and the screenshot folder."""

import os
from pathlib import Path

import pytest
from django.test import Client

# Playwright's sync API runs an event loop in this thread; the ORM calls that the tests make
# between browser steps are still ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PROJECT = Path(__file__).resolve().parent.parent.parent
CHROMIUM = "/usr/bin/chromium"  # Debian's package, installed by `make install-test`
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"  # pinned in package.json


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's chromium, headless, with nothing phoning home."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def browser_staff_groups(staff_groups):
    """live_server needs transactional tests, which empty the database after each one."""


@pytest.fixture
def csp_violations(page):
    """Console messages in which the browser reports blocking something under the
    Content-Security-Policy; a journey that ends with any has found a broken page."""
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


@pytest.fixture
def sign_in(live_server):
    """Signs a user into a browser context: force_login with Django's test client, then the
    session cookie copied into the context."""

    def sign_in(context, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])

    return sign_in


@pytest.fixture(scope="session")
def axe_source():
    """axe-core's source, evaluated into pages (page.evaluate is not subject to the CSP)."""
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def serious_violations(axe_source):
    """Runs axe-core with the WCAG 2.0–2.2 A and AA rules on a page and returns its serious
    and critical violations as readable lines."""

    def check(page):
        page.evaluate(axe_source)
        result = page.evaluate(
            """() => axe.run(document, {runOnly: {type: "tag", values:
                ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})"""
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:5])
            for v in result["violations"]
            if v["impact"] in {"serious", "critical"}
        ]

    return check


@pytest.fixture(scope="session")
def screenshot_dir():
    """Where screenshots go: $PULSE_SCREENSHOT_DIR, else test-artifacts/screenshots/."""
    folder = Path(
        os.environ.get("PULSE_SCREENSHOT_DIR", PROJECT / "test-artifacts" / "screenshots")
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _database_order(item):
    """0 for tests in a rolled-back transaction, 1 for transactional ones (which empty the
    database afterwards), 2 for tests without a database: Django's own order."""
    marker = item.get_closest_marker("django_db")
    names = item.fixturenames
    if "transactional_db" in names or "live_server" in names:
        return 1
    if marker is not None and marker.kwargs.get("transaction"):
        return 1
    if marker is not None or "db" in names:
        return 0
    return 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Put Django's test order back.  pytest-django sorts first, but pytest then regroups the
    tests by pytest-playwright's session-wide browser parameter, which can run transactional
    browser tests before ordinary ones that need the data migrations' rows."""
    items.sort(key=_database_order)


@pytest.fixture(scope="session")
def served_demo():
    """The demo site as `make serve` runs it (nginx in front of gunicorn, production settings,
    collected static files, media served by nginx, brotli), seeded with seed_demo and the
    200-comment benchmark article, in a folder of its own; {"url", "env"}.  For the checkers
    that judge what readers get (Lighthouse, the Nu Html Checker, the screenshots); not the
    in-process demo_site of tests/site/test_seed_demo.py."""
    import shutil
    import tempfile

    from tests.helpers import (
        free_port,
        production_environment,
        render_nginx,
        run_manage,
        start_gunicorn,
        start_nginx,
        stop,
    )

    folder = Path(tempfile.mkdtemp(prefix="pulse-demo-site-"))
    folder.chmod(0o755)  # nginx's unprivileged workers read static and media here
    app_port = free_port()
    port = free_port(taken={app_port})
    url = f"http://127.0.0.1:{port}"
    env = production_environment(folder, url, PULSE_PROXY_PURGE_URL=f"{url}/_purge")
    servers = []
    try:
        run_manage(env, "migrate", "--noinput")
        run_manage(env, "collectstatic", "--noinput")
        run_manage(env, "seed_demo", "--force", timeout=300)
        run_manage(env, "seed_bench", "--comments", "200", timeout=300)
        conf, run_dir = render_nginx(env, folder, port, app_port)
        servers.append(start_gunicorn(env, app_port))
        servers.append(start_nginx(conf, run_dir, port))
        yield {"url": url, "env": env}
    finally:
        for server in reversed(servers):
            stop(server)
        shutil.rmtree(folder, ignore_errors=True)
