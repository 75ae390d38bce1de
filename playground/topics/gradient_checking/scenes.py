"""Gradient checking: the page's scenes and "try this" experiments, each result they state a claim
checked by running it (tests/test_scene_claims.py)."""

from __future__ import annotations

from playground.engine.claims import Claim
from playground.engine.scenes import Experiment, Scene

SCENES: tuple[Scene, ...] = (
    Scene(
        "planted-bug",
        "A planted bug",
        "dW2 doubled: only {lit}'s bar lights up (relative difference {dW2:.2f}).",
        {"bug": "dW2_x2", "l2": 0.7},
        (Claim("lit", "dW2"), Claim("dW2", 1 / 3, 0.001)),
    ),
    Scene(
        "check-with-regularization",
        "Check with λ on",
        "The L2 term left out of backprop passes the check at λ = 0: check with λ on.",
        {"bug": "no_l2", "l2": 0.0},
        (Claim("passed", True), Claim("passed", False, at={"l2": 0.7}, name="with_l2")),
    ),
)
"""Presets that set every control of the page for one story of the course."""

TRY_THIS: tuple[Experiment, ...] = (
    Experiment(
        "Slide ε from 1e-1 down to 1e-12 (section 3's ε).",
        "In section 1 the two-sided error falls with slope {slope_two:.1f} on the log-log "
        "plot (ε ten times smaller: the error a hundred times smaller), the one-sided only "
        "with slope {slope_one:.1f}, until round-off turns both curves back up. The best ε "
        "is about {best_two:.0e} for θ³ and {best_network:.0e} for the network, not 0: at "
        "1e-1 truncation makes correct backprop read {truncation:.2f}, at 1e-12 round-off "
        "{round_off:.0e}.",
        {"epsilon": 1e-12},
        (
            Claim("slope_two", 2.0, 0.05),
            Claim("slope_one", 1.0, 0.05),
            Claim("best_two", 3.16e-6, 0.01e-6),
            Claim("best_network", 3.16e-5, 0.01e-5),
            Claim("difference", 0.28, 0.01, at={"epsilon": 0.1}, name="truncation"),
            Claim("difference", 1e-3, 0.1e-3, name="round_off"),
        ),
    ),
    Experiment(
        "Set λ to 0.7, then plant each bug in turn and read the bar chart.",
        "dW2_x2 lights up only {lit} ({dW2:.2f} = ‖2g − g‖/(‖2g‖ + ‖g‖)); no_l2 every dW "
        "but no db ({lit_no_l2}); dropout_on every bar: the pattern tells you where to look.",
        {"l2": 0.7, "bug": "dW2_x2"},
        (
            Claim("lit", "dW2"),
            Claim("dW2", 1 / 3, 0.001),
            Claim("lit", "dW1, dW2, dW3", at={"bug": "no_l2"}, name="lit_no_l2"),
            Claim(
                "lit",
                "dW1, db1, dW2, db2, dW3, db3",
                at={"bug": "dropout_on"},
                name="lit_dropout",
            ),
        ),
    ),
    Experiment(
        "Plant no_l2, then set λ to 0.",
        "The check passes: a check only catches bugs in the terms it exercises — check "
        "with regularization on, and with dropout off.",
        {"bug": "no_l2", "l2": 0.0},
        (Claim("passed", True),),
    ),
)
"""Guided experiments at the end of the page."""
