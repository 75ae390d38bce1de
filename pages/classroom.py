"""Classroom: a teacher starts a live class, students join it and follow the teacher."""

import streamlit as st

from playground.ui import classroom, guide
from playground.ui.classroom_page import join_form, member_screen, start_form, teacher_screen
from playground.ui.classroom_search import student_search, teacher_search
from playground.ui.page_setup import enter_app

enter_app()

st.title("🏫 Classroom")
guide.what_this_shows(
    "A live class: the teacher starts it and puts the join code on the projector; students join "
    "on their own laptops. When the teacher moves to a page or a scene, every student's app "
    "follows; the scenes' questions become polls of the whole class."
)

classroom.show_problems()
teacher = st.session_state.get(classroom.TEACHER_KEY)
member = st.session_state.get(classroom.MEMBER_KEY)
if teacher is not None:
    teacher_screen(teacher)
    teacher_search(teacher)
elif member is not None:
    member_screen(member)
    student_search(member)
else:
    join, start = st.columns(2, gap="large")
    with join:
        join_form()
    with start:
        start_form()
