"""Data sets in the course layout (X is (n_x, m), Y is (1, m) or (C, m)), splits and CSV files.

Public core API; the code lives in :mod:`playground.engine.data`."""

from playground.engine.data import (
    CsvData,
    Split,
    load_csv,
    load_csv_with_names,
    make_dataset,
    split,
    standardize,
)

__all__ = [
    "CsvData",
    "load_csv",
    "load_csv_with_names",
    "make_dataset",
    "split",
    "Split",
    "standardize",
]
