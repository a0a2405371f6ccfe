"""The Python package against the command line: the corpus goes in through both; the documents
and flat records that come out must be the same, in the same order, and bad input must give
its error (or its error record) without stopping a run.

The CLI binary is $TABLEMEND_BIN, else the newer of the repository's target/release and
target/debug builds; without one the comparisons are skipped (CI sets TABLEMEND_BIN after
`cargo test` built it).
"""

import json
import math
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

import tablemend

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
REFERENCE = CORPUS / "suzhou" / "suzhou-hrss-2024.md"


def cli_binary():
    given = os.environ.get("TABLEMEND_BIN")
    if given:
        if not Path(given).is_file():
            pytest.fail(f"TABLEMEND_BIN={given} is not a file")
        return given
    # the newer of the two builds: a stale release binary must not stand in for today's code
    found = [REPO / "target" / p / "tablemend" for p in ("release", "debug")]
    found = [p for p in found if p.is_file()]
    if not found:
        pytest.skip("no tablemend binary: run `cargo build` or set TABLEMEND_BIN")
    return str(max(found, key=lambda p: p.stat().st_mtime))


def cli(*args):
    out = subprocess.run(
        [cli_binary(), *args], cwd=REPO, capture_output=True, check=False
    )
    assert out.returncode in (0, 3), out.stderr.decode(errors="replace")
    return out.stdout


def corpus_files():
    """The corpus inputs in the CLI's order, as the CLI names them (relative to the repo)."""
    return [doc["source"] for doc in json.loads(cli("extract", "corpus", "-q"))]


def test_extract_gives_the_cli_document_for_every_corpus_input():
    os.chdir(REPO)
    expected = json.loads(cli("extract", "corpus", "-q"))
    assert len(expected) > 100
    for doc in expected:
        assert tablemend.extract(doc["source"]) == doc, doc["source"]


def test_extract_many_gives_the_cli_documents_in_input_order():
    os.chdir(REPO)
    expected = json.loads(cli("extract", "corpus", "-q"))
    got = list(tablemend.extract_many(["corpus"], jobs=2, progress=False))
    assert [d["source"] for d in got] == [d["source"] for d in expected]
    assert got == expected


def test_bytes_give_the_same_document_as_the_path():
    by_path = tablemend.extract(REFERENCE)
    by_bytes = tablemend.extract(REFERENCE.read_bytes(), source=str(REFERENCE))
    assert by_bytes == by_path
    assert sum(len(t["indicators"]) for t in by_path["tables"]) == 313


def flat_equal(arrow_row, jsonl_row):
    for column in tablemend.COLUMNS:
        a, b = arrow_row[column], jsonl_row[column]
        if column == "repairs":
            assert a == [r["code"] for r in b], (column, a, b)
            assert arrow_row["repair_reasons"] == [r["reason"] for r in b], (column, b)
        elif column == "confidence":
            assert math.isclose(a, b, rel_tol=1e-6), (column, a, b)
        elif column == "extra":
            assert (json.loads(a) if a is not None else None) == b, (column, a, b)
        else:
            assert a == b, (column, a, b)


def test_records_are_the_cli_jsonl_rows_with_types():
    pa = pytest.importorskip("pyarrow")
    os.chdir(REPO)
    lines = [json.loads(l) for l in cli("extract", "corpus", "-f", "jsonl", "-q").splitlines()]
    table = tablemend.records(["corpus"], jobs=2)
    assert table.num_rows == len(lines) > 1000
    assert list(tablemend.COLUMNS) == list(lines[0].keys())
    at = tablemend.COLUMNS.index("repairs") + 1
    assert tablemend.RECORD_COLUMNS[at] == "repair_reasons"
    assert tablemend.RECORD_COLUMNS[:at] + tablemend.RECORD_COLUMNS[at + 1 :] == tablemend.COLUMNS
    assert table.column_names == list(tablemend.RECORD_COLUMNS)
    types = {f.name: f.type for f in table.schema}
    assert types["number"] == pa.float64()
    assert types["confidence"] == pa.float32()
    assert types["table"] == pa.int32()
    assert types["line"] == pa.int64()
    assert types["repairs"] == pa.list_(pa.string())
    assert types["repair_reasons"] == pa.list_(pa.string())
    assert any(r["repairs"] for r in lines), "the corpus has repaired records"
    for arrow_row, jsonl_row in zip(table.to_pylist(), lines):
        flat_equal(arrow_row, jsonl_row)
    frame = table.to_pandas()
    assert list(frame.columns) == list(tablemend.RECORD_COLUMNS)
    shifted = frame[frame["repairs"].apply(lambda codes: "cell_shift" in codes)]
    assert len(shifted) == sum(
        any(r["code"] == "cell_shift" for r in row["repairs"]) for row in lines
    ) > 0


def test_records_go_straight_into_polars():
    pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    table = tablemend.records([REFERENCE])
    frame = pl.from_arrow(table)
    assert frame.columns == list(tablemend.RECORD_COLUMNS)
    assert frame.height == 313
    assert frame.schema["confidence"] == pl.Float32
    assert frame.schema["number"] == pl.Float64
    assert frame.schema["repairs"] == pl.List(pl.String)
    exploded = frame.select("repairs", "repair_reasons").explode("repairs", "repair_reasons")
    codes = exploded.drop_nulls()["repairs"].to_list()
    assert codes and all(isinstance(c, str) and c for c in codes)


