"""Limits and argument checks shared by the core and the UI.

Every public function of the core validates its arguments with the helpers below, so a bad value
raises a ``ValueError`` that names the argument and the allowed values. The limits keep one
request on a shared server small: the UI reuses them as widget bounds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from numbers import Integral, Real

import numpy as np

MAX_SAMPLES = 20_000
"""Most examples in one data set (generated or uploaded CSV rows)."""
MAX_FEATURES = 20
"""Most input features n_x."""
MAX_CLASSES = 10
"""Most classes C for softmax."""
MAX_LAYERS = 60
"""Most weight layers L (hidden layers + output); deep enough for the vanishing-gradient page."""
MAX_UNITS = 512
"""Most units n_l in one layer."""
MAX_EPOCHS = 20_000
"""Most epochs in one training run (the course's initialization exercise uses 15 000)."""
MAX_CSV_BYTES = 5 * 1024 * 1024
"""Largest CSV upload read, in bytes (matches server.maxUploadSize in .streamlit/config.toml)."""
MAX_SEED = 2**32 - 1
"""Largest seed: ``np.random.RandomState`` takes seeds in [0, 2³² − 1]."""


def check_choice(name: str, value: object, choices: Iterable[object]) -> None:
    """Raise ValueError unless ``value`` is one of ``choices``."""
    allowed = list(choices)
    if value not in allowed:
        listed = ", ".join(repr(c) for c in allowed)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")


def check_int(name: str, value: object, low: int, high: int | None = None) -> int:
    """Return ``value`` as int, or raise ValueError unless it is an integer in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(f"{name} must be an integer; got {value!r}")
    value = int(value)
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise ValueError(f"{name} must be {bound}; got {value}")
    return value


def check_seed(name: str, value: object) -> int:
    """Return ``value`` as int, or raise ValueError unless it is a seed in [0, MAX_SEED]."""
    return check_int(name, value, 0, MAX_SEED)


def seed_after(seed: int, offset: int) -> int:
    """The seed ``offset`` places after ``seed``: (seed + offset) mod 2³², so a stream derived
    from a seed (epoch e's shuffle, trial i's weights) is a valid seed for every accepted one.

    Below 2³² − offset this is plain seed + offset, so results for those seeds do not change;
    past 2³² − 1 it wraps to 0 like a 32-bit counter.
    """
    seed = check_seed("seed", seed)
    offset = check_int("offset", offset, 0)
    return (seed + offset) % (MAX_SEED + 1)


def check_range(
    name: str,
    value: object,
    low: float,
    high: float,
    *,
    inclusive_low: bool = True,
    inclusive_high: bool = True,
) -> float:
    """Return ``value`` as float, or raise ValueError unless it is a finite number in the range."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{name} must be a number; got {value!r}")
    value = float(value)
    too_low = value < low if inclusive_low else value <= low
    too_high = value > high if inclusive_high else value >= high
    if not math.isfinite(value) or too_low or too_high:
        left = "[" if inclusive_low else "("
        right = "]" if inclusive_high else ")"
        raise ValueError(f"{name} must be in {left}{low}, {high}{right}; got {value}")
    return value


def check_matrix(name: str, value: object, rows: int | None = None) -> np.ndarray:
    """Return ``value`` as a finite float64 2-D array, optionally with a fixed number of rows."""
    array = np.asarray(value, dtype=np.float64) if not isinstance(value, np.ndarray) else value
    if array.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array of shape (n, m); got shape {array.shape}")
    if rows is not None and array.shape[0] != rows:
        raise ValueError(f"{name} must have {rows} rows; got shape {array.shape}")
    if array.shape[1] == 0:
        raise ValueError(f"{name} must hold at least one example (column); got shape {array.shape}")
    if array.dtype != np.float64:
        array = array.astype(np.float64)
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must hold finite numbers only (no NaN or inf)")
    return array


def check_labels(name: str, value: object, m: int, n_classes: int) -> np.ndarray:
    """Return ``value`` as an int array of shape (1, m) with labels in 0..n_classes-1."""
    labels = np.asarray(value)
    if labels.shape != (1, m):
        raise ValueError(f"{name} must have shape (1, {m}); got shape {labels.shape}")
    if labels.dtype.kind == "f":
        if not np.all(np.isfinite(labels)) or not np.all(labels == np.round(labels)):
            raise ValueError(f"{name} must hold integer labels 0..{n_classes - 1}")
        labels = labels.astype(np.int64)
    elif labels.dtype.kind not in "iub":
        raise ValueError(f"{name} must hold integer labels 0..{n_classes - 1}")
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(f"{name} must hold labels in 0..{n_classes - 1}")
    return labels.astype(np.int64, copy=False)


