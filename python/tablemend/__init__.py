"""tablemend: messy OCR'd table dumps of budget performance forms in, clean records out.

Paths or bytes go in; out come the documents `tablemend extract` writes (as dicts), in input
order, or their flat records as a ``pyarrow.Table``. The work is done by the tablemend library
(the same code as the command line, on the same worker pool), with the GIL released.

>>> import tablemend
>>> doc = tablemend.extract("filing.md")            # one document, as `tablemend extract`
>>> for doc in tablemend.extract_many(["a.md", "archive/"], jobs=4):
...     print(doc["source"], len(doc["tables"]))
>>> df = tablemend.records(["archive/"]).to_pandas()  # one row per indicator record
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union

from . import _native

__version__: str = _native.__version__

#: The flat columns of a record row, in order: the keys of a `tablemend extract -f jsonl` line.
COLUMNS: tuple = tuple(_native.columns())

#: The columns of ``records()``: ``COLUMNS`` with ``repair_reasons`` right after ``repairs``.
RECORD_COLUMNS: tuple = sum(
    ((c, "repair_reasons") if c == "repairs" else (c,) for c in COLUMNS), ()
)

PathLike = Union[str, "os.PathLike[str]"]


class ExtractError(Exception):
    """An input that gave no document (it could not be read, or a folder held no input).

    ``path`` is the input as given, ``code`` the failure kind (as in the CLI's errors file:
    ``input.not_found``, ``input.permission_denied``,
    ``input.is_directory``, …) and ``reason`` the message.
    """

    def __init__(self, path: str, code: str, reason: str) -> None:
        super().__init__(f"{path}: {reason} ({code})")
        self.path = path
        self.code = code
        self.reason = reason


def _vocab_paths(vocab: Union[None, PathLike, Sequence[PathLike]]) -> List[str]:
    if vocab is None:
        return []
    if isinstance(vocab, (str, os.PathLike)):
        return [os.fspath(vocab)]
    return [os.fspath(v) for v in vocab]


def extract(
    path_or_bytes: Union[PathLike, bytes, bytearray, memoryview],
    vocab: Union[None, PathLike, Sequence[PathLike]] = None,
    *,
    no_default_vocab: bool = False,
    encoding: Optional[str] = None,
    source: str = "-",
) -> Dict[str, Any]:
    """Extracts one document: the same document as ``tablemend extract PATH`` prints.

    ``path_or_bytes`` is a path, or the input's bytes (then ``source`` names it in the output).
    ``vocab`` adds vocabulary files to the embedded one (``no_default_vocab=True``: only them);
    ``encoding`` forces an encoding label (``gb18030``, …) instead of detecting it.
    Raises ``ExtractError`` when the file cannot be read, ``ValueError`` for a bad vocabulary
    or encoding.
    """
    opts = dict(
        vocab=_vocab_paths(vocab), no_default_vocab=no_default_vocab, encoding=encoding
    )
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        text = _native.extract_bytes(bytes(path_or_bytes), source, **opts)
    else:
        try:
            text = _native.extract_path(os.fspath(path_or_bytes), **opts)
        except _native.InputError as e:
            raise ExtractError(*e.args) from None
    return json.loads(text)


def _stream(
    paths: Union[PathLike, Iterable[PathLike]],
    jobs: Optional[int],
    progress: bool,
    fmt: str,
    vocab: Union[None, PathLike, Sequence[PathLike]],
    no_default_vocab: bool,
    encoding: Optional[str],
) -> "_native.Many":
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if jobs is not None and jobs < 1:
        raise ValueError("jobs must be at least 1")
    return _native.extract_many(
        [os.fspath(p) for p in paths],
        jobs=jobs,
        progress=progress,
        format=fmt,
        vocab=_vocab_paths(vocab),
        no_default_vocab=no_default_vocab,
        encoding=encoding,
    )


def extract_many(
    paths: Union[PathLike, Iterable[PathLike]],
    jobs: Optional[int] = None,
    progress: bool = True,
    errors: str = "raise",
    vocab: Union[None, PathLike, Sequence[PathLike]] = None,
    *,
    no_default_vocab: bool = False,
    encoding: Optional[str] = None,
) -> Iterator[Dict[str, Any]]:
    """Extracts many inputs and yields their documents in input order.

    ``paths`` are files or folders (a folder is walked as the CLI walks it: recursively,
    ``.md .markdown .html .htm .txt``, sorted by name). ``jobs`` threads work at once (default:
    every core) while the GIL is released; a progress bar shows on a terminal when
    ``progress``. At most a few chunks of documents wait for the reader, so memory stays flat.

    ``errors="raise"`` raises ``ExtractError`` at the first input that gives no document;
    ``errors="collect"`` yields ``{"source": path, "error": {"code": …, "message": …}}`` in its
    place and goes on. Stopping early (``break``) stops the run.
    """
    if errors not in ("raise", "collect"):
        raise ValueError('errors must be "raise" or "collect"')
    for kind, name, payload in _stream(
        paths, jobs, progress, "json", vocab, no_default_vocab, encoding
    ):
        if kind == "document":
            yield json.loads(payload)
        elif errors == "collect":
            yield {"source": name, "error": {"code": payload[0], "message": payload[1]}}
        else:
            raise ExtractError(name, payload[0], payload[1])


def records(
    paths: Union[PathLike, Iterable[PathLike]],
    jobs: Optional[int] = None,
    progress: bool = False,
    errors: str = "raise",
    vocab: Union[None, PathLike, Sequence[PathLike]] = None,
    *,
    no_default_vocab: bool = False,
    encoding: Optional[str] = None,
):
    """The flat indicator records of ``paths`` as a ``pyarrow.Table`` (needs ``pyarrow``).

    One row per record with the columns of ``tablemend extract -f jsonl`` (``COLUMNS``, and
    ``repair_reasons`` after ``repairs``: ``RECORD_COLUMNS``), typed
    as ``-f parquet`` writes them — the run goes through the CLI's Parquet sink into a temporary
    file read back here: ``table``/``year`` int32, lines and columns and ``framework`` int64,
    numbers float64, ``confidence`` float32, ``repairs`` list<string> (the repair codes) with
    ``repair_reasons`` list<string> beside it (each code's reason, in the same order; JSONL and
    Parquet hold the two as one list of ``{code, reason}``), ``extra`` its JSON text, the rest
    strings. Use ``.to_pandas()`` or ``polars.from_arrow(...)`` on it.
    ``errors="raise"`` raises ``ExtractError`` for the first input that gave no document (after
    the run); ``"collect"`` leaves such inputs out.
    """
    import tempfile

    import pyarrow.parquet as pq

    if errors not in ("raise", "collect"):
        raise ValueError('errors must be "raise" or "collect"')
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if jobs is not None and jobs < 1:
        raise ValueError("jobs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="tablemend-") as tmp:
        out = os.path.join(tmp, "records.parquet")
        failed = _native.write_parquet(
            [os.fspath(p) for p in paths],
            out,
            jobs=jobs,
            progress=progress,
            vocab=_vocab_paths(vocab),
            no_default_vocab=no_default_vocab,
            encoding=encoding,
        )
        if failed and errors == "raise":
            raise ExtractError(*failed[0])
        return _repairs_as_strings(pq.read_table(out))


def _repairs_as_strings(table):
    """``repairs`` list<struct<code, reason>> (as Parquet holds it) → ``repairs``
    list<string> of the codes and, beside it, ``repair_reasons`` list<string> of their reasons
    (same order, same lengths): nothing is dropped, and each list filters and explodes as plain
    strings in pandas, polars and DuckDB."""
    import pyarrow as pa

    at = table.schema.get_field_index("repairs")
    column = table.column("repairs")
    repairs = column.combine_chunks() if column.num_chunks else pa.array([], column.type)
    offsets, items = repairs.offsets, repairs.values
    codes = pa.ListArray.from_arrays(offsets, items.field("code"))
    reasons = pa.ListArray.from_arrays(offsets, items.field("reason"))
    table = table.set_column(at, pa.field("repairs", codes.type, nullable=False), codes)
    return table.add_column(
        at + 1, pa.field("repair_reasons", reasons.type, nullable=False), reasons
    )


__all__ = [
    "COLUMNS",
    "RECORD_COLUMNS",
    "ExtractError",
    "extract",
    "extract_many",
    "records",
    "__version__",
]
