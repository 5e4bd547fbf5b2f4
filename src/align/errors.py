"""One exception type for every user-facing failure.

The CLI turns an ``AlignError`` into a one-line message and a non-zero exit; anything else is a
bug and keeps its traceback.
"""


class AlignError(Exception):
    """A problem with the user's input or options, explained in one line."""
