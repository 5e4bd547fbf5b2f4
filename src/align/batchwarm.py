"""Warm-up of the process that ``align batch -j N`` forks its workers from.

multiprocessing's fork server runs *preload* modules by importing them, once, before it forks any
worker: importing this module there is the hook. It reads the batch's settings from
``$ALIGN_BATCH_WARM`` (set by :func:`align.batching._worker_context` while it starts the server)
and checks a few demo sentences with them, so every model the pairs need is in memory before the
first fork, and each worker starts ready instead of loading everything itself.

Imported anywhere else (the variable unset) it does nothing. Warming is an optimisation: if it
fails, the workers load what they need on their first pair, as a spawned worker would.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os

from align.batching import WARM_ENV, Settings, warm

_spec = os.environ.get(WARM_ENV)
if _spec:
    with contextlib.suppress(Exception):  # see the module notes: the workers load lazily instead
        warm(Settings(**json.loads(_spec)))
    # what the models left is kept out of every later collection: a collection in a worker would
    # otherwise walk (and, through reference counts, copy) the pages the workers share
    gc.freeze()
