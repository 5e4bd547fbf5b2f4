"""Figures, units and dates read from English or Chinese text, with their character spans.

The aligner reads them as anchors (a bead that keeps a figure with its rendering scores higher) and
the ``number`` check compares them; both read them here, so neither imports the other.
"""
