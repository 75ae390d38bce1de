"""Toy data sets, train/dev/test splits, standardization and CSV upload.

Every array follows the course's layout: features are rows and examples are columns, so a data
set is ``X`` of shape (n_x, m) in float64 with labels ``Y`` of shape (1, m) in int64 holding
class indices 0..C-1.

Limits (from :mod:`playground.config`): at most ``MAX_SAMPLES`` examples, ``MAX_FEATURES``
features, ``MAX_CLASSES`` classes and ``MAX_CSV_BYTES`` bytes of CSV. ``noise`` lies in
[0, ``MAX_NOISE``].
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import os
from collections.abc import Callable
from typing import IO, NamedTuple

import numpy as np
from sklearn import datasets as skdatasets

from playground.engine.config import (
    MAX_CLASSES,
    MAX_CSV_BYTES,
    MAX_FEATURES,
    MAX_SAMPLES,
    MAX_SEED,
    check_choice,
    check_int,
    check_matrix,
    check_range,
)

MAX_NOISE = 1.0
"""Largest ``noise`` accepted by :func:`make_dataset`."""
MULTICLASS_DATASETS = frozenset({"gaussians", "spiral"})
"""Data sets that accept ``n_classes`` > 2; the others are binary."""

Generator = Callable[[int, float, int, int], tuple[np.ndarray, np.ndarray]]
"""``(n_samples, noise, seed, n_classes) -> (X, Y)`` with arguments already validated."""


def _to_course_layout(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Turn scikit-learn's (m, n) / (m,) arrays into X (n, m) float64 and Y (1, m) int64."""
    X = np.ascontiguousarray(x.T, dtype=np.float64)
    Y = np.asarray(y, dtype=np.int64).reshape(1, -1)
    return X, Y


def _circles(n_samples: int, noise: float, seed: int, n_classes: int) -> tuple[np.ndarray, ...]:
    r"""Two concentric circles: ``sklearn.datasets.make_circles`` with its default factor 0.8.

    Outer circle (label 0) of radius 1, inner circle (label 1) of radius 0.8, every point
    jittered by :math:`\mathcal{N}(0, \text{noise}^2)` per coordinate.
    """
    x, y = skdatasets.make_circles(n_samples=n_samples, noise=noise, random_state=seed)
    return _to_course_layout(x, y)


def _moons(n_samples: int, noise: float, seed: int, n_classes: int) -> tuple[np.ndarray, ...]:
    r"""Two interleaving half circles: ``sklearn.datasets.make_moons``.

    Points jittered by :math:`\mathcal{N}(0, \text{noise}^2)` per coordinate.
    """
    x, y = skdatasets.make_moons(n_samples=n_samples, noise=noise, random_state=seed)
    return _to_course_layout(x, y)


def _xor(n_samples: int, noise: float, seed: int, n_classes: int) -> tuple[np.ndarray, ...]:
    r"""XOR quadrants: uniform points in :math:`[-1, 1]^2` with balanced labels.

    The label is :math:`y = 1` if :math:`x_1 x_2 > 0` (first and third quadrants) and 0
    otherwise, fixed before the jitter :math:`x \leftarrow x + \text{noise}\,\varepsilon`,
    :math:`\varepsilon \sim \mathcal{N}(0, I)`. Half the examples (rounded down for label 1)
    get each label, in random order, so both classes are always present.
    """
    rng = np.random.RandomState(seed)
    points = rng.uniform(-1.0, 1.0, size=(2, n_samples))
    labels = rng.permutation(np.arange(n_samples) % 2)
    sign_x1 = np.where(points[0] >= 0.0, 1.0, -1.0)
    points[1] = np.abs(points[1]) * sign_x1 * (2.0 * labels - 1.0)
    points += noise * rng.standard_normal((2, n_samples))
    return points, labels.astype(np.int64).reshape(1, -1)


def _gaussians(n_samples: int, noise: float, seed: int, n_classes: int) -> tuple[np.ndarray, ...]:
    r"""Gaussian blobs centred on the unit circle: ``sklearn.datasets.make_blobs``.

    Class :math:`k` is drawn from :math:`\mathcal{N}(\mu_k, \sigma^2 I)` with
    :math:`\mu_k = (\cos 2\pi k / C, \sin 2\pi k / C)` and :math:`\sigma = 0.1 + \text{noise}`.
    Classes get :math:`\lfloor m / C \rfloor` or one more examples, in random order.
    """
    angles = 2.0 * np.pi * np.arange(n_classes) / n_classes
    centers = np.column_stack([np.cos(angles), np.sin(angles)])
    x, y = skdatasets.make_blobs(
        n_samples=n_samples, centers=centers, cluster_std=0.1 + noise, random_state=seed
    )
    return _to_course_layout(x, y)


