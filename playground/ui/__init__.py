"""Streamlit pieces shared by the pages: URL-bound controls, the run panel and the guide boxes."""
