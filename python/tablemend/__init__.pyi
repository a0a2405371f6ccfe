"""Type stubs for tablemend (see __init__.py for the full docstrings)."""

import os
from typing import Any, Dict, Iterable, Iterator, Optional, Sequence, Union

import pyarrow

PathLike = Union[str, "os.PathLike[str]"]
Vocab = Union[None, PathLike, Sequence[PathLike]]

__version__: str
COLUMNS: tuple[str, ...]
RECORD_COLUMNS: tuple[str, ...]

class ExtractError(Exception):
    path: str
    code: str
    reason: str
    def __init__(self, path: str, code: str, reason: str) -> None: ...

def extract(
    path_or_bytes: Union[PathLike, bytes, bytearray, memoryview],
    vocab: Vocab = ...,
    *,
    no_default_vocab: bool = ...,
    encoding: Optional[str] = ...,
    source: str = ...,
) -> Dict[str, Any]: ...
def extract_many(
    paths: Union[PathLike, Iterable[PathLike]],
    jobs: Optional[int] = ...,
    progress: bool = ...,
    errors: str = ...,
    vocab: Vocab = ...,
    *,
    no_default_vocab: bool = ...,
    encoding: Optional[str] = ...,
) -> Iterator[Dict[str, Any]]: ...
def records(
    paths: Union[PathLike, Iterable[PathLike]],
    jobs: Optional[int] = ...,
    progress: bool = ...,
    errors: str = ...,
    vocab: Vocab = ...,
    *,
    no_default_vocab: bool = ...,
    encoding: Optional[str] = ...,
) -> pyarrow.Table: ...
