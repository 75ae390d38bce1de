"""Entry point: `streamlit run app.py`."""

import streamlit as st

st.set_page_config(page_title="Deep-learning tuning playground", page_icon="🧪", layout="wide")

st.title("Deep-learning tuning playground")
st.markdown(
    "Learn, by doing, how to make a neural network train well: regularization, initialization, "
    "optimizers, hyperparameter search and batch norm, each on its own page with a small NumPy "
    "network that trains right here in your browser session."
)
