"""A probe of a page's text layout in the browser: is any label clipped, or drawn over another?

:data:`PROBE` runs in the page and returns one sentence per defect it finds among what is shown
now (hidden tabs and collapsed expanders are skipped: their boxes are empty):

- in every Plotly figure of the main area, the SVG ``text`` nodes (titles, axis titles, tick
  labels, legend texts, annotations, colour-bar titles and ticks, slider and button labels):
  two of them **overlap** when their boxes intersect more than ``tolerance`` px deep; one is
  **clipped** when its box reaches more than ``tolerance`` px outside the figure, or **hidden**
  when it reaches more than ``LEGEND_TOLERANCE_PX`` under a legend's (opaque) background;
- the headings, buttons, tabs and metrics of the main area: **clipped** when their text is wider
  than the box that shows it (``scrollWidth > clientWidth``, e.g. a label cut to "↺ Re…").

A text's box is its own box (``getBBox``, all lines of a multi-line label) turned and placed by
its transform (``getScreenCTM``): a rotated tick label is a rotated box, and two boxes overlap
as deep as the least overlap of their projections on their edges' normals (the separating-axis
test of convex shapes). :func:`text_defects` runs it from a test.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

TOLERANCE_PX = 3
"""How far two boxes may intersect, or a box reach past its figure, before it counts (a glyph's
box is taller than its ink, so neighbouring tick labels touch without overlapping)."""

LEGEND_TOLERANCE_PX = 10
"""How deep a text may reach under a legend's background: the background pads its items by a few
px and a text's box is taller than its ink, so only deeper is a label cut (like the second line
of a category label under a bar chart's legend)."""

PROBE = """
({ tolerance, legendTolerance }) => {
  const defects = [];
  const main = document.querySelector('[data-testid="stMain"]');
  const shown = (r) => r.width > 0 && r.height > 0;
  const words = (e) => (e.textContent || '').replace(/\\s+/g, ' ').trim();
  const quote = (e) => JSON.stringify(words(e).slice(0, 40));
  const visible = (e) => {
    for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
      const style = getComputedStyle(n);
      if (style.display === 'none' || style.visibility === 'hidden') return false;
      if (parseFloat(style.opacity) === 0) return false;
    }
    return true;
  };
  const figureName = (plot) => {
    const keyed = plot.closest('[class*="st-key-"]');
    const key = keyed && [...keyed.classList].find((c) => c.startsWith('st-key-'));
    const title = plot.querySelector('.gtitle');
    return (key ? key.slice(7) : 'figure') + (title ? ' ' + quote(title) : '');
  };
  // A text's box as four corners on the screen: its own (unrotated) box through its transform,
  // so two rotated tick labels side by side do not count as overlapping by their outer boxes.
  const corners = (t) => {
    const b = t.getBBox(), m = t.getScreenCTM();
    const right = b.x + b.width, bottom = b.y + b.height;
    return [[b.x, b.y], [right, b.y], [right, bottom], [b.x, bottom]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
  };
  // How deep two convex boxes overlap: the least overlap of their projections on the boxes'
  // edge normals (separating axes); 0 or less when they are apart.
  const depth = (a, b) => {
    let least = Infinity;
    for (const poly of [a, b]) {
      for (let i = 0; i < 4; i++) {
        const p = poly[i], q = poly[(i + 1) % 4];
        const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
        const nx = (p.y - q.y) / len, ny = (q.x - p.x) / len;
        const span = (pts) => pts.map((r) => r.x * nx + r.y * ny);
        const sa = span(a), sb = span(b);
        const overlap = Math.min(Math.max(...sa), Math.max(...sb)) -
                        Math.max(Math.min(...sa), Math.min(...sb));
        least = Math.min(least, overlap);
      }
    }
    return least;
  };
  main.querySelectorAll('.js-plotly-plot').forEach((plot) => {
    const frame = plot.getBoundingClientRect();
    if (!shown(frame)) return;
    const name = figureName(plot);
    const texts = [...plot.querySelectorAll('svg text')]
      .filter((t) => !t.closest('.hoverlayer') && words(t) && visible(t))
      .filter((t) => shown(t.getBoundingClientRect()))
      .map((t) => ({ t, box: corners(t) }));
    // A legend's background hides what lies under it: no other text may reach into it.
    const legends = [...plot.querySelectorAll('g.legend > rect.bg')]
      .filter((r) => shown(r.getBoundingClientRect()))
      .map((r) => ({ legend: r.parentElement, box: corners(r) }));
    texts.forEach(({ t, box }) => {
      legends.filter(({ legend }) => !legend.contains(t)).forEach((l) => {
        const d = depth(box, l.box);
        if (d > legendTolerance) {
          defects.push(`${name}: ${quote(t)} hidden ${Math.round(d)} px deep under the legend`);
        }
      });
    });
    texts.forEach(({ t, box }) => {
      const out = Math.max(...box.map((p) => Math.max(
        frame.left - p.x, p.x - frame.right, frame.top - p.y, p.y - frame.bottom)));
      if (out > tolerance) {
        defects.push(`${name}: ${quote(t)} clipped by ${Math.round(out)} px at the figure's edge`);
      }
    });
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const d = depth(texts[i].box, texts[j].box);
        if (d > tolerance) {
          defects.push(`${name}: ${quote(texts[i].t)} overlaps ${quote(texts[j].t)} ` +
                       `by ${Math.round(d)} px`);
        }
      }
    }
  });
  const boxes = [
    'h1', 'h2', 'h3', 'button', 'button *', '[data-testid="stTab"] *',
    '[data-testid="stMetricLabel"] *', '[data-testid="stMetricValue"] *',
  ].join(', ');
  main.querySelectorAll(boxes).forEach((e) => {
    if (!shown(e.getBoundingClientRect()) || !words(e) || !visible(e)) return;
    if (e.closest('.js-plotly-plot')) return;  // the figure's own modebar
    if (e.scrollWidth > e.clientWidth + 1) {
      defects.push(`${e.tagName.toLowerCase()} ${quote(e)} clipped: ` +
                   `${e.scrollWidth} px of text in ${e.clientWidth} px`);
    }
  });
  return [...new Set(defects)];
}
"""
"""The probe (see the module's docstring); called with ``{tolerance}``, returns sentences."""