@dataclass(frozen=True)
class Setting:
    """One user-facing setting, declared once: it drives the widget, the URL key and validation.

    ``key`` is the widget key and the URL query parameter. ``options`` lists the allowed values
    of a choice (or of a number on a log grid, shown as a select slider); ``low``/``high``/
    ``step`` bound an int or float. Options are shown as themselves (short course terms such as
    "relu", "he", "adam"), so the URL reads the same as the widget.
    """

    key: str
    label: str
    default: object
    kind: str = "float"
    low: float | None = None
    high: float | None = None
    step: float | None = None
    options: tuple = ()
    help: str = ""

    def __post_init__(self) -> None:
        check_choice(f"{self.key}.kind", self.kind, SETTING_KINDS)
        self.validate(self.default)

    def validate(self, value: object) -> object:
        """Return the value in its canonical type, or raise ValueError naming the setting."""
        name = f"{self.label} ({self.key})"
        if self.kind == "bool":
            if not isinstance(value, (bool, np.bool_)):
                raise ValueError(f"{name} must be true or false; got {value!r}")
            return bool(value)
        if isinstance(value, (bool, np.bool_)):
            raise ValueError(f"{name} must be a {self.kind}, not true or false; got {value!r}")
        if self.options:
            if isinstance(value, float) and self.kind == "float":
                value = next((o for o in self.options if math.isclose(o, value)), value)
            check_choice(name, value, self.options)
            return self.options[self.options.index(value)]
        if self.kind == "int":
            return check_int(name, value, int(self.low), int(self.high))
        return check_range(name, value, self.low, self.high)

    def coerce(self, value: object) -> object:
        """Parse ``value`` (possibly a URL string) and validate it; fall back to the default."""
        try:
            return self.validate(self.parse(value))
        except (TypeError, ValueError):
            return self.default

    def admit(self, value: object) -> tuple[object, str | None]:
        """The value this setting's widget takes when ``value`` enters it from outside: a URL, the
        widget of the same key on another page, a scene or a restored file.

        One rule for every way in: a valid value is kept (in its canonical type). A number above
        or below the allowed values goes to the nearer end; one between the options of a log grid
        goes to the nearest option; a fraction for a whole-number setting keeps its integer part
        (as Streamlit's own URL binding reads it). Anything else — an unknown choice, text that
        is not a number, NaN, true/false for a number — falls back to the default. A changed
        value comes with one sentence naming the setting (label and URL key), the value given,
        what is allowed and what is used instead; a kept one with ``None``.
        """
        try:
            return self.validate(self.parse(value)), None
        except (TypeError, ValueError, OverflowError):
            pass
        number = _number(value) if self.kind in ("int", "float") else None
        if number is not None:
            kept, how = self._nearest(number)
        else:
            kept = self.default
            how = f"{self._not_allowed()}, using the default {_shown(kept)}"
        return kept, None if how is None else f"{self.label} ({self.key}): {_given(value)} {how}."

    def admit_url(self, texts: Sequence[str]) -> tuple[object, str | None]:
        """``admit`` for a URL parameter given once or more (``?ds=moons&ds=spiral``): the last
        one counts, as Streamlit's own binding reads it, and a repeat is reported."""
        value, message = self.admit(texts[-1])
        if len(texts) == 1:
            return value, message
        listed = ", ".join(_given(text) for text in texts)
        repeat = f"{self.label} ({self.key}) is given {len(texts)} times in the link ({listed}), "
        if message is None:
            return value, repeat + f"using the last, {_shown(value)}."
        return value, repeat + f"using the last. {message}"

    def _nearest(self, number: float) -> tuple[object, str | None]:
        """The allowed value nearest to ``number``, and how it moved (``None``: it did not)."""
        ends = self.options or (self.low, self.high)
        low, high = min(ends), max(ends)
        if not low <= number <= high:
            end, word = (high, "above") if number > high else (low, "below")
            limit = "maximum" if number > high else "minimum"
            kept = self.validate(int(end) if self.kind == "int" else end)
            return kept, f"is {word} this page's {limit} {_shown(end)}, using {_shown(kept)}"
        if self.options:
            nearest = min(self.options, key=lambda option: abs(option - number))
            if math.isclose(nearest, number):
                return nearest, None
            values = f"is not one of this page's values ({_listed(self.options)})"
            return nearest, f"{values}, using the nearest, {_shown(nearest)}"
        if self.kind == "int" and int(number) != number:
            return int(number), f"is not a whole number, using {int(number)}"
        return self.validate(int(number) if self.kind == "int" else float(number)), None

    def _not_allowed(self) -> str:
        """Why a value that is not even the right kind of thing is refused."""
        if self.kind == "bool":
            return "is not true or false"
        if self.kind == "choice":
            return f"is not one of this page's choices ({_listed(self.options)})"
        return "is not a number"

    def parse(self, text: object) -> object:
        """Turn a string from a URL or a JSON file into this setting's type (no eval)."""
        if not isinstance(text, str):
            return text
        text = text.strip()
        if self.kind == "bool":
            return {"true": True, "false": False}.get(text.lower(), text)
        if self.kind == "int":
            return int(text)
        if self.kind == "float":
            return float(text)
        return text

    def format(self, value: object) -> str:
        """How a value is shown, and written in the URL: numbers in short form (0.001, 1e-08)."""
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)


