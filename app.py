"""Entry point: `streamlit run app.py`. Sections and pages come from playground/ui/pages.py."""

import streamlit as st

from playground.ui.pages import sections

st.set_page_config(page_title="Deep-learning tuning playground", page_icon="🧪", layout="wide")

navigation = st.navigation(
    {
        section: [
            st.Page(
                page.path,
                title=page.title,
                icon=page.icon,
                url_path=page.url_path,
                default=page.file == "home.py",
            )
            for page in pages
        ]
        for section, pages in sections().items()
    },
    expanded=True,
)
navigation.run()
