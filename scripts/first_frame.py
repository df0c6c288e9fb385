#!/usr/bin/env python3
"""Wall time from fork to a program's first frame in a 120x40 pty, median of N runs.

    python3 scripts/first_frame.py MARKER [--runs 5] [--env K=V ...] -- COMMAND ARGS...

With `--key K`, K is sent as soon as MARKER is out and the time is from then to the first
bytes of the answer (a key pressed right after the first frame). Otherwise the clock stops
when the output holds MARKER (for c34 the end of its status bar, `quit`;
for less the end of its first prompt); then `q` is sent and the child reaped. Prints each
run and the median, in milliseconds. Used for docs/performance.md.

    python3 scripts/first_frame.py --runs 60 --case 'LABEL|MARKER|K=V,K=V|COMMAND ARGS' ...

compares programs: one run of each case in turn, over and over, each round starting with
the next case, so that a machine that speeds up or slows down during the measurement (a
shared 2-core VM does, by a millisecond) moves every case alike. Prints each case's median and quartiles.
"""
import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time


def once(command, marker, env, key):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        # The size is set before the program starts, so it never sees a resize.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.environ.update(env)
        os.execvp(command[0], command)
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
    # A program that missed the `q` is stopped, so one lost key cannot hang the measurement.
    for _ in range(40):
        if os.waitpid(pid, os.WNOHANG)[0]:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)
    if end is None:
        sys.exit(f"no {marker!r} in the output of {command}: {seen[-300:]!r}")
    return (end - start) * 1000


def compare(cases, runs, key):
    """One run of each case in turn, `runs` times; the median and quartiles of each."""
    parsed = []
    for case in cases:
        label, marker, env, command = case.split("|", 3)
        env = dict(pair.split("=", 1) for pair in env.split(",") if pair)
        parsed.append((label, marker.encode(), {"TERM": "xterm-256color", **env}, command.split()))
    times = {label: [] for label, *_ in parsed}
    for round_ in range(runs):
        # Each round starts with the next case: the first run of a round is slower (by
        # about 0.3 ms here), and every case takes that place as often.
        turn = round_ % len(parsed)
        for label, marker, env, command in parsed[turn:] + parsed[:turn]:
            times[label].append(once(command, marker, env, key))
    for label, values in times.items():
        values.sort()
        quartile = lambda q: values[round(q * (len(values) - 1))]
        print(f"{label:<12} median {statistics.median(values):.2f} ms"
              f"  (quartiles {quartile(0.25):.2f}-{quartile(0.75):.2f}, {len(values)} runs)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--key", help="time the answer to this key, sent after the first frame")
    parser.add_argument("--runs", type=int, default=5)
    if any(arg.split("=")[0] == "--case" for arg in sys.argv[1:]):
        parser.add_argument("--case", action="append", required=True,
                            help="LABEL|MARKER|K=V,...|COMMAND ARGS: compare cases, interleaved")
        args = parser.parse_args()
        compare(args.case, args.runs, args.key.encode() if args.key else None)
        return
    parser.add_argument("marker")
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
