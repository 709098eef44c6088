"""`make cluster`: the shape of a multi-machine Pulse on one machine, loopback only.

nginx (deploy/nginx.conf.template) balances two gunicorn app servers, "a" and "b" (each its
own port and workers, production settings), which share one PostgreSQL (a throwaway cluster,
as .ci/with-postgres starts one), one Redis (Debian's redis-server: the page cache and the
flood-control counters), one task worker (``manage.py db_worker``) and one media folder.
Everything lives in one folder (``.cluster/`` by default): data, logs, pid files, the
rendered configurations, the emails the worker sends (the file backend) and ``env``, the
addresses as shell assignments.

    python deploy/cluster.py start [--port 8080]   # make cluster
    python deploy/cluster.py stop                  # make cluster-stop
    python deploy/cluster.py restart a             # make cluster-restart APP=a

A restart is rolling: nginx stops sending the app server new requests (``down``, then a
graceful ``nginx -s reload`` whose old workers finish what they started), the app server
finishes its own requests and exits (SIGTERM is graceful in gunicorn), a new one starts and
answers /healthz, and nginx takes it back.  No request fails meanwhile; the other app server
answers them.  The tests (tests/system/) drive the same class, part by part.

This runs with the venv's Python but never imports Django: every Django step is manage.py
in a child process with the cluster's environment.
"""

import argparse
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
APPS = ("a", "b")
PORT_WAIT_SECONDS = 30
PROXY_BIND = "127.0.0.2"  # nginx connects to gunicorn from here (PULSE_TRUSTED_PROXIES)
# Variables the cluster sets itself; the caller's own DJANGO_* and PULSE_* pass through.
OWN = {
    "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PULSE_CACHE_URL", "PULSE_MEDIA_ROOT",
    "PULSE_STATIC_ROOT", "PULSE_SITE_URL", "PULSE_PROXY_PURGE_URL", "PULSE_CACHE_DIR",
}  # fmt: skip


class ClusterError(Exception):
    """Something did not start or stop; the message says what and where its log is."""


def postgres_bin():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts[-3])
    if not found:
        raise ClusterError("PostgreSQL is missing: apt-get install -y postgresql")
    return found[-1].parent


def alive(pid, word):
    """Whether ``pid`` runs and is the program named ``word`` (never someone else's
    process that took over a stale pid).  A zombie child of ours is reaped."""
    try:
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return False
    # A command line read while the process is busy can come back empty: the state decides.
    return stat.rsplit(")", 1)[1].split()[0] != "Z" and (word in command or not command)


