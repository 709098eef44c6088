"""`make cluster` waits for PostgreSQL's port when something holds it for a moment (a client
connection the kernel gave that port to), instead of failing; a port that stays taken is
still a clear error."""

import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import psycopg
import pytest

from deploy import cluster as cluster_module
from deploy.cluster import Cluster, ClusterError
from tests.helpers import free_port


@pytest.fixture
def pg_only():
    folder = Path(tempfile.mkdtemp(prefix="pulse-pg-port-"))
    folder.chmod(0o755)  # PostgreSQL runs as its own user, as in Cluster.start
    made = Cluster(folder, port=free_port(), pg_port=free_port())
    yield made
    made.stop_postgres()
    shutil.rmtree(folder, ignore_errors=True)


def hold(port, seconds):
    """Hold 127.0.0.1:port (listening, as a stray process would) for ``seconds``."""
    holder = socket.socket()
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    holder.bind(("127.0.0.1", port))
    holder.listen()
    timer = threading.Timer(seconds, holder.close)
    timer.start()
    return timer


def test_postgres_waits_for_a_port_held_for_a_moment(pg_only):
    started = time.monotonic()
    hold(pg_only.pg_port, 3)
    pg_only.start_postgres()
    assert time.monotonic() - started >= 3
    with psycopg.connect(pg_only.database_url, connect_timeout=5) as connection:
        assert connection.execute("select 1").fetchone() == (1,)


def test_a_port_that_stays_taken_is_a_clear_error(pg_only, monkeypatch):
    monkeypatch.setattr(cluster_module, "PORT_WAIT_SECONDS", 2)
    timer = hold(pg_only.pg_port, 30)
    try:
        with pytest.raises(ClusterError, match="pg_ctl failed"):
            pg_only.start_postgres()
    finally:
        timer.cancel()
        timer.function()
