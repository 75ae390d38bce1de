"""Home: what the app is, and a link to every page with what it teaches."""

import streamlit as st

from playground.catalog import all_pages, find_scene, page_path, sections
from playground.catalog.lesson_plan import LESSON_PLAN
from playground.ui.page_setup import enter_app

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
with st.expander("🎬 Lesson plan: 50 minutes through the course, one scene at a time"):
    st.markdown(
        "Every page offers **scenes** at the top of its sidebar: named presets that set every "
        "control for one story of the course. A scene is a link too, so a lesson is a list of "
        "links (also in docs/lesson-plan.md)."
    )
    pages = {page.url_path: page for page in all_pages()}
    start = 0
    for step in LESSON_PLAN:
        scene = find_scene(step.page, step.scene)
        page = pages[step.page]
        st.page_link(
            str(page_path(page)),
            label=f"**{start}′ {page.title}: {scene.name}** — {step.ask}",
            query_params={"scene": scene.slug},
        )
        start += step.minutes
for section, pages in sections().items():
    linked = [page for page in pages if page.file != "home.py"]
    if not linked:
        continue
    st.subheader(section)
    for page in linked:
        label = f"**{page.title}** — {page.teaches}"
        st.page_link(str(page_path(page)), label=label, icon=page.icon)