def text_defects(page: Page, tolerance: float = TOLERANCE_PX) -> list[str]:
    """Every clipped or overlapping text the page shows now, one sentence each."""
    return page.evaluate(PROBE, {"tolerance": tolerance, "legendTolerance": LEGEND_TOLERANCE_PX})


WIDGET = (
    '[data-testid="stSidebarUserContent"] :is([data-testid="stSlider"], '
    '[data-testid="stSelectbox"], [data-testid="stCheckbox"], [data-testid="stNumberInput"], '
    '[data-testid="stRadio"], [data-testid="stSelectSlider"], [data-testid="stFileUploader"], '
    '[data-testid="stTextInput"], [data-testid="stToggle"], [data-testid="stMultiSelect"], '
    '[data-testid="stButton"], [data-testid="stSegmentedControl"], [data-testid="stPills"])'
)
"""Any widget of the sidebar: the first of them is a page's first control."""
MAIN_CONTROLS = {
    "home": '[data-testid="stMain"] [data-testid="stPageLink"]',
    "classroom": '[data-testid="stMain"] [data-testid="stTextInput"]',
}
"""The pages whose first control is in the main area: Home's first lesson-plan link, the
Classroom's join-code field."""


def first_control_bottom(page: Page, slug: str) -> float:
    """The bottom edge of page ``slug``'s first visible control, in px from the viewport's top."""
    control = page.locator(MAIN_CONTROLS.get(slug, WIDGET)).filter(visible=True).first
    box = control.bounding_box()
    assert box is not None, f"{slug}: no first control"
    return box["y"] + box["height"]


SIDEBAR_AT_REST = """() => document.querySelector('[data-testid="stSidebar"]')
  .getAnimations().length === 0"""
"""The sidebar has stopped moving: it slides open by widening (a 300 ms CSS transition), and
while it is narrow its labels wrap and push the first control down (seen on a loaded
machine: Frameworks' first control measured at 751 px)."""


def open_sidebar(page: Page) -> bool:
    """Unfold the sidebar (presenter mode starts with it folded), as the teacher does; True if
    it was folded."""
    sidebar = page.get_by_test_id("stSidebar")
    if sidebar.get_attribute("data-collapsed") != "true":
        return False
    page.get_by_test_id("stExpandSidebarButton").click()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    page.wait_for_function(SIDEBAR_AT_REST)
    return True


def fold_sidebar(page: Page) -> None:
    """Fold the sidebar again (Streamlit remembers it open for the tab's next pages)."""
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.hover()
    page.get_by_test_id("stSidebarCollapseButton").get_by_role("button").click()
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    page.wait_for_function(SIDEBAR_AT_REST)  # the navigation above is laid out again


CUT = """([main, selector]) => [...main.querySelectorAll(selector)]
  .filter((b) => b.checkVisibility())
  .flatMap((button) => [...button.querySelectorAll('p, div, span')]
    .filter((e) => getComputedStyle(e).textOverflow === 'ellipsis')
    .filter((e) => e.scrollWidth > e.clientWidth + 1)
    .map(() => button.innerText.trim()))"""
"""The labels of the main area's visible ``selector`` elements that are cut: an element inside
that ends with "…" what does not fit, wider than it is shown."""
BUTTONS = "button[kind]"
LINKS = '[data-testid="stPageLink"] a'


def cut_labels(page: Page, selector: str = BUTTONS) -> list[str]:
    """The labels of the main area's ``selector`` elements that are cut, each once."""
    main = page.get_by_test_id("stMain").element_handle()
    return sorted(set(page.evaluate(CUT, [main, selector])))
