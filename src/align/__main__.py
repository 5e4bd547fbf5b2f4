"""``python -m align`` is the ``align`` command.

Guarded: ``align batch -j N`` starts its workers with the spawn method, which imports this module
again in each worker (as ``__mp_main__``); unguarded, every worker would run the command anew.
"""

from align.cli import main

if __name__ == "__main__":
    main()