def _spiral(n_samples: int, noise: float, seed: int, n_classes: int) -> tuple[np.ndarray, ...]:
    r"""The CS231n spiral: ``n_classes`` arms of :math:`N_j` points each, grouped by class.

    Arm :math:`j` has radii :math:`r = \text{linspace}(0, 1, N_j)` and angles
    :math:`t = \text{linspace}(4j, 4(j+1), N_j) + \text{noise}\,\varepsilon`,
    :math:`\varepsilon \sim \mathcal{N}(0, I)`, and points :math:`(r \sin t, r \cos t)`.
    The first :math:`m \bmod C` arms get one extra point. With ``noise=0.2``, 3 classes and
    ``RandomState(seed)`` this reproduces the CS231n notes after ``np.random.seed(seed)``.
    """
    rng = np.random.RandomState(seed)
    columns, labels = [], []
    for j in range(n_classes):
        count = n_samples // n_classes + (j < n_samples % n_classes)
        radius = np.linspace(0.0, 1.0, count)
        angle = np.linspace(4.0 * j, 4.0 * (j + 1), count) + noise * rng.randn(count)
        columns.append(np.vstack([radius * np.sin(angle), radius * np.cos(angle)]))
        labels.append(np.full(count, j, dtype=np.int64))
    return np.hstack(columns), np.concatenate(labels).reshape(1, -1)


DATASETS: dict[str, Generator] = {
    "circles": _circles,
    "moons": _moons,
    "xor": _xor,
    "gaussians": _gaussians,
    "spiral": _spiral,
}
"""Generator of each toy data set by name. Call :func:`make_dataset`, which validates first."""


