"""Home: what the app is, and a link to every page with what it teaches."""

import streamlit as st

from playground.ui.page_setup import enter_app
from playground.ui.pages import sections

enter_app()

st.title("Deep-learning tuning playground")
st.markdown(
    "Learn **by doing** how to make a neural network train well. Each page takes one idea from "
    "the course *Improving Deep Neural Networks: hyperparameter tuning, regularization and "
    "optimization*, lets you change the settings, trains a small NumPy network right here, and "
    "draws what the idea is about. Notation follows the course: X has shape (n_x, m), the "
    "parameters are W1, b1, …, the gradients dW1, db1, …."
)
st.markdown(
    "**Every setting lives in the page's URL**: copy the address bar to share exactly what you "
    "see — settings and seed — with a class or a friend."
)
for section, pages in sections().items():
    linked = [page for page in pages if page.file != "home.py"]
    if not linked:
        continue
    st.subheader(section)
    for page in linked:
        st.page_link(str(page.path), label=f"**{page.title}** — {page.teaches}", icon=page.icon)
