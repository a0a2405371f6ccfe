"""Parquet output read by the tools data teams use (issue 16).

In: the tablemend binary cargo built (target/release or target/debug; TABLEMEND_BIN names
another) and the repository's corpus/. It writes the corpus as JSONL and as Parquet, then reads
the Parquet file back with pyarrow and with DuckDB (``SELECT … FROM 'out.parquet'``). Out: the
assertion that both give the JSONL records, column for column (confidence is stored as a FLOAT,
so it is compared at float32 precision; ``extra`` is stored as its JSON text).
Skipped, saying why, where pyarrow, duckdb or the binary is missing.
"""

import json
import math
import os
import subprocess
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install pyarrow)")
pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")
duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed (pip install duckdb)")

ROOT = Path(__file__).resolve().parents[2]


def binary():
    named = os.environ.get("TABLEMEND_BIN")
    if named:
        return Path(named)
    found = [ROOT / "target" / p / "tablemend" for p in ("release", "debug")]
    found = [p for p in found if p.exists()]
    if not found:
        pytest.skip("no tablemend binary: run `cargo build` first (or set TABLEMEND_BIN)")
    # the newest build
    return max(found, key=lambda p: p.stat().st_mtime)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("parquet")
    for fmt, name in (("jsonl", "out.jsonl"), ("parquet", "out.parquet")):
        subprocess.run(
            [str(binary()), "extract", str(ROOT / "corpus"), "-f", fmt, "-o", str(out / name), "-q"],
            check=True,
        )
    lines = (out / "out.jsonl").read_text(encoding="utf-8").splitlines()
    return out / "out.parquet", [json.loads(line) for line in lines]


def comparable(row):
    """A record with confidence at float32 precision and extra as JSON (as stored)."""
    row = dict(row)
    row["confidence"] = round(float(row["confidence"]), 3)
    if isinstance(row.get("extra"), str):
        row["extra"] = json.loads(row["extra"])
    row["repairs"] = [dict(r) for r in row["repairs"]]
    return row


def same(got, want):
    assert len(got) == len(want), "as many rows as JSONL lines"
    for i, (g, w) in enumerate(zip(got, want)):
        g, w = comparable(g), comparable(w)
        assert list(g) == list(w), f"row {i}: the JSONL columns, in order"
        for k in w:
            if isinstance(w[k], float) and g[k] is not None:
                assert math.isclose(g[k], w[k], rel_tol=1e-12), f"row {i} {k}"
            else:
                assert g[k] == w[k], f"row {i} {k}: {g[k]!r} != {w[k]!r}"


def test_pyarrow_reads_the_jsonl_records(outputs):
    path, records = outputs
    table = pq.read_table(path)
    assert table.schema.field("number").type == pa.float64()
    assert table.schema.field("confidence").type == pa.float32()
    assert table.schema.field("line").type == pa.int64()
    repairs = table.schema.field("repairs").type
    assert pa.types.is_list(repairs)
    assert [(f.name, f.type) for f in repairs.value_type] == [
        ("code", pa.string()),
        ("reason", pa.string()),
    ]
    assert any(r["repairs"] for r in records), "the corpus has repaired records"
    same(table.to_pylist(), records)


def test_duckdb_reads_the_jsonl_records(outputs):
    path, records = outputs
    con = duckdb.connect()
    cur = con.execute(f"SELECT * FROM '{path}'")
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r)) for r in cur.fetchall()]
    same(rows, records)
    (n,) = con.execute(
        f"SELECT count(*) FROM '{path}' WHERE kind = 'project' AND number IS NOT NULL"
    ).fetchone()
    want = sum(1 for r in records if r["kind"] == "project" and r["number"] is not None)
    assert n == want
