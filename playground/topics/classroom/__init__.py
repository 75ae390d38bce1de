"""The Classroom page (pages/classroom.py): its declaration only; the page starts, joins and
shows a live class (``playground.classroom`` holds its state, ``playground.ui.classroom*`` its
Streamlit pieces)."""

from __future__ import annotations

from playground.engine.topic import Topic

TOPIC = Topic(
    slug="classroom",
    title="Classroom",
    icon="🏫",
    teaches="A live class: students join with a code, follow the teacher, answer and train.",
)
