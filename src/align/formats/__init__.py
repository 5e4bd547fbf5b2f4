"""Readers and writers for the files translators actually have, beside plain text.

- ``bilingual``: XLIFF 1.2 / 2.0, Trados SDLXLIFF and TMX, read as they are (one unit per segment,
  inline tags kept as visible placeholders);
- ``docx``: Word documents in (body text with paragraph offsets) and back out with Word comments
  anchored on the flagged words;
- ``web``: the original straight from a web page (fetch, decode, keep the article only).

Each module is importable on its own; the heavy dependencies (python-docx, trafilatura) load only
when a function that needs them is called.
"""

import re

TAG_PLACEHOLDER = re.compile(r"\{/?[^{}\s]{1,32}\}")
"""An inline tag of a bilingual file as ``bilingual`` writes it into the text: ``{1}``, ``{/1}``,
``{pt5}``. The pipeline blanks them for the checks, the ``form`` check compares them unit by unit."""

BILINGUAL_SUFFIXES = (".xlf", ".xliff", ".sdlxliff", ".tmx")
"""File name endings read by ``bilingual.read_bilingual`` (compared case-insensitively); here, not in
``bilingual``, so that the CLI tells a bilingual file by its name without importing lxml."""