def test_records_of_inputs_with_no_records_is_an_empty_typed_table(tmp_path):
    pa = pytest.importorskip("pyarrow")
    empty = tmp_path / "empty.md"
    empty.write_text("no table here\n", encoding="utf-8")
    table = tablemend.records([empty])
    assert table.num_rows == 0
    assert table.column_names == list(tablemend.RECORD_COLUMNS)
    assert table.schema.field("repairs").type == pa.list_(pa.string())


def test_a_missing_file_raises_with_its_path_and_kind(tmp_path):
    missing = tmp_path / "nope.md"
    with pytest.raises(tablemend.ExtractError) as e:
        tablemend.extract(missing)
    assert e.value.path == str(missing)
    assert e.value.code == "input.not_found"


def test_binary_and_empty_input_give_a_document_with_diagnostics():
    doc = tablemend.extract(bytes(range(256)) * 50, source="junk.bin")
    assert doc["source"] == "junk.bin"
    assert doc["tables"] == []
    empty = tablemend.extract(b"", source="empty.md")
    assert any(d["code"] == "input.empty" for d in empty["diagnostics"])


def test_a_bad_file_in_a_run_is_collected_in_its_place_and_the_run_goes_on(tmp_path):
    first = tmp_path / "a.md"
    shutil.copy(REFERENCE, first)
    missing = tmp_path / "b.md"
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    last = tmp_path / "c.md"
    shutil.copy(REFERENCE, last)
    out = list(
        tablemend.extract_many(
            [first, missing, empty_dir, last], jobs=2, progress=False, errors="collect"
        )
    )
    assert [d["source"] for d in out] == [str(first), str(missing), str(empty_dir), str(last)]
    assert "error" not in out[0] and "error" not in out[3]
    assert out[1]["error"]["code"] == "input.not_found"
    assert out[2]["error"]["code"] == "input.no_files"
    with pytest.raises(tablemend.ExtractError) as e:
        list(tablemend.extract_many([first, missing], progress=False))
    assert e.value.path == str(missing)
    pytest.importorskip("pyarrow")
    with pytest.raises(tablemend.ExtractError) as e:
        tablemend.records([first, missing])
    assert e.value.code == "input.not_found"
    table = tablemend.records([first, missing, last], errors="collect")
    assert set(table.column("source").to_pylist()) == {str(first), str(last)}


def test_bad_arguments_are_value_errors(tmp_path):
    bad_vocab = tmp_path / "bad.vocab"
    bad_vocab.write_text("[no_such_section]\nx\n", encoding="utf-8")
    with pytest.raises(ValueError):
        tablemend.extract(REFERENCE, vocab=bad_vocab)
    with pytest.raises(ValueError):
        tablemend.extract(REFERENCE, encoding="no-such-encoding")
    with pytest.raises(ValueError):
        list(tablemend.extract_many([REFERENCE], errors="ignore"))
    with pytest.raises(ValueError):
        list(tablemend.extract_many([REFERENCE], jobs=0))


def test_order_holds_with_several_jobs_whatever_the_sizes(tmp_path):
    # big and small inputs interleaved: a small one finishing first must not come out first
    small = next(CORPUS.glob("html/*.md"))
    paths = []
    for i in range(40):
        src = REFERENCE if i % 3 == 0 else small
        p = tmp_path / f"doc-{i:02}.md"
        shutil.copy(src, p)
        paths.append(p)
    one = [d["source"] for d in tablemend.extract_many(paths, jobs=1, progress=False)]
    four = [d["source"] for d in tablemend.extract_many(paths, jobs=4, progress=False)]
    assert one == four == [str(p) for p in paths]


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs Linux /proc")
def test_a_thousand_document_run_keeps_memory_flat():
    doc = CORPUS / "suzhou" / "suzhou-hrss-2024.md"
    paths = [doc] * 1000
    seen, rss_at_100 = 0, None
    for d in tablemend.extract_many(paths, jobs=2, progress=False):
        assert d["tables"]
        seen += 1
        if seen == 100:
            rss_at_100 = rss_bytes()
    growth = rss_bytes() - rss_at_100
    assert seen == 1000
    # 900 more documents of ~1 MB of JSON each: a run that kept them would grow by ~900 MB
    assert growth < 64 * 2**20, f"RSS grew {growth / 2**20:.0f} MB over 900 documents"


def test_the_gil_is_released_while_a_document_is_extracted():
    big = REFERENCE.read_bytes() * 10  # one native call of a good fraction of a second
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    try:
        start = len(ticks)
        doc = tablemend.extract(big, source="big.md")
        during = len(ticks) - start
    finally:
        stop.set()
        t.join()
    assert len(doc["tables"]) == 80
    # a call that held the GIL would let the ticker run only at its two ends
    assert during > 10, f"only {during} ticks while the native code ran"
