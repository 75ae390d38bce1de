"""The bias-variance page's four models — a small and a large network, each without and with
regularization — the runs it trains of them, the curves it draws for them, and what it shows
(:func:`measure`)."""

from __future__ import annotations

from playground.engine.config import MAX_UNITS, check_choice, check_int, check_range
from playground.engine.diagnose import diagnose_run, estimate_bayes_error
from playground.engine.experiment import Data, OneThreadRun, Run, make_data
from playground.engine.fitting import Model, model_values
from playground.topics.bias_variance.curves import (
    check_curve_work,
    learning_curve_sizes,
    sweep_units,
)
from playground.topics.bias_variance.settings import REGULARIZERS, data_values


def regularization_labels(
    reg: str = "l2", lambd: float = 0.7, keep_prob: float = 0.86
) -> tuple[str, str]:
    """How the unregularized and the regularized runs are labelled: ("λ = 0", "λ = 0.7"), or
    ("keep_prob = 1", "keep_prob = 0.86") for dropout."""
    check_choice("reg", reg, REGULARIZERS)
    if reg == "l2":
        return "λ = 0", f"λ = {check_range('lambd', lambd, 0.0, 1e6):g}"
    keep_prob = check_range("keep_prob", keep_prob, 0.0, 1.0, inclusive_low=False)
    return "keep_prob = 1", f"keep_prob = {keep_prob:g}"


def bias_variance_models(
    small: int, big: int, reg: str = "l2", lambd: float = 0.7, keep_prob: float = 0.86
) -> dict[str, Model]:
    """The four models by name: small [n_x, small, 1] and large [n_x, big, big, 1], each
    without and with regularization (L2 λ, or dropout keep_prob on every hidden layer).

    Names read "Small · λ = 0", "Small · λ = 0.7", "Large · λ = 0", "Large · λ = 0.7" (see
    :func:`regularization_labels`), unregularized first.
    """
    small = check_int("small", small, 1, MAX_UNITS)
    big = check_int("big", big, 1, MAX_UNITS)
    plain, regular = regularization_labels(reg, lambd, keep_prob)
    extra = {"lambd": lambd} if reg == "l2" else {"keep_prob": keep_prob}
    models = {}
    for size, hidden in (("Small", (small,)), ("Large", (big, big))):
        models[f"{size} · {plain}"] = Model(hidden)
        models[f"{size} · {regular}"] = Model(hidden, **extra)
    return models


def page_models(values: dict) -> dict[str, Model]:
    """The four models of the page's settings (keys small, big, reg, l2, kp)."""
    return bias_variance_models(
        values["small"], values["big"], values["reg"], values["l2"], values["kp"]
    )


def learning_curve_models(values: dict) -> dict[str, Model]:
    """The models of the page's learning curve: the small and the large network unregularized
    (the high-bias and the high-variance reference)."""
    return {name: m for name, m in page_models(values).items() if m == Model(m.hidden)}


def size_sweeps(values: dict) -> dict[str, tuple[float, float]]:
    """The page's model-size sweeps by label: (λ, keep_prob) without and with regularization."""
    plain, regular = regularization_labels(values["reg"], values["l2"], values["kp"])
    if values["reg"] == "l2":
        return {plain: (0.0, 1.0), regular: (values["l2"], 1.0)}
    return {plain: (0.0, 1.0), regular: (0.0, values["kp"])}


def check_page_curves(values: dict, data: Data) -> None:
    """Raise the ValueError that :func:`learning_curve` or :func:`model_size_sweep` would raise
    for the page's curves on ``data`` as too much work, before any of them is trained."""
    m_train, n_x = data.X_train.shape[1], data.n_x
    n_out = 1 if data.n_classes == 2 else data.n_classes
    sizes = learning_curve_sizes(m_train)
    for model in learning_curve_models(values).values():
        weights = model.weights(n_x, n_out)
        check_curve_work(values["epochs"], sum(sizes) * weights, len(sizes), "learning curve")
    units = sweep_units(values["big"])
    weights = sum(Model((n, n)).weights(n_x, n_out) for n in units)
    check_curve_work(values["epochs"], m_train * weights, len(units), "model-size sweep")


def bias_variance_runs(values: dict, data: Data) -> dict[str, Run]:
    """The page's four untrained runs (:class:`OneThreadRun`) on ``data``, named as in
    :func:`bias_variance_models`.

    ``values`` holds the page's settings (small, big, reg, l2, kp, epochs, lr, seed); each run
    trains its model with ``model_values`` (full-batch Adam).
    """
    models = page_models(values)
    return {
        name: OneThreadRun(
            model_values(model, values["epochs"], values["lr"], values["seed"]), data
        )
        for name, model in models.items()
    }


RUN_KEYS = ("small", "small_reg", "large", "large_reg")
"""Short names of the page's four runs, in the order of :func:`bias_variance_models`."""


def measure(values: dict) -> dict[str, object]:
    """What the page's table shows for its settings, by name, once the four runs trained:
    ``<run>_train``, ``<run>_dev`` (accuracies), ``<run>_gap`` (train − dev accuracy) and
    ``<run>_verdict`` (the diagnosis against the Bayes error) for each run of ``RUN_KEYS``."""
    data_settings = data_values(values)
    data = make_data(data_settings)
    n_classes = data.n_classes
    bayes = estimate_bayes_error(
        values["ds"], values["noise"], n_classes, seed=data_settings["dseed"]
    )
    shown: dict[str, object] = {"bayes": bayes}
    for key, run in zip(RUN_KEYS, bias_variance_runs(values, data).values(), strict=True):
        run.advance()
        train_error, dev_error = run.errors()
        shown[f"{key}_train"], shown[f"{key}_dev"] = 1 - train_error, 1 - dev_error
        shown[f"{key}_gap"] = dev_error - train_error
        shown[f"{key}_verdict"] = diagnose_run(run, bayes).verdict
    return shown