def make_dataset(
    name: str, n_samples: int = 300, noise: float = 0.1, seed: int = 0, n_classes: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """Generate a 2-D toy data set.

    Parameters
    ----------
    name : str
        One of ``DATASETS``: "circles", "moons", "xor", "gaussians", "spiral".
    n_samples : int
        Number of examples m, in [2 * n_classes, MAX_SAMPLES].
    noise : float
        Jitter in [0, MAX_NOISE]; its meaning per data set is given by each generator
        (coordinate std for circles, moons and xor; 0.1 + noise is the blob std for gaussians;
        angle std for spiral).
    seed : int
        Seed in [0, 2**32 - 1]; the same seed always gives the same data.
    n_classes : int
        Number of classes C in [2, MAX_CLASSES]; must be 2 unless ``name`` is in
        ``MULTICLASS_DATASETS``.

    Returns
    -------
    X : ndarray of shape (2, m), float64
        One example per column.
    Y : ndarray of shape (1, m), int64
        Labels in 0..C-1, every class present.

    Notes
    -----
    "circles" equals ``make_circles(n_samples, noise=noise, random_state=seed)`` transposed, so
    the course's ``np.random.seed(1); make_circles(n_samples=300, noise=.05)`` is
    ``make_dataset("circles", 300, 0.05, seed=1)``; "moons" likewise uses ``make_moons``.
    """
    check_choice("name", name, DATASETS)
    n_classes = check_int("n_classes", n_classes, 2, MAX_CLASSES)
    if n_classes != 2 and name not in MULTICLASS_DATASETS:
        multi = ", ".join(repr(n) for n in sorted(MULTICLASS_DATASETS))
        raise ValueError(
            f"n_classes must be 2 for {name!r} (only {multi} take more classes); got {n_classes}"
        )
    n_samples = check_int("n_samples", n_samples, 2 * n_classes, MAX_SAMPLES)
    noise = check_range("noise", noise, 0.0, MAX_NOISE)
    seed = check_int("seed", seed, 0, MAX_SEED)
    return DATASETS[name](n_samples, noise, seed, n_classes)


class Split(NamedTuple):
    """Train, dev and test parts of a data set, each X of shape (n, m_part), Y of (1, m_part)."""

    X_train: np.ndarray
    Y_train: np.ndarray
    X_dev: np.ndarray
    Y_dev: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray


def _check_fractions(fractions: tuple[float, ...]) -> tuple[float, float, float]:
    """Return (train, dev, test) fractions, or raise ValueError unless they are valid."""
    if not isinstance(fractions, tuple | list) or len(fractions) not in (2, 3):
        raise ValueError(
            f"fractions must be a tuple (train, dev) or (train, dev, test); got {fractions!r}"
        )
    train = check_range("fractions[0] (train)", fractions[0], 0.0, 1.0, inclusive_low=False)
    rest = [check_range(f"fractions[{i}]", f, 0.0, 1.0) for i, f in enumerate(fractions[1:], 1)]
    dev, test = (*rest, 0.0) if len(rest) == 1 else rest
    total = train + dev + test
    if abs(total - 1.0) > 1e-9:
        raise ValueError(f"fractions must sum to 1 (within 1e-9); got sum {total}")
    return train, dev, test


def _part_size(fraction: float, m: int) -> int:
    r"""Examples for a dev/test part: :math:`\max(1, \lfloor f m \rfloor)` if f > 0, else 0."""
    return max(1, math.floor(fraction * m + 1e-9)) if fraction > 0 else 0


def split(
    X: np.ndarray,
    Y: np.ndarray,
    fractions: tuple[float, ...] = (0.6, 0.2, 0.2),
    seed: int = 0,
) -> Split:
    r"""Shuffle the examples and cut them into train, dev and test sets.

    Parameters
    ----------
    X : ndarray of shape (n, m)
        Features, one example per column.
    Y : ndarray of shape (1, m)
        Labels.
    fractions : tuple of float
        ``(train, dev, test)`` or ``(train, dev)`` (test then empty): each in [0, 1], train > 0,
        summing to 1 within 1e-9.
    seed : int
        Seed in [0, 2**32 - 1] of the shuffle ``np.random.RandomState(seed).permutation(m)``.

    Returns
    -------
    Split
        Part sizes :math:`m_{dev} = \max(1, \lfloor f_{dev} m \rfloor)` if
        :math:`f_{dev} > 0` else 0, :math:`m_{test}` likewise, and
        :math:`m_{train} = m - m_{dev} - m_{test}`. A zero-fraction part has shape (n, 0) and
        (1, 0). The parts are disjoint and together hold every example once.
    """
    X = check_matrix("X", X)
    m = X.shape[1]
    Y = np.asarray(Y)
    if Y.shape != (1, m):
        raise ValueError(f"Y must have shape (1, {m}) to match X of shape {X.shape}; got {Y.shape}")
    _, dev, test = _check_fractions(fractions)
    seed = check_int("seed", seed, 0, MAX_SEED)
    m_dev, m_test = _part_size(dev, m), _part_size(test, m)
    if m - m_dev - m_test < 1:
        parts = 1 + (m_dev > 0) + (m_test > 0)
        raise ValueError(f"X must hold at least {parts} examples to fill {parts} parts; got {m}")
    order = np.random.RandomState(seed).permutation(m)
    cuts = np.split(order, [m - m_dev - m_test, m - m_test])
    return Split(*(array[:, idx] for idx in cuts for array in (X, Y)))


def _check_other(index: int, value: object, n: int) -> np.ndarray:
    """Return ``others[index]`` as a finite float64 (n, m) array; m may be 0 (an empty split)."""
    name = f"others[{index}]"
    array = np.asarray(value, dtype=np.float64)
    if array.ndim != 2 or array.shape[0] != n:
        raise ValueError(f"{name} must have shape ({n}, m) like X_train; got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must hold finite numbers only (no NaN or inf)")
    return array


def standardize(X_train: np.ndarray, *others: np.ndarray) -> tuple[np.ndarray, ...]:
    r"""Scale every feature to mean 0 and standard deviation 1 using the training set only.

    .. math::

        \mu = \frac{1}{m} \sum_{i=1}^{m} x^{(i)}, \qquad
        \sigma = \sqrt{\frac{1}{m} \sum_{i=1}^{m} (x^{(i)} - \mu)^2}, \qquad
        x_{norm} = \frac{x - \mu}{\sigma}

    over the m training examples, with :math:`\sigma_j = 1` for a constant feature j. Dev and
    test sets are scaled with the *training* :math:`\mu` and :math:`\sigma`. Each feature is
    first divided by its largest magnitude, so values near the float limit (1e308) do not
    overflow when squared.

    Parameters
    ----------
    X_train : ndarray of shape (n, m)
        Training features, at least one example.
    *others : ndarray of shape (n, m_k)
        Further sets (dev, test) to scale the same way; m_k may be 0.

    Returns
    -------
    tuple
        ``(X_train_norm, *others_norm, mu, sigma)``: one float64 array per input in the same
        order, then ``mu`` and ``sigma`` of shape (n, 1).
    """
    X_train = check_matrix("X_train", X_train)
    n = X_train.shape[0]
    checked = [_check_other(i, other, n) for i, other in enumerate(others)]
    magnitude = np.abs(X_train).max(axis=1, keepdims=True)
    magnitude[magnitude == 0.0] = 1.0
    unit = X_train / magnitude
    mu_unit = unit.mean(axis=1, keepdims=True)
    sigma_unit = unit.std(axis=1, keepdims=True)
    constant = sigma_unit == 0.0
    sigma_unit[constant] = 1.0 / magnitude[constant]
    scaled = tuple((array / magnitude - mu_unit) / sigma_unit for array in (X_train, *checked))
    return (*scaled, mu_unit * magnitude, sigma_unit * magnitude)


class CsvData(NamedTuple):
    """A parsed CSV: X (n, m) float64, Y (1, m) int64, and the names behind them."""

    X: np.ndarray
    Y: np.ndarray
    feature_names: tuple[str, ...]
    """Header of the feature columns, or "x1", "x2", ... without a header."""
    class_names: tuple[str, ...]
    """Original label of class k at index k."""


def _read_bytes(file: str | os.PathLike | bytes | IO) -> bytes:
    """Return at most MAX_CSV_BYTES + 1 bytes of ``file`` (text is encoded as UTF-8)."""
    limit = MAX_CSV_BYTES + 1
    if isinstance(file, bytes | bytearray | memoryview):
        return bytes(file[:limit])
    if isinstance(file, str | os.PathLike):
        with open(file, "rb") as handle:
            return handle.read(limit)
    if not hasattr(file, "read"):
        raise ValueError(
            f"file must be a path, bytes or a file-like object; got {type(file).__name__}"
        )
    if getattr(file, "seekable", lambda: False)():
        file.seek(0)
    content = file.read(limit)
    return content.encode("utf-8") if isinstance(content, str) else bytes(content)


def _decode(raw: bytes) -> str:
    """Return ``raw`` as text, or raise ValueError if it is too big, binary or not UTF-8."""
    if len(raw) > MAX_CSV_BYTES:
        raise ValueError(f"file must be at most {MAX_CSV_BYTES} bytes ({MAX_CSV_BYTES >> 20} MiB)")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValueError('file must be UTF-8 text; it is UTF-16 (save it as "CSV UTF-8")')
    if b"\x00" in raw:
        raise ValueError("file must be a CSV text file; it looks binary")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"file must be UTF-8 text; byte {error.start} is not valid UTF-8"
        ) from error


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """Return the rows of ``text`` that have a non-blank cell, with their line numbers.

    Raises ValueError unless there is such a row and all of them have the same width.
    """
    lines = io.StringIO(text, newline=None)  # CRLF and old Mac CR line ends read as LF
    reader = csv.reader(lines, skipinitialspace=True, strict=True)
    try:
        rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise ValueError(f"file is not a valid CSV: line {reader.line_num}: {error}") from error
    if not rows:
        raise ValueError("file is empty; expected a CSV with features and a label column")
    first_line, first = rows[0]
    for line, row in rows:
        if len(row) != len(first):
            raise ValueError(
                f"file has ragged rows: line {line} has {len(row)} columns but line "
                f"{first_line} has {len(first)}"
            )
    return rows


