"""The checks by name: one list of classes, read by the pipeline, the CLI's ``--checks`` help and the
README's table of checks (a test keeps the README equal to it).

A check from outside the package is added with :func:`register`; it then runs, is listed and is
named in every output exactly like the built-in ones. Two ways to have ``align check`` load one:

- an installed package declares an entry point in the group ``align.checks`` naming its class;
- ``ALIGN_PLUGINS=module[,module…]`` names modules to import, each registering its class(es).
"""

from __future__ import annotations

import importlib
import os
import sys
from importlib.metadata import entry_points

from align.checks.base import Check
from align.checks.clauses import ClauseCheck
from align.checks.coverage import CoverageCheck
from align.checks.divergence import DivergenceCheck
from align.checks.form import FormCheck
from align.checks.glossary import TermCheck
from align.checks.lexical import LexicalCheck
from align.checks.links import LinkCheck
from align.checks.names.check import NameCheck
from align.checks.numbers import NumberCheck
from align.errors import AlignError

# In the order they run (and are listed); the order is part of the behaviour, since a later check's
# flag may be dropped as restating an earlier one's (``pipeline._drop_subsumed``).
CHECKS: list[type[Check]] = [
    CoverageCheck,
    NumberCheck,
    NameCheck,
    LexicalCheck,
    FormCheck,
    ClauseCheck,
    DivergenceCheck,
    LinkCheck,
    TermCheck,
]


def register(cls: type[Check]) -> type[Check]:
    """Add a check class (usable as a decorator); a name already taken is an error."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no name")
    if any(c.name == cls.name for c in CHECKS if c is not cls):
        raise ValueError(f"a check named {cls.name!r} is registered already")
    if cls not in CHECKS:
        CHECKS.append(cls)
    return cls


def unregister(cls: type[Check]) -> None:
    """Remove a check added with :func:`register` (tests use it to leave the table as it was)."""
    if cls in CHECKS:
        CHECKS.remove(cls)


def names() -> list[str]:
    """Every check's name, in run order."""
    return [c.name for c in CHECKS]


def default_names() -> list[str]:
    """The checks that run when none are named."""
    return [c.name for c in CHECKS if c.default]


def optional_names() -> list[str]:
    """The opt-in checks (``all`` adds them; those that need an option only when it is given)."""
    return [c.name for c in CHECKS if not c.default]


def by_name(name: str) -> type[Check]:
    for c in CHECKS:
        if c.name == name:
            return c
    raise AlignError(f"unknown check {name!r}; choose from: {', '.join(names())} (or all)")


def parse(spec: str | list[str] | tuple[str, ...] | None) -> list[str] | None:
    """``"coverage,number"`` or a list -> names; ``all`` -> every check; None keeps the defaults.

    ``all`` leaves out a check that needs an option (``term`` needs a glossary): it is added when
    the option is given.
    """
    if spec is None:
        return None
    items = [s.strip() for s in (spec.split(",") if isinstance(spec, str) else spec) if s.strip()]
    if items == ["all"]:
        return [c.name for c in CHECKS if not c.needs]
    return items


def resolve(chosen: str | list[str] | tuple[str, ...] | None, *, options: dict | None = None) -> list[Check]:
    """Instances of the named checks (the defaults when None), in run order, validated before any work.

    A check that needs an option (``needs``) is added when that option is given and refused when it
    is named without it.
    """
    options = options or {}
    wanted = parse(chosen)
    wanted = wanted or default_names()
    classes = [by_name(n) for n in dict.fromkeys(wanted)]
    for cls in classes:
        if cls.needs and options.get(cls.needs) is None:
            raise AlignError(f"the {cls.name} check needs --{cls.needs}")
    for cls in CHECKS:
        if cls.needs and options.get(cls.needs) is not None and cls not in classes:
            classes.append(cls)
    return [cls() for cls in classes]


def help_text() -> str:
    """The ``--checks`` help line, from the table: the defaults, the opt-in ones and what needs an option."""
    optin = [c.name for c in CHECKS if not c.default and not c.needs]
    needs = [f"{c.name} runs with --{c.needs}" for c in CHECKS if c.needs]
    return (
        f"Comma-separated check names, or all. Default: {', '.join(default_names())}. "
        f"Opt-in: {', '.join(optin)}. " + "; ".join(needs) + ". The README's table says what each finds."
    )


def markdown_table() -> str:
    """The README's table of checks (``tests/test_registry.py`` keeps the README equal to it)."""
    rows = ["| check | default | flag kinds | what it finds |", "|---|---|---|---|"]
    for c in CHECKS:
        on = "yes" if c.default else ("with --" + c.needs if c.needs else "opt-in")
        rows.append(f"| `{c.name}` | {on} | {', '.join(c.kinds)} | {c.summary} |")
    return "\n".join(rows)


def _load_plugins() -> None:
    """Register the checks of installed packages (entry points) and of ``$ALIGN_PLUGINS``."""
    for ep in entry_points(group="align.checks"):
        register(ep.load())
    for mod in filter(None, (m.strip() for m in os.environ.get("ALIGN_PLUGINS", "").split(","))):
        try:
            importlib.import_module(mod)
        except ImportError as e:  # one line, and the built-in checks still run
            sys.stderr.write(f"warning: ALIGN_PLUGINS: cannot import {mod!r} ({e}); skipped\n")


_load_plugins()
