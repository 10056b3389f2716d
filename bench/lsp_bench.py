#!/usr/bin/env python3
"""Drives `seldon-lint lsp` over a repository and times re-lints after one-line edits.

    python3 bench/lsp_bench.py BINARY TREE FILE [--edits N] [--jobs N]

Opens FILE (relative to TREE), then sends N incremental didChange notifications, each
a one-line edit (the `numPartitions:` value alternates), and times each from the send
to the publishDiagnostics of that document version.  Prints the initial lint time,
median and p95 re-lint latency, the server's CPU time per re-lint (a check on a shared
machine, where wall time includes waiting for a core), the load average, and the server's
resident memory (current and peak).
"""
import argparse
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "lsp"))
from lsp_client import Client, uri_of  # noqa: E402


def rss_kb(pid):
    fields = {}
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            name, _, value = line.partition(":")
            fields[name] = value.strip()
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def cpu_ms(pid):
    """User + system CPU time the process has used, in ms (all threads)."""
    with open("/proc/%d/stat" % pid) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return ticks * 1000.0 / os.sysconf("SC_CLK_TCK")


def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100.0 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("tree")
    parser.add_argument("file")
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    tree = os.path.abspath(args.tree)
    path = os.path.join(tree, args.file)
    text = open(path).read()
    lines = text.split("\n")
    line_no = next(i for i, l in enumerate(lines) if l.strip().startswith("numPartitions:"))
    line = lines[line_no]
    column = line.index(":") + 2
    old_len = len(line) - column

    log = tempfile.NamedTemporaryFile(prefix="lsp-bench-", suffix=".log", delete=False).name
    client = Client(os.path.abspath(args.binary), tree, log, jobs=args.jobs)
    start = time.monotonic()
    client.initialize(tree)
    uri = uri_of(path)
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml",
                                                            "version": 0, "text": text}})
    client.diagnostics(uri, timeout=300)
    initial = time.monotonic() - start
    client.notifications.clear()

    latencies = []
    cpu = []
    for version in range(1, args.edits + 1):
        value = str(4 + version % 2)
        change = {"range": {"start": {"line": line_no, "character": column},
                            "end": {"line": line_no, "character": column + old_len}},
                  "text": value}
        old_len = len(value)
        sent = time.monotonic()
        cpu_before = cpu_ms(client.proc.pid)
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [change]})
        client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri and m["params"].get("version") == version,
                    timeout=120)
        latencies.append((time.monotonic() - sent) * 1000.0)
        cpu.append(cpu_ms(client.proc.pid) - cpu_before)
        client.notifications.clear()
    rss, peak = rss_kb(client.proc.pid)
    client.stop()
    files = "?"
    for l in open(log):
        if "linted " in l:
            files = l.split("linted ")[1].split(" files")[0]
    print("files in the model:     %s" % files)
    print("initial lint:           %.0f ms (initialize to the first diagnostics)" % (initial * 1000))
    print("re-lint after an edit:  median %.1f ms, p95 %.1f ms, min %.1f ms, max %.1f ms (%d edits)"
          % (statistics.median(latencies), percentile(latencies, 95), min(latencies),
             max(latencies), len(latencies)))
    print("server CPU per re-lint: median %.0f ms, p95 %.0f ms (user+system, all threads; "
          "10 ms clock ticks)" % (statistics.median(cpu), percentile(cpu, 95)))
    load = open("/proc/loadavg").read().split()[0]
    print("machine load average:   %s on %d hardware threads" % (load, os.cpu_count()))
    print("server memory:          RSS %.1f MB, peak %.1f MB" % (rss / 1024.0, peak / 1024.0))
    if os.environ.get("LSP_BENCH_KEEP_LOG"):
        print("server log: " + log)
    else:
        os.unlink(log)


if __name__ == "__main__":
    main()
