"""Tests for playground.data: toy data sets, splits, standardization and CSV upload."""

from __future__ import annotations

import io

import numpy as np
import pytest
from sklearn.datasets import make_circles, make_moons

from playground.engine.config import MAX_CLASSES, MAX_CSV_BYTES, MAX_FEATURES, MAX_SAMPLES
from playground.engine.data import (
    DATASETS,
    MULTICLASS_DATASETS,
    CsvData,
    Split,
    load_csv,
    load_csv_with_names,
    make_dataset,
    split,
    standardize,
)

NAMES = ["circles", "moons", "xor", "gaussians", "spiral"]


# --------------------------------------------------------------------------- make_dataset


def test_dataset_names() -> None:
    assert sorted(DATASETS) == sorted(NAMES)
    assert sorted(MULTICLASS_DATASETS) == ["gaussians", "spiral"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("m", [4, 5, 300])
def test_shapes_dtypes_and_labels(name: str, m: int) -> None:
    X, Y = make_dataset(name, n_samples=m, noise=0.2, seed=3)
    assert X.shape == (2, m) and X.dtype == np.float64
    assert Y.shape == (1, m) and Y.dtype == np.int64
    assert np.isfinite(X).all()
    assert set(np.unique(Y)) == {0, 1}


@pytest.mark.parametrize("name", NAMES)
def test_deterministic_per_seed(name: str) -> None:
    X1, Y1 = make_dataset(name, seed=7)
    X2, Y2 = make_dataset(name, seed=7)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)


@pytest.mark.parametrize("name", NAMES)
def test_seeds_differ(name: str) -> None:
    X1, _ = make_dataset(name, seed=0)
    X2, _ = make_dataset(name, seed=1)
    assert not np.array_equal(X1, X2)


def test_circles_match_course_notebook() -> None:
    """Initialization notebook: np.random.seed(1); make_circles(n_samples=300, noise=.05)."""
    state = np.random.get_state()
    try:
        np.random.seed(1)
        x, y = make_circles(n_samples=300, noise=0.05)
    finally:
        np.random.set_state(state)
    X, Y = make_dataset("circles", 300, 0.05, seed=1)
    np.testing.assert_array_equal(X, x.T)
    np.testing.assert_array_equal(Y, y.reshape(1, -1))


@pytest.mark.parametrize(("m", "noise", "seed"), [(300, 0.05, 1), (301, 0.0, 0), (50, 0.5, 9)])
def test_circles_and_moons_equal_sklearn(m: int, noise: float, seed: int) -> None:
    for name, make in (("circles", make_circles), ("moons", make_moons)):
        x, y = make(n_samples=m, noise=noise, random_state=seed)
        X, Y = make_dataset(name, m, noise, seed=seed)
        np.testing.assert_array_equal(X, x.T)
        np.testing.assert_array_equal(Y, y.reshape(1, -1))


