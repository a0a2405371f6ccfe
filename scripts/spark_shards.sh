#!/usr/bin/env bash
# Wrapper for scripts/spark_shards.py (read its top for what goes in and comes out): builds the
# release binary, finds a Python that can `import pyspark` — python3 itself, or else a venv at
# target/spark-venv, created and given `pip install pyspark` on first use (needs PyPI) — checks
# that Java is there, and runs the script with every argument passed on. Exit status is the
# script's (0 PASS, 1 mismatch, 2 setup error). Run by hand, not part of CI:
#   scripts/spark_shards.sh                      # 10 copies of corpus/, Spark local[2]
#   scripts/spark_shards.sh --list files.txt     # your own file list
#   PYSPARK_VERSION=3.5.3 scripts/spark_shards.sh   # pin the pyspark the venv gets
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "spark_shards: $*" >&2; exit 2; }
command -v java >/dev/null || die "java not found (Spark needs Java 17+; Debian: apt-get install -y openjdk-17-jre-headless)"

echo "== cargo build --release"
cargo build --release --quiet || die "cargo build --release failed"

PY=python3
if ! "$PY" -c 'import pyspark' 2>/dev/null; then
    VENV=target/spark-venv
    if ! "$VENV/bin/python" -c 'import pyspark' 2>/dev/null; then
        echo "== installing pyspark into $VENV"
        python3 -m venv "$VENV" || die "python3 -m venv failed (Debian: apt-get install -y python3-venv)"
        "$VENV/bin/pip" install --quiet "pyspark${PYSPARK_VERSION:+==$PYSPARK_VERSION}" \
            || die "pip install pyspark failed"
    fi
    PY=$VENV/bin/python
fi
exec "$PY" scripts/spark_shards.py "$@"
