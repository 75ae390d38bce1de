"""The live classroom's state: classes, members, the teacher's view, polls and search results.

``store`` opens the database (SQLite by default, PostgreSQL by one URL) and migrates its schema;
``classes``, ``polls`` and ``results`` are the classroom's operations as plain functions on an
engine; ``limits`` holds the bounds and the rate limits every replica counts in the database.
No Streamlit here: the UI calls these functions and escapes what it shows.
"""
