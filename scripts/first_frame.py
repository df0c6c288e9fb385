#!/usr/bin/env python3
"""Wall time from fork to a program's first frame in a 120x40 pty, median of N runs.

    python3 scripts/first_frame.py MARKER [--runs 5] [--env K=V ...] -- COMMAND ARGS...

With `--key K`, K is sent as soon as MARKER is out and the time is from then to the first
bytes of the answer (a key pressed right after the first frame). Otherwise the clock stops
when the output holds MARKER (for c34 the end of its status bar, `quit`;
for less the end of its first prompt); then `q` is sent and the child reaped. Prints each
run and the median, in milliseconds. Used for docs/performance.md.
"""
import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time


def once(command, marker, env, key):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.execvp(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    end = None
    deadline = start + 20
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if marker in seen:
            end = time.perf_counter()
            break
    if key is not None and end is not None:
        # A key pressed as soon as the first frame is out: the time until its answer starts.
        sent = time.perf_counter()
        os.write(fd, key)
        ready, _, _ = select.select([fd], [], [], 20)
        end = time.perf_counter() if ready else None
        start = sent
    os.write(fd, b"q")
    # Drain until the child leaves.
    while True:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            break
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
    os.waitpid(pid, 0)
    os.close(fd)
    if end is None:
        sys.exit(f"no {marker!r} in the output of {command}: {seen[-300:]!r}")
    return (end - start) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("marker")
    parser.add_argument("--key", help="time the answer to this key, sent after the first frame")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()
    env = {"TERM": "xterm-256color"}
    env.update(dict(pair.split("=", 1) for pair in args.env))
    key = args.key.encode() if args.key else None
    times = [once(args.command, args.marker.encode(), env, key) for _ in range(args.runs)]
    print(" ".join(f"{t:.1f}" for t in times), f"median {statistics.median(times):.1f} ms")


if __name__ == "__main__":
    main()
