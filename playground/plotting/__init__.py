"""The shared figure vocabulary; every figure of every page is drawn with these modules.

- ``style``: the palette, font sizes, the base layout, the one-row legend, bars labelled with
  their values, a fast figure.
- ``axes``: log axes and colour bars, reference lines and notes, equal-aspect planes.
- ``panels``: a grid of panels with a title above each.
- ``markers``: where a descent starts, where the minimum is.
- ``curves``: values per epoch (one run's train and dev cost, several runs' training cost).
- ``boundary``: decision boundaries, one or a grid of them.
- ``optimizer_styles``: each optimizer's colour, dash and symbol.
- ``compare``: the A vs B figures; ``projector``: presenter mode for any figure.

A topic's own figures live in ``playground/topics/<slug>/figures.py`` and import from here only.
"""