def _check_width(width: int) -> None:
    """Raise ValueError unless there are 2..MAX_FEATURES feature columns plus a label."""
    if width < 3:
        plural = "column" if width == 1 else "columns"
        raise ValueError(
            f"file must have at least 3 comma-separated columns (2 or more numeric features, "
            f"then the label); got {width} {plural}"
        )
    if width - 1 > MAX_FEATURES:
        raise ValueError(
            f"file must have at most {MAX_FEATURES} feature columns plus the label; "
            f"got {width - 1} features"
        )


def _is_number(cell: str) -> bool:
    """Return True if ``cell`` parses as a float (NaN and inf included)."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _feature(cell: str, line: int, column: int, name: str) -> float:
    """Parse one feature cell, or raise ValueError naming its line and column."""
    where = f"line {line}, column {column} ({name!r})"
    text = cell.strip()
    if not text:
        raise ValueError(f"file has an empty cell at {where}; every feature must be a number")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"file has text {text!r} at {where}; features must be numbers") from None
    if not math.isfinite(value):
        raise ValueError(f"file has {text!r} at {where}; features must be finite (no NaN or inf)")
    return value


def _integer_label(cell: str, line: int) -> int:
    """Parse a numeric label, or raise ValueError unless it is a finite integer."""
    value = float(cell)
    if not math.isfinite(value) or value != round(value):
        raise ValueError(
            f"file has label {cell!r} at line {line}; labels must be integers or class names"
        )
    return int(value)


def _encode_labels(cells: list[str], lines: list[int]) -> tuple[np.ndarray, tuple[str, ...]]:
    """Map labels to 0..C-1 in sorted order (numeric if all are numbers, else as text)."""
    for cell, line in zip(cells, lines, strict=True):
        if not cell:
            raise ValueError(f"file has an empty label at line {line}")
    if all(_is_number(cell) for cell in cells):
        pairs = zip(cells, lines, strict=True)
        keys = np.array([_integer_label(cell, line) for cell, line in pairs], dtype=np.int64)
    else:
        keys = np.array(cells, dtype=str)
    classes, codes = np.unique(keys, return_inverse=True)
    names = tuple(str(c) for c in classes)
    if not 2 <= len(names) <= MAX_CLASSES:
        raise ValueError(
            f"file's label column must hold 2 to {MAX_CLASSES} classes; "
            f"got {len(names)}: {', '.join(names[: MAX_CLASSES + 1])}"
        )
    return codes.astype(np.int64).reshape(1, -1), names


def load_csv_with_names(file: str | os.PathLike | bytes | IO) -> CsvData:
    """Read a labelled CSV of numeric features; see :func:`load_csv` for the format.

    Returns
    -------
    CsvData
        ``X`` (n, m) float64, ``Y`` (1, m) int64 with labels 0..C-1, ``feature_names`` (n
        strings) and ``class_names`` (C strings, class k's original label at index k).
    """
    rows = _rows(_decode(_read_bytes(file)))
    width = len(rows[0][1])
    _check_width(width)
    n = width - 1
    has_header = not all(_is_number(cell) for cell in rows[0][1][:n])
    names = [c.strip() for c in rows[0][1][:n]] if has_header else [f"x{j + 1}" for j in range(n)]
    data = rows[1:] if has_header else rows
    if not data:
        raise ValueError("file has a header row but no data rows")
    if len(data) > MAX_SAMPLES:
        raise ValueError(f"file must have at most {MAX_SAMPLES} data rows; got {len(data)}")
    X = np.array(
        [[_feature(row[j], line, j + 1, names[j]) for j in range(n)] for line, row in data]
    ).T
    Y, classes = _encode_labels([row[n].strip() for _, row in data], [line for line, _ in data])
    return CsvData(X, Y, tuple(names), classes)


def load_csv(file: str | os.PathLike | bytes | IO) -> tuple[np.ndarray, np.ndarray]:
    """Read a labelled CSV of numeric features into the course's (X, Y) layout.

    The file is comma-separated UTF-8 text (a BOM is allowed; lines may end in LF, CRLF or
    CR) of at most MAX_CSV_BYTES bytes and MAX_SAMPLES data rows. Each row is one example:
    2..MAX_FEATURES numeric feature columns, then the label in the last column. The first row
    is a header unless all its feature cells are numbers. Labels are integers or class names;
    the C distinct labels (2 <= C <= MAX_CLASSES) are mapped to 0..C-1 in sorted order (numeric
    order if every label is a number). Blank lines and lines of empty cells are skipped. Cells
    are parsed with ``float``, never evaluated.

    Parameters
    ----------
    file : str, os.PathLike, bytes or file-like
        A path, the raw bytes, or a binary or text file-like object such as Streamlit's
        ``UploadedFile`` (a seekable one is read from its start).

    Returns
    -------
    X : ndarray of shape (n, m), float64
    Y : ndarray of shape (1, m), int64

    Raises
    ------
    ValueError
        With a user-facing message for an empty, oversized, binary or non-UTF-8 file, fewer
        than 3 or more than MAX_FEATURES + 1 columns, ragged rows, a non-numeric, empty, NaN or
        inf feature cell (naming its line and column), an empty or non-integer numeric label,
        fewer than 2 or more than MAX_CLASSES classes, or more than MAX_SAMPLES rows.
    OSError
        If a path cannot be opened.
    """
    data = load_csv_with_names(file)
    return data.X, data.Y
