"""Cached computations of the Regularization page (the shared data set comes from
``cache.cached_data``)."""

from __future__ import annotations

import streamlit as st

from playground.engine.experiment import Data
from playground.topics.regularization import model as reg
from playground.topics.regularization.augment import SETTINGS as AUGMENT_SETTINGS
from playground.topics.regularization.augment import ReflectionCheck, reflection_check
from playground.ui.cache import CACHE, cached_data

_AUGMENT_KEYS = tuple(setting.key for setting in AUGMENT_SETTINGS)


def augmented(values: dict) -> Data:
    """The page's training set with its augmented copies (dev set unchanged), cached."""
    return _augmented({key: values[key] for key in (*reg.DATA_KEYS, *_AUGMENT_KEYS)})


@st.cache_data(**CACHE)
def _augmented(values: dict) -> Data:
    return reg.augmented_data(cached_data(reg.data_values(values), None), values)


@st.cache_data(**CACHE)
def cached_reflection_check(values: dict, reflect: str) -> ReflectionCheck:
    """Does mirroring (``reflect``) keep the labels of the page's data set?"""
    data = cached_data(reg.data_values(values), None)
    return reflection_check(data.X_train, data.Y_train, data.X_dev, data.Y_dev, reflect)
