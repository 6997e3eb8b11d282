#!/usr/bin/python3
"""summarize_dask.py: `summarize batch` on a Dask cluster.

Cuts a JSON Lines corpus into partitions of whole lines, runs
`summarize batch` on each partition on the cluster's workers (one process
per task, reading the partition on standard input), and writes the records
back in input order: the output is the one `summarize batch` writes on one
machine, byte for byte.

    summarize_dask.py --local 4 corpus.jsonl out.jsonl -- -n 2
    summarize_dask.py --scheduler tcp://head:8786 corpus.jsonl out.jsonl

--local N starts a LocalCluster of N worker processes on 127.0.0.1 and
stops it at the end; --scheduler ADDR connects to a running cluster (each
worker needs `summarize` on its PATH, or --summarize PATH). Options after
"--" go to `summarize batch`. The exit status is summarize's: 0, or 1 when
any record failed; 2 for a usage error or a task that failed.
"""

import argparse
import os
import subprocess
import sys

from distributed import Client, LocalCluster


def run_partition(data, command):
    """Runs on a worker: summarize batch on one partition's lines."""
    proc = subprocess.run(command, input=data, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    return proc.returncode, proc.stdout, proc.stderr


def partitions(path, lines_per_partition):
    """The input's lines, in order, in chunks of whole lines, each with the
    number of its first line."""
    chunk, first, number = [], 1, 0
    with open(path, "rb") as f:
        for line in f:
            number += 1
            if not line.endswith(b"\n"):
                line += b"\n"
            chunk.append(line)
            if len(chunk) == lines_per_partition:
                yield first, b"".join(chunk)
                chunk, first = [], number + 1
    if chunk:
        yield first, b"".join(chunk)


def run(client, args, out):
    """Submits the partitions, at most --in-flight at a time, and writes
    each partition's records as soon as every earlier one is written."""
    # records without an id are named by file and line, as on one machine
    command = [args.summarize, "batch", "--jobs", str(args.jobs), "--quiet",
               "--stdin-name", args.input] + args.options
    pending = {}      # partition number -> future
    done = {}         # partition number -> (status, stdout, stderr)
    next_out, status = 0, 0
    source = enumerate(partitions(args.input, args.partition_lines))
    exhausted = False
    while True:
        while not exhausted and len(pending) + len(done) < args.in_flight:
            try:
                k, (first, data) = next(source)
            except StopIteration:
                exhausted = True
                break
            # pure=False: two equal partitions are two tasks
            pending[k] = client.submit(run_partition, data,
                                       command + ["--stdin-line", str(first), "-"], pure=False)
        if next_out not in pending and next_out not in done:
            break
        if next_out not in done:
            done[next_out] = pending.pop(next_out).result()
        code, stdout, stderr = done.pop(next_out)
        if code not in (0, 1):
            sys.stderr.write("summarize_dask: partition %d: summarize exited %d: %s"
                             % (next_out, code, stderr.decode("utf-8", "replace")))
            return 2
        status = max(status, code)
        out.write(stdout)
        out.flush()
        next_out += 1
    return status


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--local", type=int, metavar="N", default=0,
                       help="start a LocalCluster of N worker processes on 127.0.0.1")
    where.add_argument("--scheduler", metavar="ADDR",
                       help="the address of a running Dask scheduler")
    parser.add_argument("--partition-lines", type=int, default=1000, metavar="K",
                        help="records per task (default 1000)")
    parser.add_argument("--in-flight", type=int, default=0, metavar="M",
                        help="partitions submitted and not yet written (default 4 per worker)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="threads of each summarize (default 1: the cluster's workers are the parallelism)")
    parser.add_argument("--summarize", default="summarize",
                        help="the summarize command on the workers (default: summarize on their PATH)")
    parser.add_argument("input", help="a JSON Lines corpus")
    parser.add_argument("output", help="where the records go ('-': standard output)")
    parser.add_argument("options", nargs="*", help="options of summarize batch, after --")
    args = parser.parse_args(argv)
    if args.partition_lines < 1 or args.local < 0 or args.jobs < 1:
        parser.error("--partition-lines, --local and --jobs take positive numbers")
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.local or os.cpu_count() or 1,
                               threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
        client = Client(cluster)
    try:
        workers = len(client.scheduler_info()["workers"]) or 1
        if args.in_flight < 1:
            args.in_flight = 4 * workers
        if args.output == "-":
            return run(client, args, sys.stdout.buffer)
        with open(args.output, "wb") as out:
            return run(client, args, out)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
