"""``python -m align`` is the ``align`` command."""

from align.cli import main

main()
