"""What a check is: a class with a name, the flag kinds it raises, and ``run(ctx)``.

Modelled on sacrebleu's ``Metric``: the base class holds what every check shares (the per-bead loop
of :class:`PairCheck`), and a name → class table (``align.checks.registry``) is what the CLI, the
Python API and the README read. Adding a check is writing one subclass and registering it::

    class Shouting(PairCheck):
        name = "shouting"
        kinds = ("mistranslation",)
        default = False
        summary = "a translation in capitals where the original is not"

        def check_pair(self, src, src_lang, tgt, tgt_lang):
            ...

    registry.register(Shouting)

The pipeline stamps every flag with the name of the check that raised it (``Flag.check``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from align.types import Flag

if TYPE_CHECKING:  # the context imports embedders; a check class is declared without them
    from align.checks.context import CheckContext
    from align.resources import Resources

BeadFlags = dict[int, list[Flag]]
"""What ``run`` returns: the flags of each bead that has any, by bead index."""


class Check:
    """One family of findings, run over a whole aligned document.

    Class attributes (read by the registry, the CLI help and the README table):

    - ``name``: what ``--checks`` calls it;
    - ``kinds``: the flag kinds it may raise (``omission``, ``number`` …);
    - ``default``: whether it runs when ``--checks`` is not given;
    - ``summary``: one line for ``--help`` and the README;
    - ``needs``: an option it cannot run without (``"glossary"``), or ``""``;
    - ``heavy``: it takes much of a long document's time (started first when the checks of a long
      document run side by side, ``align.parallel``);
    - ``shares``: a bead's flags depend on that bead alone, so :meth:`run_share` gives one of
      several interleaved shares of :meth:`run` (a long document's check is then cut across the
      processes instead of keeping one busy to the end).
    """

    name: ClassVar[str] = ""
    kinds: ClassVar[tuple[str, ...]] = ()
    default: ClassVar[bool] = True
    summary: ClassVar[str] = ""
    needs: ClassVar[str] = ""
    heavy: ClassVar[bool] = False
    shares: ClassVar[bool] = False

    def __init__(self) -> None:
        self.resources: Resources | None = None  # the run's models, set by ``run`` from the context

    def run(self, ctx: CheckContext) -> BeadFlags:
        """The flags of every bead of ``ctx``; override this for a check that looks across beads."""
        raise NotImplementedError

    def run_share(self, ctx: CheckContext, part: int, parts: int) -> BeadFlags:
        """The flags of beads ``part``, ``part + parts`` …: one of ``parts`` interleaved shares of
        what ``run`` gives; only for a check with ``shares``."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"


class PairCheck(Check):
    """A check that reads one bead's two texts at a time (numbers, names, lexical, form …).

    Beads with an empty side (an omitted or added sentence) are skipped: the ``coverage`` check
    reports those whole.

    ``pure``: ``check_pair`` depends on nothing but its four arguments (no model, no state), so a
    pair of texts met again in the document (a repeated verse, a boilerplate line, a document that
    quotes itself) gets the flags it got the first time instead of being checked again.
    """

    pure: ClassVar[bool] = False

    @property
    def shares(self) -> bool:  # type: ignore[override]
        """A pure check's shares are exact; a stateful one (the names look back) runs whole."""
        return self.pure

    def run(self, ctx: CheckContext) -> BeadFlags:
        return self.run_share(ctx, 0, 1)

    def run_share(self, ctx: CheckContext, part: int, parts: int) -> BeadFlags:
        """The flags of beads ``part``, ``part + parts``, ``part + 2 * parts`` …: one of ``parts``
        interleaved shares, which together give what ``run`` gives (a pure check's flags depend on
        its bead alone), so the shares of a long document can run side by side."""
        self.resources = ctx.resources
        out: BeadFlags = {}
        seen: dict[tuple[str, str], list[Flag]] | None = {} if self.pure else None
        for i in range(part, len(ctx.beads), parts):
            bead = ctx.beads[i]
            if bead.is_null:
                continue
            src, tgt = ctx.bead_texts(i)
            if seen is None:
                flags = self.check_pair(src, ctx.source.lang, tgt, ctx.target.lang)
            elif (flags := seen.get((src, tgt))) is None:  # type: ignore[assignment]
                flags = seen[(src, tgt)] = list(self.check_pair(src, ctx.source.lang, tgt, ctx.target.lang))
            if flags:
                out[i] = list(flags)
        return out

    def check_pair(self, src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
        """Flags for one pair of texts; spans index into ``src_text`` / ``tgt_text``."""
        raise NotImplementedError
