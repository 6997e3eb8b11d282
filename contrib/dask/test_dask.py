#!/usr/bin/python3
"""The Dask integration, run for real (make test-dask): a LocalCluster of
three worker processes on 127.0.0.1, a corpus through summarize_dask.py
(connected to it by address, as to a real cluster, then once with
--local), the result compared record for record with `summarize batch` on
this machine; the cluster's processes are stopped and checked gone by
their PIDs."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from distributed import Client, LocalCluster

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUMMARIZE = os.path.join(ROOT, "bin", "summarize")
SCRIPT = os.path.join(ROOT, "contrib", "dask", "summarize_dask.py")


def fail(msg):
    sys.stderr.write("test_dask: FAIL: %s\n" % msg)
    sys.exit(1)


def corpus(path, n):
    """n records cut from the texts we wrote (spec/fixtures, examples),
    with empty, invalid and malformed ones among them."""
    sentences = []
    for d in ("spec/fixtures", "examples"):
        for name in sorted(os.listdir(os.path.join(ROOT, d))):
            full = os.path.join(ROOT, d, name)
            if name.endswith(".txt") and os.path.isfile(full):
                with open(full, encoding="utf-8") as f:
                    sentences += [s for s in f.read().split("\n") if len(s) > 40]
    with open(path, "wb") as out:
        for i in range(n):
            if i % 41 == 7:
                out.write(b'{"id":"bad-%d","text":"Bad \xff byte here. Then a sentence that reads well."}\n' % i)
            elif i % 37 == 5:
                out.write(b"not a record\n")
            elif i % 29 == 3:
                out.write(json.dumps({"id": "empty-%d" % i, "text": ""}).encode() + b"\n")
            else:
                k = 2 + i % 5
                text = "\n\n".join(sentences[(i * 7 + j * 3) % len(sentences)] for j in range(k))
                rec = {"id": "doc-%d" % i, "text": text}
                if i % 11 == 0:
                    rec["options"] = {"sentences": 1}
                out.write(json.dumps(rec).encode() + b"\n")


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie of ours is gone but for its exit status
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


def stop_by_pid(pids):
    """Waits for each PID to end; ends those left by their PID."""
    deadline = time.time() + 20
    while time.time() < deadline and any(alive(p) for p in pids):
        time.sleep(0.2)
    left = [p for p in pids if alive(p)]
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for p in left:
            try:
                os.kill(p, sig)
            except ProcessLookupError:
                pass
        time.sleep(1)
        left = [p for p in left if alive(p)]
    return left


def main():
    tmp = tempfile.mkdtemp(prefix="precis-dask-")
    src = os.path.join(tmp, "corpus.jsonl")
    single = os.path.join(tmp, "single.jsonl")
    remote = os.path.join(tmp, "remote.jsonl")
    local = os.path.join(tmp, "local.jsonl")
    corpus(src, 400)
    opts = ["--", "-n", "2"]

    status = subprocess.run([SUMMARIZE, "batch", "--quiet", "-o", single, "-n", "2", src]).returncode
    if status != 1:  # some records fail on purpose
        fail("summarize batch exited %d" % status)
    with open(single, "rb") as f:
        want = f.read().splitlines()
    if len(want) != 400:
        fail("summarize batch wrote %d records for 400" % len(want))

    cluster = LocalCluster(n_workers=3, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None)
    client = Client(cluster)
    pids = []
    try:
        pids = sorted(client.run(os.getpid).values())
        pids += [w.process.pid for w in cluster.workers.values()
                 if getattr(w, "process", None) is not None and w.process.pid]
        if len(set(pids)) < 3:
            fail("expected three worker processes, got PIDs %s" % pids)
        address = cluster.scheduler_address
        if not address.startswith("tcp://127.0.0.1:"):
            fail("the scheduler listens on %s, not the loopback" % address)
        status = subprocess.run([sys.executable, SCRIPT, "--scheduler", address,
                                 "--partition-lines", "23", "--summarize", SUMMARIZE,
                                 src, remote] + opts).returncode
        if status != 1:
            fail("summarize_dask.py --scheduler exited %d" % status)
        ran_on = client.run(lambda: os.getpid())
        if len(ran_on) != 3:
            fail("the cluster lost workers: %s" % ran_on)
    finally:
        client.close()
        cluster.close()
    left = stop_by_pid(pids)
    if left:
        fail("processes of the cluster still ran after it closed, ended by PID: %s" % left)

    with open(remote, "rb") as f:
        got = f.read().splitlines()
    if got != want:
        for k, (a, b) in enumerate(zip(got, want)):
            if a != b:
                fail("record %d differs:\n  dask:   %s\n  single: %s" % (k + 1, a[:200], b[:200]))
        fail("dask wrote %d records, summarize batch %d" % (len(got), len(want)))
    ids = [json.loads(line)["id"] for line in got]
    if len(set(ids)) != len(ids):
        fail("an id appears twice")

    # --local: the script starts and stops a cluster of its own
    status = subprocess.run([sys.executable, SCRIPT, "--local", "2", "--partition-lines", "64",
                             "--summarize", SUMMARIZE, src, local] + opts).returncode
    with open(local, "rb") as f:
        if status != 1 or f.read().splitlines() != want:
            fail("summarize_dask.py --local 2 gave another output (exit %d)" % status)

    subprocess.run(["rm", "-rf", tmp])
    print("test_dask: ok - 400 records through a LocalCluster of 3 workers (and of 2) equal "
          "summarize batch's, record for record; the cluster's %d processes are gone" % len(set(pids)))


if __name__ == "__main__":
    main()
