"""Runs `zh-article annotate --jsonl` (or `fix --jsonl`) as the map step of a Dask job.

A LocalCluster (a scheduler and two worker processes on 127.0.0.1) reads a partitioned JSONL
corpus with dask.bag, pipes each partition through the CLI, and writes the result lines in
partition order. Used by test/engines/dask.test.ts; the README's Dask recipe is this script.

usage: dask_pipe.py OUT.jsonl PART.jsonl... -- COMMAND...
"""
import json
import subprocess
import sys
import tempfile


def pipe_partition(lines, command):
    """One partition (a list of JSONL lines) through the CLI; its output lines, in order."""
    from distributed import get_worker

    # Lines were read with surrogateescape, so bytes that are not UTF-8 reach the CLI unchanged
    # (and come back as its error lines) instead of failing the partition.
    data = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    proc = subprocess.run(command, input=data.encode("utf-8", "surrogateescape"), capture_output=True, check=False)
    # Exit 1 is a partition with bad records (their error lines are in the output), not a failure.
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{command[0]} exited with {proc.returncode}: {proc.stderr.decode('utf-8', 'replace')}")
    out = proc.stdout.decode("utf-8").splitlines()
    return [json.dumps({"worker": get_worker().address, "lines": out})]


def main(argv):
    sep = argv.index("--")
    out_file, parts, command = argv[0], argv[1:sep], argv[sep + 1 :]
    import dask.bag as db
    from distributed import Client, LocalCluster

    with tempfile.TemporaryDirectory() as scratch, LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        local_directory=scratch,
    ) as cluster, Client(cluster) as client:
        workers = sorted(client.scheduler_info()["workers"])
        # One partition per input file, results gathered in partition order.
        bag = db.read_text(parts, encoding="utf-8", errors="surrogateescape").map_partitions(pipe_partition, command)
        results = [json.loads(r) for r in bag.compute()]
    with open(out_file, "w", encoding="utf-8") as f:
        for r in results:
            for line in r["lines"]:
                f.write(line + "\n")
    used = sorted({r["worker"] for r in results})
    print(json.dumps({"workers": workers, "used": used, "partitions": len(results)}))


if __name__ == "__main__":
    main(sys.argv[1:])