def test_spiral_matches_cs231n() -> None:
    """CS231n notes: N=100 points per class, K=3 classes, angle noise 0.2, after seeding."""
    rng = np.random.RandomState(0)
    n_per, k = 100, 3
    x = np.zeros((n_per * k, 2))
    y = np.zeros(n_per * k, dtype=np.int64)
    for j in range(k):
        ix = range(n_per * j, n_per * (j + 1))
        r = np.linspace(0.0, 1, n_per)
        t = np.linspace(j * 4, (j + 1) * 4, n_per) + rng.randn(n_per) * 0.2
        x[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j
    X, Y = make_dataset("spiral", 300, 0.2, seed=0, n_classes=3)
    np.testing.assert_allclose(X, x.T, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(Y, y.reshape(1, -1))


def test_xor_labels_follow_quadrants_without_noise() -> None:
    X, Y = make_dataset("xor", 200, 0.0, seed=4)
    assert np.all(np.abs(X) <= 1.0)
    np.testing.assert_array_equal(Y[0], (X[0] * X[1] > 0).astype(np.int64))
    np.testing.assert_array_equal(np.bincount(Y[0]), [100, 100])


def test_gaussians_spread_grows_with_noise() -> None:
    def spread(noise: float) -> float:
        X, Y = make_dataset("gaussians", 2000, noise, seed=0, n_classes=4)
        return float(np.mean([X[:, Y[0] == k].std(axis=1).mean() for k in range(4)]))

    assert spread(0.0) < spread(0.3) < spread(1.0)
    assert spread(0.0) == pytest.approx(0.1, rel=0.1)


@pytest.mark.parametrize("name", sorted(MULTICLASS_DATASETS))
@pytest.mark.parametrize("n_classes", [2, 3, 7, MAX_CLASSES])
def test_multiclass_all_labels_present(name: str, n_classes: int) -> None:
    m = 2 * n_classes + 1
    X, Y = make_dataset(name, n_samples=m, seed=2, n_classes=n_classes)
    assert X.shape == (2, m) and Y.shape == (1, m)
    counts = np.bincount(Y[0], minlength=n_classes)
    assert len(counts) == n_classes and counts.min() >= 2


def test_limits_accepted() -> None:
    X, _ = make_dataset("spiral", MAX_SAMPLES, 1.0, seed=2**32 - 1, n_classes=MAX_CLASSES)
    assert X.shape == (2, MAX_SAMPLES)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"name": "blobs"}, "name must be one of 'circles'"),
        ({"name": "circles", "n_classes": 3}, "n_classes must be 2 for 'circles'"),
        ({"name": "moons", "n_classes": 4}, "n_classes must be 2 for 'moons'"),
        ({"name": "xor", "n_classes": 3}, "n_classes must be 2 for 'xor'"),
        ({"name": "spiral", "n_classes": 1}, r"n_classes must be between 2 and 10"),
        ({"name": "spiral", "n_classes": MAX_CLASSES + 1}, "n_classes must be between 2"),
        ({"name": "spiral", "n_classes": 2.0}, "n_classes must be an integer"),
        ({"name": "moons", "n_samples": 3}, f"n_samples must be between 4 and {MAX_SAMPLES}"),
        ({"name": "spiral", "n_samples": 9, "n_classes": 5}, "n_samples must be between 10"),
        ({"name": "moons", "n_samples": MAX_SAMPLES + 1}, "n_samples must be between"),
        ({"name": "moons", "n_samples": 100.0}, "n_samples must be an integer"),
        ({"name": "moons", "noise": -0.1}, r"noise must be in \[0.0, 1.0\]"),
        ({"name": "moons", "noise": 1.5}, r"noise must be in \[0.0, 1.0\]"),
        ({"name": "moons", "noise": float("nan")}, r"noise must be in \[0.0, 1.0\]"),
        ({"name": "moons", "noise": "0.1"}, "noise must be a number"),
        ({"name": "moons", "seed": -1}, "seed must be between 0 and 4294967295"),
        ({"name": "moons", "seed": 2**32}, "seed must be between 0 and 4294967295"),
        ({"name": "moons", "seed": None}, "seed must be an integer"),
    ],
)
def test_make_dataset_errors(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        make_dataset(**kwargs)


# --------------------------------------------------------------------------- split


def _toy(m: int = 100, n: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """X whose first row numbers the examples, so parts can be traced back."""
    X = np.vstack([np.arange(m, dtype=np.float64), np.random.RandomState(0).randn(n - 1, m)])
    return X, (np.arange(m) % 2).reshape(1, -1)


def _ids(X: np.ndarray) -> np.ndarray:
    return X[0].astype(np.int64)


def test_split_sizes_disjoint_and_cover() -> None:
    X, Y = _toy(100)
    parts = split(X, Y)
    assert isinstance(parts, Split)
    assert [parts.X_train.shape, parts.X_dev.shape, parts.X_test.shape] == [
        (3, 60),
        (3, 20),
        (3, 20),
    ]
    assert [parts.Y_train.shape, parts.Y_dev.shape, parts.Y_test.shape] == [
        (1, 60),
        (1, 20),
        (1, 20),
    ]
    ids = np.concatenate([_ids(parts.X_train), _ids(parts.X_dev), _ids(parts.X_test)])
    np.testing.assert_array_equal(np.sort(ids), np.arange(100))
    for Xp, Yp in ((parts.X_train, parts.Y_train), (parts.X_dev, parts.Y_dev)):
        np.testing.assert_array_equal(Yp[0], _ids(Xp) % 2)


def test_split_uses_randomstate_permutation() -> None:
    X, Y = _toy(10)
    parts = split(X, Y, (0.6, 0.2, 0.2), seed=5)
    order = np.random.RandomState(5).permutation(10)
    np.testing.assert_array_equal(_ids(parts.X_train), order[:6])
    np.testing.assert_array_equal(_ids(parts.X_dev), order[6:8])
    np.testing.assert_array_equal(_ids(parts.X_test), order[8:])


def test_split_deterministic_and_seed_dependent() -> None:
    X, Y = _toy(50)
    a, b, c = split(X, Y, seed=1), split(X, Y, seed=1), split(X, Y, seed=2)
    np.testing.assert_array_equal(a.X_train, b.X_train)
    assert not np.array_equal(a.X_train, c.X_train)


def test_split_two_fractions_gives_empty_test() -> None:
    X, Y = _toy(10)
    parts = split(X, Y, (0.7, 0.3))
    assert parts.X_train.shape == (3, 7) and parts.X_dev.shape == (3, 3)
    assert parts.X_test.shape == (3, 0) and parts.Y_test.shape == (1, 0)


def test_split_zero_test_fraction_and_list() -> None:
    X, Y = _toy(10)
    parts = split(X, Y, [0.8, 0.2, 0.0])
    assert (parts.X_train.shape[1], parts.X_dev.shape[1], parts.X_test.shape[1]) == (8, 2, 0)


def test_split_every_nonzero_part_gets_an_example() -> None:
    X, Y = _toy(3)
    parts = split(X, Y, (0.9, 0.05, 0.05))
    assert (parts.X_train.shape[1], parts.X_dev.shape[1], parts.X_test.shape[1]) == (1, 1, 1)
    whole = split(X, Y, (1.0, 0.0))
    assert whole.X_train.shape == (3, 3) and whole.X_dev.shape == (3, 0)


def test_split_unpacks_in_order() -> None:
    X, Y = _toy(20)
    X_train, Y_train, X_dev, Y_dev, X_test, Y_test = split(X, Y)
    assert X_train.shape[1] + X_dev.shape[1] + X_test.shape[1] == 20
    assert Y_train.shape[1] + Y_dev.shape[1] + Y_test.shape[1] == 20


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((np.zeros(5), np.zeros((1, 5))), r"X must be a 2-D array"),
        ((np.zeros((2, 0)), np.zeros((1, 0))), "X must hold at least one example"),
        ((np.full((2, 5), np.nan), np.zeros((1, 5))), "X must hold finite numbers"),
        ((np.zeros((2, 5)), np.zeros(5)), r"Y must have shape \(1, 5\)"),
        ((np.zeros((2, 5)), np.zeros((1, 4))), r"Y must have shape \(1, 5\)"),
        ((np.zeros((2, 5)), np.zeros((1, 5)), (1.0,)), "fractions must be a tuple"),
        ((np.zeros((2, 5)), np.zeros((1, 5)), (0.5, 0.3, 0.1, 0.1)), "fractions must be a tuple"),
        ((np.zeros((2, 5)), np.zeros((1, 5)), 0.6), "fractions must be a tuple"),
        ((np.zeros((2, 5)), np.zeros((1, 5)), (0.0, 1.0)), r"fractions\[0\] \(train\) must be in"),
        ((np.zeros((2, 5)), np.zeros((1, 5)), (1.2, -0.2)), r"fractions\[0\] \(train\) must be"),
        ((np.zeros((2, 5)), np.zeros((1, 5)), (0.8, -0.1, 0.3)), r"fractions\[1\] must be in"),
        ((np.zeros((2, 5)), np.zeros((1, 5)), (0.8, 0.1, "x")), r"fractions\[2\] must be a"),
        ((np.zeros((2, 5)), np.zeros((1, 5)), (0.6, 0.2, 0.1)), "fractions must sum to 1"),
        ((np.zeros((2, 5)), np.zeros((1, 5)), (0.6, 0.3)), "fractions must sum to 1"),
        ((np.zeros((2, 2)), np.zeros((1, 2)), (0.6, 0.2, 0.2)), "X must hold at least 3 exampl"),
        ((np.zeros((2, 1)), np.zeros((1, 1)), (0.5, 0.5)), "X must hold at least 2 examples"),
        ((np.zeros((2, 5)), np.zeros((1, 5)), (0.6, 0.4), -1), "seed must be between 0 and"),
    ],
)
def test_split_errors(args: tuple, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        split(*args)


# --------------------------------------------------------------------------- standardize


def test_standardize_train_stats() -> None:
    rng = np.random.RandomState(0)
    X_train = rng.randn(4, 50) * [[1.0], [10.0], [0.1], [3.0]] + [[5.0], [-2.0], [0.0], [1.0]]
    X_dev, X_test = rng.randn(4, 7) * 3 + 1, rng.randn(4, 9)
    X_train_n, X_dev_n, X_test_n, mu, sigma = standardize(X_train, X_dev, X_test)
    np.testing.assert_allclose(X_train_n.mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(X_train_n.std(axis=1), 1.0, atol=1e-12)
    assert mu.shape == (4, 1) and sigma.shape == (4, 1)
    np.testing.assert_allclose(mu, X_train.mean(axis=1, keepdims=True))
    np.testing.assert_allclose(sigma, X_train.std(axis=1, keepdims=True))
    np.testing.assert_allclose(X_dev_n, (X_dev - mu) / sigma)
    np.testing.assert_allclose(X_test_n, (X_test - mu) / sigma)
    assert abs(X_dev_n.mean()) > 1e-3  # dev is NOT re-centred on its own statistics


def test_standardize_constant_feature_and_no_others() -> None:
    X = np.array([[1.0, 2.0, 3.0], [4.0, 4.0, 4.0]])
    X_n, mu, sigma = standardize(X)
    np.testing.assert_array_equal(sigma, [[np.sqrt(2 / 3)], [1.0]])
    np.testing.assert_array_equal(X_n[1], [0.0, 0.0, 0.0])
    np.testing.assert_array_equal(mu, [[2.0], [4.0]])


def test_standardize_features_near_the_float_limit() -> None:
    X = np.array([[1e308, -1e308, 0.0, 5e307], [1.0, 2.0, 3.0, 4.0]])
    X_norm, X_dev, mu, sigma = standardize(X, np.array([[-1e308], [2.5]]))
    assert np.isfinite(X_norm).all() and np.isfinite(X_dev).all()
    assert np.allclose(X_norm.mean(axis=1), 0.0) and np.allclose(X_norm.std(axis=1), 1.0)
    assert np.allclose(X_dev[:, 0], (np.array([-1e308, 2.5]) - mu[:, 0]) / sigma[:, 0])


def test_standardize_accepts_empty_split_and_keeps_inputs() -> None:
    X, Y = _toy(10)
    parts = split(X, Y, (0.8, 0.2))
    before = parts.X_train.copy()
    _, X_dev_n, X_test_n, _, _ = standardize(parts.X_train, parts.X_dev, parts.X_test)
    assert X_dev_n.shape == (3, 2) and X_test_n.shape == (3, 0)
    np.testing.assert_array_equal(parts.X_train, before)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((np.zeros(4),), "X_train must be a 2-D array"),
        ((np.zeros((2, 0)),), "X_train must hold at least one example"),
        ((np.array([[1.0, np.inf]]),), "X_train must hold finite numbers"),
        ((np.zeros((2, 4)), np.zeros((3, 4))), r"others\[0\] must have shape \(2, m\)"),
        ((np.zeros((2, 4)), np.zeros((2, 1)), np.zeros(2)), r"others\[1\] must have shape"),
        ((np.zeros((2, 4)), np.array([[np.nan], [0.0]])), r"others\[0\] must hold finite"),
    ],
)
def test_standardize_errors(args: tuple, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        standardize(*args)


# --------------------------------------------------------------------------- load_csv

GOOD = "x1,x2,label\n0.5,1.5,1\n-1,2e-3,0\n3,4,1\n"


def test_load_csv_with_header_from_bytes() -> None:
    X, Y = load_csv(GOOD.encode())
    np.testing.assert_array_equal(X, [[0.5, -1.0, 3.0], [1.5, 0.002, 4.0]])
    np.testing.assert_array_equal(Y, [[1, 0, 1]])
    assert X.dtype == np.float64 and Y.dtype == np.int64


def test_load_csv_without_header() -> None:
    data = load_csv_with_names(b"0.5,1.5,1\n-1,2,0\n")
    np.testing.assert_array_equal(data.X, [[0.5, -1.0], [1.5, 2.0]])
    np.testing.assert_array_equal(data.Y, [[1, 0]])
    assert data.feature_names == ("x1", "x2")
    assert data.class_names == ("0", "1")


def test_load_csv_string_labels_sorted() -> None:
    text = "a,b,c,species\n1,2,3,versicolor\n4,5,6,setosa\n7,8,9,virginica\n1,1,1,setosa\n"
    data = load_csv_with_names(text.encode())
    assert isinstance(data, CsvData)
    assert data.feature_names == ("a", "b", "c")
    assert data.class_names == ("setosa", "versicolor", "virginica")
    np.testing.assert_array_equal(data.Y, [[1, 0, 2, 0]])
    assert data.X.shape == (3, 4)


def test_load_csv_string_labels_without_header() -> None:
    data = load_csv_with_names(b"1,2,cat\n3,4,dog\n")
    assert data.feature_names == ("x1", "x2") and data.class_names == ("cat", "dog")
    np.testing.assert_array_equal(data.X, [[1.0, 3.0], [2.0, 4.0]])


def test_load_csv_integer_labels_mapped_in_numeric_order() -> None:
    data = load_csv_with_names(b"1,2,10\n3,4,-1\n5,6,9\n7,8,2.0\n")
    assert data.class_names == ("-1", "2", "9", "10")
    np.testing.assert_array_equal(data.Y, [[3, 0, 2, 1]])


@pytest.mark.parametrize(
    "source",
    ["path", "str_path", "bytesio", "stringio", "bytearray", "binary_handle"],
)
def test_load_csv_sources(tmp_path, source: str) -> None:
    path = tmp_path / "good.csv"
    path.write_text(GOOD, encoding="utf-8")
    if source == "binary_handle":
        with open(path, "rb") as handle:
            X, Y = load_csv(handle)
    else:
        file = {
            "path": path,
            "str_path": str(path),
            "bytesio": io.BytesIO(GOOD.encode()),
            "stringio": io.StringIO(GOOD),
            "bytearray": bytearray(GOOD.encode()),
        }[source]
        X, Y = load_csv(file)
    assert X.shape == (2, 3) and Y.shape == (1, 3)


def test_load_csv_rereads_an_upload_from_start() -> None:
    upload = io.BytesIO(GOOD.encode())
    first = load_csv(upload)
    second = load_csv(upload)
    np.testing.assert_array_equal(first[0], second[0])


def test_load_csv_round_trip_with_generated_data(tmp_path) -> None:
    X, Y = make_dataset("spiral", 60, 0.2, seed=1, n_classes=3)
    rows = [f"{a!r},{b!r},{y}" for (a, b), y in zip(X.T.tolist(), Y[0], strict=True)]
    for header in (["f1,f2,y"], []):
        path = tmp_path / f"spiral{len(header)}.csv"
        path.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
        X2, Y2 = load_csv(path)
        np.testing.assert_array_equal(X2, X)
        np.testing.assert_array_equal(Y2, Y)


def test_load_csv_tolerates_bom_crlf_quotes_spaces_and_blank_lines() -> None:
    text = '\ufeff"x 1", x2 ,label\r\n 1 , "2",yes\r\n\r\n  \r\n,,\r\n3,4, no \r\n'
    data = load_csv_with_names(text.encode("utf-8"))
    assert data.feature_names == ("x 1", "x2") and data.class_names == ("no", "yes")
    np.testing.assert_array_equal(data.X, [[1.0, 3.0], [2.0, 4.0]])
    np.testing.assert_array_equal(data.Y, [[1, 0]])


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_load_csv_reads_every_line_ending(newline: str) -> None:
    text = newline.join(["x1,x2,y", "1,2,0", '3,"4",1', ""])
    X, Y = load_csv(text.encode())
    np.testing.assert_array_equal(X, [[1.0, 3.0], [2.0, 4.0]])
    np.testing.assert_array_equal(Y, [[0, 1]])


def test_load_csv_limits_accepted() -> None:
    header = ",".join(f"f{j}" for j in range(MAX_FEATURES)) + ",y"
    row = ",".join("1" for _ in range(MAX_FEATURES))
    lines = [header] + [f"{row},{i % MAX_CLASSES}" for i in range(MAX_SAMPLES)]
    X, Y = load_csv("\n".join(lines).encode())
    assert X.shape == (MAX_FEATURES, MAX_SAMPLES)
    assert Y.max() == MAX_CLASSES - 1


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"", "file is empty"),
        (b"\n\n  \n", "file is empty"),
        (b"\xff\xfex\x00,\x00", "file must be UTF-8 text; it is UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "file must be a CSV text file; it looks binary"),
        (b"x1,x2,y\n1,2,caf\xe9\n", "file must be UTF-8 text"),
        (b"label\n1\n0\n", "at least 3 comma-separated columns .*got 1 column$"),
        (b"x,label\n1,1\n2,0\n", "at least 3 comma-separated columns .*got 2 columns"),
        (b"x1;x2;y\n1;2;0\n", "got 1 column"),
        (b"x1,x2,y\n1,2,0\n3,4\n", "ragged rows: line 3 has 2 columns but line 1 has 3"),
        (b"x1,x2,y\n1,2,0\n3,4,1,5\n", "ragged rows: line 3 has 4 columns"),
        (b"x1,x2,y\n", "header row but no data rows"),
        (b"x1,x2,y\n1,2,0\n3,abc,1\n", r"text 'abc' at line 3, column 2 \('x2'\)"),
        (b"1,2,0\n3,,1\n", r"empty cell at line 2, column 2 \('x2'\)"),
        (b"x1,x2,y\n1,2,0\nnan,4,1\n", r"'nan' at line 3, column 1 \('x1'\).*no NaN or inf"),
        (b"x1,x2,y\n1,inf,0\n3,4,1\n", r"'inf' at line 2, column 2.*finite"),
        (b"x1,x2,y\n1,2,0\n3,4,\n", "empty label at line 3"),
        (b"x1,x2,y\n1,2,0\n3,4,0.5\n", "label '0.5' at line 3; labels must be integers"),
        (b"x1,x2,y\n1,2,0\n3,4,nan\n", "label 'nan' at line 3"),
        (b"x1,x2,y\n1,2,1\n3,4,1\n", "2 to 10 classes; got 1: 1"),
        (b"x1,x2,y\n1,2,a\n3,4,a\n", "2 to 10 classes; got 1: a"),
        (b'x1,x2,y\n1,2,"a\n', "file is not a valid CSV"),
    ],
)
def test_load_csv_errors(content: bytes, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        load_csv(content)


def test_load_csv_too_many_rows() -> None:
    content = "a,b,y\n" + "".join(f"{i},{i},{i % 2}\n" for i in range(MAX_SAMPLES + 1))
    with pytest.raises(ValueError, match=f"at most {MAX_SAMPLES} data rows; got {MAX_SAMPLES + 1}"):
        load_csv(content.encode())


def test_load_csv_too_many_classes() -> None:
    lines = [f"{i},{i},c{i}" for i in range(MAX_CLASSES + 1)]
    with pytest.raises(ValueError, match=f"2 to {MAX_CLASSES} classes; got {MAX_CLASSES + 1}"):
        load_csv("\n".join(lines).encode())


def test_load_csv_too_many_features() -> None:
    row = ",".join("1" for _ in range(MAX_FEATURES + 2))
    with pytest.raises(ValueError, match=f"at most {MAX_FEATURES} feature columns"):
        load_csv(f"{row}\n{row}\n".encode())


def test_load_csv_too_many_bytes(tmp_path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"1,2,0\n" * (MAX_CSV_BYTES // 6 + 1))
    with pytest.raises(ValueError, match=f"file must be at most {MAX_CSV_BYTES} bytes"):
        load_csv(path)


def test_load_csv_rejects_other_types() -> None:
    with pytest.raises(ValueError, match="file must be a path, bytes or a file-like object"):
        load_csv(42)


def test_load_csv_never_evaluates_cells() -> None:
    with pytest.raises(ValueError, match="features must be numbers"):
        load_csv(b"x1,x2,y\n1,2,0\n__import__('os'),4,1\n")
