"""The language layer every other stage reads: English tokens and lemmas, Chinese words, CC-CEDICT,
figures and dates, the learned translation table, and the one loader for the files in ``align/data``.

Nothing here knows about beads, flags or checks: the aligner and the checks both build on it.
"""
