"""The deep-learning tuning playground's pure NumPy core."""

__version__ = "0.1.0"
"""The app's version, written into every export (kept equal to pyproject.toml's)."""
