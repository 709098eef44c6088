"""Write the nginx configuration for this site from deploy/nginx.conf.template, with the
paths and addresses filled in (``string.Template``), into a runtime folder of its own."""

import json
import os
from pathlib import Path
from string import Template

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.pagefiles import OWN, page_headers

TEMPLATE = Path(settings.BASE_DIR) / "deploy" / "nginx.conf.template"
SCHEMES = {"http": False, "https": True}


def nginx_string(value):
    """``value`` as a double-quoted nginx string; nginx has no escape for "$" (a variable),
    so a value holding one cannot be sent by the file tier."""
    if "$" in value or any(ord(character) < 32 for character in value):
        raise ValueError(f"a page header nginx cannot write as it is: {value!r}")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lua_table(headers):
    """``{name: value}`` as a Lua table (JSON's strings are Lua's, for ASCII)."""
    items = (f"[{json.dumps(name)}] = {json.dumps(value)}" for name, value in headers.items())
    return "{" + ", ".join(items) + "}"


def file_tier_headers():
    """The file tier's part of the configuration (deploy/pulse_pages.lua): the page headers
    per scheme as a Lua table, the maps for those that differ by scheme (HSTS is sent over
    HTTPS only), and the ``add_header`` lines of the file location."""
    per_scheme = {scheme: page_headers(secure) for scheme, secure in SCHEMES.items()}
    names = sorted(set().union(*per_scheme.values()))
    maps, lines = [], []
    for number, name in enumerate(names):
        values = {scheme: headers.get(name, "") for scheme, headers in per_scheme.items()}
        if len(set(values.values())) == 1:
            value = nginx_string(values["http"])
        else:  # an empty value: nginx leaves the header out
            value = f"$pulse_page_header_{number}"
            maps.append(
                f"    map $scheme {value} {{\n"
                f"        default {nginx_string(values['http'])};\n"
                f"        https {nginx_string(values['https'])};\n    }}"
            )
        lines.append(f"            add_header {name.title()} {value} always;")
    lua = ", ".join(f"{scheme} = {lua_table(headers)}" for scheme, headers in per_scheme.items())
    return {
        "page_headers_lua": "{" + lua + "}",
        "own_headers_lua": lua_table(dict.fromkeys(sorted(OWN), True)),
        "scheme_maps": "\n".join(maps),
        "page_file_headers": "\n".join(lines),
    }


def render(
    *,
    run_dir,
    listen,
    upstream,
    proxy_bind,
    purge_allow=("127.0.0.1",),
    user=None,
    cache_max_size="1g",
    drained=(),
):
    """The configuration text.  ``upstream`` is one app server's host:port or a list of
    them; those in ``drained`` get no new requests (``down``: a rolling restart takes one
    out, nginx -s reload, then restarts it).  ``user`` is the account nginx's workers run
    as, which only a master started as root can switch to (None: the one that starts it)."""
    servers = [upstream] if isinstance(upstream, str) else list(upstream)
    lines = [
        f"        server {server} max_fails=3 fail_timeout=5s{' down' * (server in drained)};"
        for server in servers
    ]
    if not settings.STATIC_ROOT or not settings.MEDIA_ROOT:
        raise ValueError("STATIC_ROOT and MEDIA_ROOT must be set (production settings do)")
    values = {
        "user_line": f"user {user};" if user else "# Workers run as the user who starts nginx.",
        "run_dir": str(run_dir),
        "listen": listen,
        "upstream_servers": "\n".join(lines),
        "proxy_bind": proxy_bind,
        "purge_allow": " ".join(f"allow {address};" for address in purge_allow),
        "static_root": str(Path(settings.STATIC_ROOT).resolve()),
        "media_root": str(Path(settings.MEDIA_ROOT).resolve()),
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "client_max_body_size": f"{settings.PULSE_MAX_IMAGE_BYTES // (1024 * 1024) + 1}m",
        "cache_max_size": cache_max_size,
        "lua_dir": str(TEMPLATE.parent.resolve()),
        "pages_user": json.dumps(user) if user else "nil",
        **file_tier_headers(),
    }
    return Template(TEMPLATE.read_text()).substitute(values)


class Command(BaseCommand):
    help = "Write the nginx configuration (deploy/nginx.conf.template) into a runtime folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--run-dir",
            default=str(Path(settings.BASE_DIR) / ".run" / "nginx"),
            help="Folder for the configuration, pid, logs, temporary files and the cache.",
        )
        parser.add_argument("--listen", default="127.0.0.1:8000", help="Address nginx listens on.")
        parser.add_argument(
            "--upstream",
            action="append",
            help="An app server's gunicorn (host:port); repeatable (default 127.0.0.1:8001).",
        )
        parser.add_argument(
            "--drain",
            action="append",
            default=[],
            help="An --upstream to send no new requests to (a rolling restart); repeatable.",
        )
        parser.add_argument(
            "--proxy-bind",
            default=(settings.PULSE_TRUSTED_PROXIES or ["127.0.0.2"])[0],
            help="Address nginx connects to gunicorn from: the one PULSE_TRUSTED_PROXIES names.",
        )
        parser.add_argument(
            "--purge-allow",
            action="append",
            help="An address allowed to purge the cache (repeatable; default 127.0.0.1).",
        )
        parser.add_argument(
            "--user",
            default="www-data" if os.geteuid() == 0 else "",
            help="Account for nginx's workers (default www-data when run as root).",
        )

    def handle(self, *args, **options):
        run_dir = Path(options["run_dir"]).resolve()
        try:
            run_dir.mkdir(parents=True, exist_ok=True)
            text = render(
                run_dir=run_dir,
                listen=options["listen"],
                upstream=options["upstream"] or ["127.0.0.1:8001"],
                proxy_bind=options["proxy_bind"],
                purge_allow=options["purge_allow"] or ["127.0.0.1"],
                user=options["user"] or None,
                drained=options["drain"],
            )
            conf = run_dir / "nginx.conf"
            conf.write_text(text)
        except (OSError, KeyError, ValueError) as error:
            raise CommandError(f"Could not write the nginx configuration: {error}") from error
        self.stdout.write(str(conf))
