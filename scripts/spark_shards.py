#!/usr/bin/env python3
"""Runs `tablemend extract` through Apache Spark (pyspark, local mode) and checks that the
records Spark collects are exactly those of one plain local run.

In:   input paths, from one of
        --list FILE   a file list, one path per line (as `--files-from` reads it),
        DIR           a folder, walked for .md/.markdown/.html/.htm/.txt files (sorted),
        (nothing)     --copies N (default 10) copies of corpus/ in a temporary folder
                      (10 × 35 = 350 documents).
      --bin PATH (default target/release/tablemend; build it first — the wrapper
      scripts/spark_shards.sh does), --master (default local[2]), --partitions P (default 4),
      --shards N (default 4).
Does: 1. one local run: `tablemend extract --files-from LIST -f jsonl -q`;
      2. Spark, file-list pattern: an RDD of the paths in P partitions, each partition piped
         (`rdd.pipe`) through `tablemend extract --files-from - -f jsonl -q -j 1`, which reads the
         partition's paths on standard input, one per line, and writes its records as JSONL
         lines on standard output; the lines are collected;
      3. Spark, shard pattern: an RDD of the shard numbers 1..N in N partitions, each piped
         through `xargs -I{} tablemend extract --files-from LIST --shard {}/N -f jsonl -q -j 1`
         (the task reads its K on standard input; LIST must be readable by every worker);
      and compares each collected set of lines with the local run's as a sorted multiset
      (also reporting whether the order is the same).
Out:  counts and timings per step, PASS/FAIL per pattern, exit 0 when both match, 1 on a
      mismatch, 2 on a setup error (no inputs, local run failed, Spark failed to start).
Needs: Java 17+, pyspark (`pip install pyspark`; the wrapper installs it into target/spark-venv).
      Run by hand, not part of CI:
        scripts/spark_shards.sh                          # 10 copies of corpus/, local[2]
        scripts/spark_shards.sh --list files.txt --partitions 8
        scripts/spark_shards.sh path/to/docs --master 'local[4]'
Notes: pyspark's `pipe` starts the command with an empty environment unless given `env`; this
      script passes PATH. A partition with no paths would make tablemend exit 2 ("no inputs"),
      so the file-list pattern uses at most one partition per path. Exit 3 (some inputs failed)
      fails the Spark task (`checkCode=True`); use --errors PATH per task to keep going.
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter

EXTENSIONS = (".md", ".markdown", ".html", ".htm", ".txt")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def die(msg):
    print(f"spark_shards: {msg}", file=sys.stderr)
    sys.exit(2)


def walk(folder):
    found = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        dirnames.sort()
        for f in sorted(filenames):
            if f.lower().endswith(EXTENSIONS):
                found.append(os.path.join(dirpath, f))
    return sorted(found)


def compare(name, got, want, secs):
    """PASS when `got` and `want` hold the same lines, each as often."""
    g, w = Counter(got), Counter(want)
    same = g == w
    missing = sum((w - g).values())
    extra = sum((g - w).values())
    print(
        f"  {'PASS' if same else 'FAIL'}  {name}: {len(got)} lines collected, {len(want)} in the "
        f"local run, {missing} missing, {extra} extra; same order: {got == want}; {secs:.2f} s"
    )
    if not same:
        for line in list((w - g).elements())[:3]:
            print(f"        missing: {line[:160]}")
        for line in list((g - w).elements())[:3]:
            print(f"        extra:   {line[:160]}")
    return same


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", nargs="?", help="folder of inputs (default: copies of corpus/)")
    ap.add_argument("--list", help="file list, one path per line")
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/tablemend"))
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--shards", type=int, default=4)
    a = ap.parse_args()

    binary = os.path.abspath(a.bin)
    if not os.access(binary, os.X_OK):
        die(f"{binary} is not an executable (cargo build --release)")
    if a.partitions < 1 or a.shards < 1 or a.copies < 1:
        die("--partitions, --shards and --copies must be at least 1")

    work = tempfile.mkdtemp(prefix="spark_shards.")
    try:
        return run(a, binary, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(a, binary, work):
    # the input list
    if a.list:
        with open(a.list, encoding="utf-8") as f:
            paths = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
        where = a.list
    else:
        if a.dir:
            folder = os.path.abspath(a.dir)
        else:
            folder = os.path.join(work, "in")
            for i in range(1, a.copies + 1):
                shutil.copytree(os.path.join(ROOT, "corpus"), os.path.join(folder, f"copy-{i:02}"))
        paths = walk(folder)
        where = folder
    if not paths:
        die(f"no inputs in {where}")
    list_file = os.path.join(work, "files.txt")
    with open(list_file, "w", encoding="utf-8") as f:
        f.writelines(p + "\n" for p in paths)
    print(f"== input: {where} ({len(paths)} paths)")

    # 1. the plain local run
    t0 = time.monotonic()
    local = subprocess.run(
        [binary, "extract", "--files-from", list_file, "-f", "jsonl", "-q"],
        stdout=subprocess.PIPE,
        check=False,
    )
    secs = time.monotonic() - t0
    if local.returncode not in (0, 3):
        die(f"local run exited {local.returncode}")
    want = local.stdout.decode("utf-8").splitlines()
    print(f"== local run: exit {local.returncode}, {len(want)} lines, {secs:.2f} s")

    # 2 and 3: Spark
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    try:
        from pyspark import SparkConf, SparkContext
    except ImportError as e:
        die(f"cannot import pyspark ({e}); run scripts/spark_shards.sh, which installs it")
    t0 = time.monotonic()
    try:
        conf = SparkConf().setMaster(a.master).setAppName("tablemend-shards")
        conf.set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
        sc = SparkContext(conf=conf)
    except Exception as e:  # Java missing, no loopback, …
        die(f"Spark did not start: {e}")
    sc.setLogLevel("ERROR")
    import pyspark

    print(
        f"== Spark {sc.version} (pyspark {pyspark.__version__}) on {a.master}: "
        f"started in {time.monotonic() - t0:.2f} s"
    )
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    ok = True
    try:
        # 2. file-list pattern: each partition's paths go to one tablemend on standard input
        parts = min(a.partitions, len(paths))  # an empty partition would be "no inputs"
        cmd = f"{shlex.quote(binary)} extract --files-from - -f jsonl -q -j 1"
        print(f"== file list: {parts} partitions | {cmd}")
        t0 = time.monotonic()
        rdd = sc.parallelize(paths, parts)
        sizes = rdd.glom().map(len).collect()
        chunks = rdd.pipe(cmd, env=env, checkCode=True).glom().collect()
        got = [line for chunk in chunks for line in chunk]
        print(f"  paths per partition: {sizes}; records per partition: {[len(c) for c in chunks]}")
        ok &= compare("rdd.pipe(--files-from -)", got, want, time.monotonic() - t0)

        # 3. shard pattern: task K runs --shard K/N over the whole (shared) list
        n = a.shards
        cmd = (
            f"xargs -I{{}} {shlex.quote(binary)} extract --files-from {shlex.quote(list_file)} "
            f"--shard {{}}/{n} -f jsonl -q -j 1"
        )
        print(f"== shards: parallelize(range(1, {n + 1}), {n}) | {cmd}")
        t0 = time.monotonic()
        shards = sc.parallelize(range(1, n + 1), n)
        chunks = shards.pipe(cmd, env=env, checkCode=True).glom().collect()
        got = [line for chunk in chunks for line in chunk]
        print(f"  records per shard: {[len(c) for c in chunks]}")
        ok &= compare("rdd.pipe(--shard K/N)", got, want, time.monotonic() - t0)
    except Exception as e:
        print(f"  FAIL  Spark job failed: {e}", file=sys.stderr)
        ok = False
    finally:
        sc.stop()

    print()
    print("PASS: Spark output == local run" if ok else "FAIL: Spark output differs from the local run")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