def wait_for(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise ClusterError(f"{what} within {seconds}s")


def answers(url):
    """Any HTTP answer (a 503 from /healthz while Redis is down is an answer)."""
    try:
        urllib.request.urlopen(url, timeout=2).close()
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


class Cluster:
    """One cluster's folder, ports and environment (kept in ``cluster.json`` so that
    ``stop`` and ``restart`` find what ``start`` made)."""

    def __init__(self, folder, *, port=8080, app_ports=None, pg_port=54380, redis_port=6380,
                 workers=2, env=None, static_root=None):  # fmt: skip
        self.folder = Path(folder).resolve()
        # Collected static files: the cluster's own, or a folder collected already (tests).
        self.static_root = Path(static_root or self.folder / "static").resolve()
        self.port = port
        self.app_ports = app_ports or {"a": port + 1, "b": port + 2}
        self.pg_port = pg_port
        self.redis_port = redis_port
        self.workers = workers
        self.extra = dict(env or {})
        self.drained = set()

    # Where things are.

    @classmethod
    def load(cls, folder):
        state = Path(folder).resolve() / "cluster.json"
        if not state.exists():
            raise ClusterError(f"No cluster in {folder} (run `make cluster` first).")
        data = json.loads(state.read_text())
        cluster = cls(folder, **{k: v for k, v in data.items() if k != "drained"})
        cluster.drained = set(data.get("drained", []))
        return cluster

    def save(self):
        data = {"port": self.port, "app_ports": self.app_ports, "pg_port": self.pg_port,
                "redis_port": self.redis_port, "workers": self.workers, "env": self.extra,
                "static_root": str(self.static_root), "drained": sorted(self.drained)}  # fmt: skip
        (self.folder / "cluster.json").write_text(json.dumps(data, indent=2) + "\n")

    def path(self, *parts):
        return self.folder.joinpath(*parts)

    @property
    def nginx_url(self):
        return f"http://127.0.0.1:{self.port}"

    def app_url(self, name):
        return f"http://127.0.0.1:{self.app_ports[name]}"

    @property
    def database_url(self):
        return f"postgres://pulse:pulse@127.0.0.1:{self.pg_port}/pulse"

    @property
    def cache_url(self):
        return f"redis://127.0.0.1:{self.redis_port}/0"

    def environment(self):
        """What every app process gets: production settings, the shared parts' addresses."""
        env = {k: v for k, v in os.environ.items() if k not in OWN}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY") or self.secret_key(),
            DJANGO_ALLOWED_HOSTS=env.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost"),
            # Plain HTTP on loopback: no redirect to HTTPS, cookies a browser sends back.
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_SECURE_COOKIES=env.get("DJANGO_SECURE_COOKIES", "0"),
            DJANGO_EMAIL_BACKEND=env.get(
                "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
            ),
            DJANGO_EMAIL_FILE_PATH=str(self.path("mail")),
            DATABASE_URL=self.database_url,
            PULSE_CACHE_URL=self.cache_url,
            PULSE_MEDIA_ROOT=str(self.path("media")),
            PULSE_STATIC_ROOT=str(self.static_root),
            PULSE_SITE_URL=self.nginx_url,
            PULSE_PROXY_PURGE_URL=f"{self.nginx_url}/_purge",
            PULSE_TRUSTED_PROXIES=PROXY_BIND,
        )
        env.update(self.extra)
        return env

    def secret_key(self):
        key = self.path("secret-key")
        if not key.exists():
            key.touch(mode=0o600)
            key.write_text(secrets.token_urlsafe(50))
        return key.read_text().strip()

    def manage(self, *args, timeout=600):
        done = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.environment(),
            capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip
        if done.returncode:
            raise ClusterError(f"manage.py {args[0]} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    # Processes: each in its own session, its pid in run/NAME.pid, its output in logs/.

    def pid(self, name):
        try:
            return int(self.path("run", f"{name}.pid").read_text())
        except (OSError, ValueError):
            return None

    def running(self, name, word):
        pid = self.pid(name)
        return pid is not None and alive(pid, word)

    def spawn(self, name, command):
        log = open(self.path("logs", f"{name}.log"), "ab")  # noqa: SIM115 (the child keeps it)
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.environment(), start_new_session=True,
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()
        self.path("run", f"{name}.pid").write_text(str(process.pid))
        return process.pid

    def terminate(self, name, word, sig=signal.SIGTERM, seconds=40):
        pid = self.pid(name)
        if pid is not None and alive(pid, word):
            os.kill(pid, sig)
            try:
                wait_for(lambda: not alive(pid, word), seconds, f"{name} did not stop")
            except ClusterError:
                os.kill(pid, signal.SIGKILL)
                wait_for(lambda: not alive(pid, word), 10, f"{name} did not die")
        self.path("run", f"{name}.pid").unlink(missing_ok=True)

    # PostgreSQL: initdb once, as the postgres user when we are root (it refuses root).

    def as_postgres(self, *command, check=True):
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        done = subprocess.run([*prefix, *map(str, command)], capture_output=True, text=True)
        if check and done.returncode:
            raise ClusterError(f"{Path(command[0]).name} failed: {done.stderr.strip()}")
        return done

    def start_postgres(self):
        data, pgbin = self.path("postgres"), postgres_bin()
        fresh = not (data / "PG_VERSION").exists()
        if fresh:
            data.mkdir(mode=0o700, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(data, "postgres", "postgres")
            self.as_postgres(pgbin / "initdb", "-D", data, "--auth=trust", "--username=postgres",
                             "-E", "UTF8")  # fmt: skip
        if self.as_postgres(pgbin / "pg_ctl", "-D", data, "status", check=False).returncode:
            options = (f"-p {self.pg_port} -k {data} -c listen_addresses=127.0.0.1 "
                       "-c fsync=off -c max_connections=100")  # fmt: skip
            start = [pgbin / "pg_ctl", "-D", data, "-w", "-t", "60", "-l", data / "server.log",
                     "-o", options, "start"]  # fmt: skip
            # The port may be held for a moment by a client connection that the kernel gave
            # it as its own (54380 is in Linux's ephemeral range): wait for it, not fail.
            log = data / "server.log"
            deadline = time.monotonic() + PORT_WAIT_SECONDS
            while True:
                seen = log.stat().st_size if log.exists() else 0
                done = self.as_postgres(*start, check=False)
                if not done.returncode:
                    break
                with log.open("rb") as lines:
                    lines.seek(seen)
                    said = lines.read().decode(errors="replace")
                if "Address already in use" not in said or time.monotonic() > deadline:
                    raise ClusterError(f"pg_ctl failed: {done.stderr.strip()}")
                time.sleep(1)
        if fresh:
            psql = [pgbin / "psql", "-h", "127.0.0.1", "-p", self.pg_port, "-U", "postgres", "-q"]
            self.as_postgres(*psql, "-c", "CREATE ROLE pulse LOGIN CREATEDB PASSWORD 'pulse'")
            self.as_postgres(*psql, "-c", "CREATE DATABASE pulse OWNER pulse")

    def stop_postgres(self):
        data = self.path("postgres")
        if (data / "PG_VERSION").exists():
            self.as_postgres(postgres_bin() / "pg_ctl", "-D", data, "-m", "fast", "-w",
                             "stop", check=False)  # fmt: skip

    # Redis: a configuration of our own, no persistence (a cache and counters).

    def start_redis(self):
        if self.running("redis", "redis-server"):
            return
        self.path("redis").mkdir(exist_ok=True)
        conf = self.path("redis", "redis.conf")
        conf.write_text(
            f"bind 127.0.0.1\nport {self.redis_port}\nprotected-mode yes\ndaemonize no\n"
            f'dir {self.path("redis")}\nsave ""\nappendonly no\nloglevel warning\n'
        )
        self.spawn("redis", ["redis-server", str(conf)])
        wait_for(self.redis_answers, 15, f"Redis did not answer on :{self.redis_port}")

    def redis_answers(self):
        import socket

        try:
            with socket.create_connection(("127.0.0.1", self.redis_port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop_redis(self):
        self.terminate("redis", "redis-server")

    # The app servers and the task worker.

    def start_app(self, name, wait=True):
        """Start app server ``name`` unless it runs; with ``wait``, return once it answers."""
        if not self.running(f"app-{name}", "gunicorn"):
            # --preload: the app is imported once, before the workers are forked (a new
            # release is a new master: a restart here, never a HUP).
            self.spawn(f"app-{name}", [
                PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py",
                "config.wsgi:application", "--preload",
                "--bind", f"127.0.0.1:{self.app_ports[name]}", "--workers", str(self.workers),
                "--forwarded-allow-ips", PROXY_BIND, "--graceful-timeout", "30",
                "--no-control-socket",
            ])  # fmt: skip
        if wait:
            self.wait_for_app(name)

    def wait_for_app(self, name):
        pid = self.pid(f"app-{name}")
        wait_for(
            lambda: answers(f"{self.app_url(name)}/healthz") or not alive(pid, "gunicorn"),
            90, f"app server {name} did not answer (see {self.path('logs', f'app-{name}.log')})",
        )  # fmt: skip
        if not alive(pid, "gunicorn") and not (time.sleep(0.5) or alive(pid, "gunicorn")):
            tail = self.path("logs", f"app-{name}.log").read_text()[-1500:]
            raise ClusterError(f"app server {name} exited; the end of its log:\n{tail}")

    def stop_app(self, name):
        self.terminate(f"app-{name}", "gunicorn")

    def app_workers(self, name):
        """The pids of an app server's gunicorn workers (the master's children)."""
        master = self.pid(f"app-{name}")
        children = Path(f"/proc/{master}/task/{master}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def start_worker(self):
        if not self.running("worker", "cluster.py"):
            self.spawn("worker", [PYTHON, __file__, "supervise-worker"])

    def stop_worker(self):
        self.terminate("worker", "cluster.py")

    # nginx: rendered from the template, started as a daemon, reloaded gracefully.

    def render_nginx(self):
        args = ["render_nginx", "--run-dir", str(self.path("nginx")), "--listen",
                f"127.0.0.1:{self.port}", "--proxy-bind", PROXY_BIND]  # fmt: skip
        for name in APPS:
            args += ["--upstream", f"127.0.0.1:{self.app_ports[name]}"]
            if name in self.drained:
                args += ["--drain", f"127.0.0.1:{self.app_ports[name]}"]
        conf = self.manage(*args).strip()
        self.nginx("-t", "-q", conf=conf)
        return conf

    def nginx(self, *args, conf=None):
        run = str(self.path("nginx")) + "/"
        conf = conf or str(self.path("nginx", "nginx.conf"))
        done = subprocess.run(["nginx", "-c", conf, "-p", run, "-e", f"{run}error.log", *args],
                              capture_output=True, text=True, timeout=60)  # fmt: skip
        if done.returncode:
            raise ClusterError(f"nginx {' '.join(args)} failed: {done.stderr.strip()}")

    def nginx_pid(self):
        try:
            return int(self.path("nginx", "nginx.pid").read_text())
        except (OSError, ValueError):
            return None

    def nginx_running(self):
        pid = self.nginx_pid()
        return pid is not None and alive(pid, "nginx")

    def start_nginx(self):
        self.render_nginx()
        if self.nginx_running():
            self.reload_nginx()
            return
        self.nginx()
        wait_for(lambda: answers(f"{self.nginx_url}/static/"), 15, "nginx did not answer")

    def reload_nginx(self):
        """Apply the configuration; return once the old workers have finished their
        requests and exited (so nothing is still on its way to a drained app server)."""
        master = self.nginx_pid()
        before = set(self.children(master))
        self.nginx("-s", "reload")
        wait_for(lambda: not before & set(self.children(master)), 60,
                 "nginx's old workers did not finish")  # fmt: skip

    @staticmethod
    def children(pid):
        try:
            return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            return []

    def stop_nginx(self):
        pid = self.nginx_pid()
        if pid is not None and alive(pid, "nginx"):
            os.kill(pid, signal.SIGQUIT)  # graceful: finish the requests in flight
            wait_for(lambda: not alive(pid, "nginx"), 40, "nginx did not stop")

    # The whole.

    def collect_static(self):
        """collectstatic (which compresses every file: slow), unless its manifest is newer
        than every file in static/."""
        manifest = self.static_root / "staticfiles.json"
        sources = (path.stat().st_mtime for path in (ROOT / "static").rglob("*") if path.is_file())
        if not manifest.exists() or manifest.stat().st_mtime < max(sources, default=0):
            self.manage("collectstatic", "--noinput", "--verbosity", "0")

    def is_empty(self):
        code = "from articles.models import Article; print(Article.objects.exists())"
        return self.manage("shell", "--verbosity", "0", "-c", code).strip() == "False"

    def start(self, seed=True):
        """Start whatever is not running; migrate, and seed the demo site (``seed``) when
        the database has no article yet."""
        for folder in ("", "run", "logs", "media", "mail"):
            self.path(folder).mkdir(parents=True, exist_ok=True)
        # nginx's workers (www-data when started as root) read static and media files.
        self.folder.chmod(0o755)
        self.save()
        self.start_postgres()
        self.start_redis()
        self.manage("migrate", "--noinput", "--verbosity", "0")
        if seed and self.is_empty():
            self.manage("seed_demo", "--force")
        self.collect_static()
        for name in APPS:  # both boot at once
            self.start_app(name, wait=False)
        for name in APPS:
            self.wait_for_app(name)
        self.start_worker()
        self.start_nginx()
        self.write_env()

    def stop(self):
        self.stop_nginx()
        for name in APPS:  # all at once: each finishes the requests in hand
            pid = self.pid(f"app-{name}")
            if pid is not None and alive(pid, "gunicorn"):
                os.kill(pid, signal.SIGTERM)
        for name in APPS:
            self.stop_app(name)
        self.stop_worker()
        self.stop_redis()
        self.stop_postgres()

    def restart_app(self, name):
        if name not in APPS:
            raise ClusterError(f"No app server {name!r}: the cluster has {', '.join(APPS)}.")
        self.drain({name})  # returns when nothing is left in flight to it
        self.stop_app(name)
        self.start_app(name)
        self.drain(set())

    def drain(self, names):
        """Mark the app servers ``names`` ``down`` in the rendered nginx configuration (and
        the others up), then reload nginx.  The rendered file is edited in place, as
        render_nginx writes it with ``drained``: starting Django to render it again would
        double the time a restart takes."""
        self.drained = set(names)
        self.save()
        conf = self.path("nginx", "nginx.conf")
        text = conf.read_text()
        for name in APPS:
            address = re.escape(f"127.0.0.1:{self.app_ports[name]}")
            down = " down" if name in self.drained else ""
            text = re.sub(rf"(server {address} [^;]*?)(?: down)?;", rf"\g<1>{down};", text)
        conf.write_text(text)
        self.nginx("-t", "-q")
        self.reload_nginx()

    def addresses(self):
        return {
            "NGINX_URL": self.nginx_url,
            "APP_A_URL": self.app_url("a"),
            "APP_B_URL": self.app_url("b"),
            "DATABASE_URL": self.database_url,
            "PULSE_CACHE_URL": self.cache_url,
        }

    def write_env(self):
        lines = [f"{key}={shlex.quote(value)}" for key, value in self.addresses().items()]
        self.path("env").write_text("\n".join(lines) + "\n")

    def describe(self):
        a = self.addresses()
        return "\n".join([
            f"Pulse cluster (folder {self.folder}):",
            f"  nginx          {a['NGINX_URL']}",
            f"  app server a   {a['APP_A_URL']}  ({self.workers} workers)",
            f"  app server b   {a['APP_B_URL']}  ({self.workers} workers)",
            f"  DATABASE_URL   {a['DATABASE_URL']}",
            f"  PULSE_CACHE_URL {a['PULSE_CACHE_URL']}",
            f"Shell assignments in {self.path('env')}; logs in {self.path('logs')}/; emails in "
            f"{self.path('mail')}/.",
            "make cluster-restart APP=a (or b) restarts one app server; make cluster-stop "
            "stops all.",
        ])  # fmt: skip


def supervise_worker():
    """Run ``manage.py db_worker`` and start it again whenever it exits on its own, as
    systemd's Restart= would: the worker gives up when the database goes away (PostgreSQL
    restarting), and queued emails must still go out once it is back.  SIGTERM is passed on
    (the worker finishes the task in hand, then exits) and ends the supervision."""
    stopping = False
    child = None

    def stop(signum, frame):
        nonlocal stopping
        stopping = True
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while not stopping:
        # One stable id: a restarted worker requeues what it was running when it died.
        child = subprocess.Popen([PYTHON, "manage.py", "db_worker", "--interval", "0.5",
                                  "--worker-id", "cluster-worker"], cwd=ROOT)  # fmt: skip
        if stopping:  # the signal came before ``child`` named this process
            child.send_signal(signal.SIGTERM)
        code = child.wait()
        if not stopping:
            line = {"time": time.strftime("%Y-%m-%dT%H:%M:%S"), "level": "WARNING",
                    "logger": "pulse.cluster",
                    "message": f"db_worker exited ({code}); starting it again in 2s"}  # fmt: skip
            print(json.dumps(line), file=sys.stderr, flush=True)
            time.sleep(2)
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "command", choices=["start", "stop", "restart", "status", "supervise-worker"]
    )
    parser.add_argument("app", nargs="?", help="a or b (restart)")
    parser.add_argument("--folder", default=str(ROOT / ".cluster"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("CLUSTER_PORT", 8080)))
    parser.add_argument("--pg-port", type=int, default=54380)
    parser.add_argument("--redis-port", type=int, default=6380)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    args = parser.parse_args(argv)
    if args.command == "supervise-worker":  # started by Cluster.start_worker
        return supervise_worker()
    try:
        if args.command == "start":
            state = Path(args.folder) / "cluster.json"
            if state.exists():
                cluster = Cluster.load(args.folder)
            else:
                cluster = Cluster(args.folder, port=args.port, pg_port=args.pg_port,
                                  redis_port=args.redis_port, workers=args.workers)  # fmt: skip
            cluster.start()
            print(cluster.describe())
        elif args.command == "stop":
            if (Path(args.folder) / "cluster.json").exists():
                Cluster.load(args.folder).stop()
            print("Pulse cluster stopped (its data stays in the folder; remove it to start anew).")
        elif args.command == "restart":
            Cluster.load(args.folder).restart_app(args.app or "")
            print(f"App server {args.app} restarted; nginx sends it requests again.")
        else:
            print(Cluster.load(args.folder).describe())
    except ClusterError as error:
        print(f"cluster: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