SETTING_KINDS = ("int", "float", "choice", "bool")
LONGEST_SHOWN = 40
"""Most characters of a given value repeated in a message (a hostile URL can hold 10 000)."""


def _number(value: object) -> int | float | None:
    """``value`` as a number — a real, or text such as "6", "1e3" or "inf" — else ``None``
    (true/false, NaN and text that is not a number are not numbers here)."""
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            value = int(text)
        except ValueError:
            try:
                value = float(text)
            except ValueError:
                return None
    if not isinstance(value, Real) or value != value:  # NaN is the one value unequal to itself
        return None
    return value


def _shown(value: object) -> str:
    """A value as a message shows it: numbers in short form, true/false in lower case."""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value)).lower()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, Integral) and abs(value) >= 10**15:
        return f"{Decimal(int(value)):.3g}"  # no 4300-digit str() limit, and short
    return str(value)


def _listed(options: Sequence[object]) -> str:
    """Options as a message lists them: all of a few, the ends of many."""
    shown = [_shown(option) for option in options]
    return ", ".join(shown if len(shown) <= 8 else [*shown[:3], "…", shown[-1]])


def _given(value: object) -> str:
    """A value someone gave, as a message repeats it: a number as such, other text in quotes,
    anything long cut short."""
    if isinstance(value, str):
        shown = value.strip() if _number(value) is not None else repr(value)
    else:
        shown = _shown(value)
    return shown if len(shown) <= LONGEST_SHOWN else shown[: LONGEST_SHOWN - 1] + "…"


def settings_by_key(*settings: Setting) -> dict[str, Setting]:
    """Index settings by key, refusing duplicate keys (every key is one URL parameter)."""
    table: dict[str, Setting] = {}
    for setting in settings:
        if setting.key in table:
            raise ValueError(f"duplicate setting key {setting.key!r}")
        table[setting.key] = setting
    return table


def coerce_settings(table: dict[str, Setting], values: dict[str, object]) -> dict[str, object]:
    """Every setting of ``table``, from ``values`` where valid, else its default; unknown keys
    are dropped. Never raises: this is how URL parameters and imported JSON are read."""
    return {key: s.coerce(values[key]) if key in values else s.default for key, s in table.items()}


def check_settings(
    table: Mapping[str, Setting], values: object, optional: Iterable[str] = ()
) -> dict[str, object]:
    """Every setting of ``table`` validated from ``values``, the strict reading a core function
    of a page does (``coerce_settings`` is the forgiving one of URLs and files): ValueError if
    ``values`` is not a dict, misses a setting (those in ``optional`` take their default) or
    holds a value out of its setting's range."""
    if not isinstance(values, dict):
        raise ValueError(f"values must be a dict of page settings; got {type(values).__name__}")
    values = {key: table[key].default for key in optional} | values
    missing = [key for key in table if key not in values]
    if missing:
        raise ValueError(f"values is missing the settings {', '.join(missing)}")
    return {key: setting.validate(values[key]) for key, setting in table.items()}


MAX_WORK = 1e10
"""Most work in one training run (or the runs a page trains at once), counted by
``playground.engine.experiment.run_work`` as epochs × (examples × weights + updates × a
per-update cost), batch norm's extra work included (≈ a minute of CPU)."""
