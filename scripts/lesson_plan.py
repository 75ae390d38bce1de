"""Print docs/lesson-plan.md from playground.catalog.lesson_plan.LESSON_PLAN:
``python scripts/lesson_plan.py > docs/lesson-plan.md``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playground.catalog import all_pages  # noqa: E402
from playground.catalog.lesson_plan import lesson_plan_markdown  # noqa: E402

if __name__ == "__main__":
    print(lesson_plan_markdown({page.url_path: page.title for page in all_pages()}), end="")
