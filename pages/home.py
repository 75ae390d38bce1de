"""Home: what the app is, and the lesson plans — every page week by week, and a 50-minute class."""

import streamlit as st

from playground.catalog import find_scene, page_path
from playground.catalog.lesson_plan import LESSON_PLAN, in_the_class, week_by_week
from playground.ui.page_setup import enter_app

enter_app()

st.title("Deep-learning tuning playground")
st.markdown(
    "Learn **by doing** how to make a neural network train well. Each page takes one idea from "
    "the course *Improving Deep Neural Networks: hyperparameter tuning, regularization and "
    "optimization*, lets you change the settings, trains a small NumPy network right here, and "
    "draws what the idea is about. Notation follows the course (📖 **Notation** above lists each "
    "symbol with its widget); **every setting lives in the page's URL**: copy the address bar to "
    "share exactly what you see."
)
course, lesson = st.tabs(["🗺️ The course, week by week", "🎬 A 50-minute class"])
with course:
    st.markdown(
        "Every page in course order, the weeks also in the menus at the top. A page's **scenes** "
        "set every control for one story of the course (🎬: a step of the 50-minute class)."
    )
    for section, visits in week_by_week().items():
        st.subheader(section)
        for visit in visits:
            page = visit.page
            with st.container(horizontal=True, vertical_alignment="center", gap="small"):
                st.page_link(str(page_path(page)), label=f"**{page.title}**", icon=page.icon)
                for scene in visit.scenes:
                    step = in_the_class(page.slug, scene.slug)
                    st.page_link(
                        str(page_path(page)),
                        label=f"{'🎬 ' if step else ''}{scene.name}",
                        query_params={"scene": scene.slug},
                        help=scene.description,
                    )
            st.caption(page.teaches)
with lesson:
    st.markdown(
        "One path through the course: open the links one after the other and ask the class the "
        "question (also in docs/lesson-plan.md)."
    )
    pages = {visit.page.slug: visit.page for visits in week_by_week().values() for visit in visits}
    start = 0
    for step in LESSON_PLAN:
        scene = find_scene(step.page, step.scene)
        page = pages[step.page]
        st.page_link(
            str(page_path(page)),
            label=f"**{start}′ {page.title}: {scene.name}**",
            query_params={"scene": scene.slug},
        )
        st.markdown(step.ask)
        start += step.minutes
