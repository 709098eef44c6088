"""Wait until a URL answers (any HTTP status), at most SECONDS: `python deploy/wait_for.py
URL [SECONDS]`.  Exits 1 with one line on stderr when it never does."""

import sys
import time
import urllib.error
import urllib.request


def main(url, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return 0
        except urllib.error.HTTPError:
            return 0
        except OSError:
            time.sleep(0.25)
    print(f"{url} did not answer within {seconds:g}s", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 30.0))
