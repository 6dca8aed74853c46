"""`python -m tests.support.poller URL`: GET URL every 0.1 s until stopped, printing each
answer's latency (seconds) and status, one per line.

It runs in a process of its own so that what it measures is the server, not the threads of
the test that drives the load (they share one GIL with anything polling from there)."""

from __future__ import annotations

import signal
import sys
import time

import httpx


def main(url: str) -> None:
    stop = False

    def halt(*_: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, halt)
    with httpx.Client(timeout=30) as client:
        while not stop:
            started = time.monotonic()
            try:
                status = client.get(url).status_code
            except httpx.HTTPError:
                status = 0
            print(f"{time.monotonic() - started:.4f} {status}", flush=True)
            time.sleep(0.1)


if __name__ == "__main__":
    main(sys.argv[1])
