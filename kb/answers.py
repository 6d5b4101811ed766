"""Answers computed from the question's slots rather than listed in the data.

Each computation returns the facts it relies on and, when the facts' own
sentences are not the best answer, a sentence built from templates. Named
in `questions.yaml` by `compute:`; `kb.validate.COMPUTE_NAMES` lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kb.cues import ONLY_WORDS, PURPOSE, WITH_WORDS, WITHOUT_WORDS
from kb.failover import Estimate, NotCovered, estimates, with_and_without
from kb.model import IdleTimer, IkeMainMode, IpsecPolicy, RelatedArticle
from kb.policyrefs import DIFF_WORDS, SUM_WORDS, numbered, referred
from kb.record import Record
from kb.slots import POLICY_WORDS, SECOND_WORDS, Slots
from kb.store import KnowledgeBase

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kb.model import Lang


class Reply(Record):
    facts: tuple[str, ...]
    text: str | None = None  # None: the facts' own sentences are the answer


class Context(Record):
    kb: KnowledgeBase
    slots: Slots
    concepts: frozenset[str]
    lang: Lang
    words: frozenset[str] = frozenset()
    tokens: tuple[str, ...] = ()

    def t(self, key: str, **values: object) -> str:
        template = self.kb.questions.templates[key].get(self.lang)
        return template.format(**values) if values else template

    def said(self, facts: Iterable[str]) -> str:
        """The facts' own sentences, in the question's language, one after the other."""
        return " ".join(self.kb.facts[f].text.get(self.lang) for f in facts)

    @property
    def in_seconds(self) -> bool:
        """The question counts in seconds: durations of a minute or more also say how many seconds."""
        return bool(self.words & SECOND_WORDS)

    @property
    def in_milliseconds(self) -> bool:
        """The question counts in milliseconds (a monitoring threshold): durations also say how many."""
        # "ms" only after a number ("500 ms"): "MS claims…" is Microsoft
        return bool(self.words & (_MILLISECONDS - {"ms"})) or any(
            t == "ms" and i and (self.tokens[i - 1].isdigit() or self.tokens[i - 1] in ("in", "en"))
            for i, t in enumerate(self.tokens))

    def duration(self, seconds: int) -> str:
        text = self._duration(seconds)
        if self.in_milliseconds:
            return f"{text} ({self.t('milliseconds', n=seconds * 1000)})"
        if (seconds >= 60 and self.in_seconds) or (seconds > 60 and seconds % 60):
            return f"{text} ({self.t('seconds', n=seconds)})"
        return text

    def plain(self, seconds: int) -> str:
        """A duration without its count in seconds (inside a breakdown that already gives it)."""
        return self._duration(seconds)

    def span(self, low: int, high: int, *, unit: bool = True) -> str:
        """"20 times", "1 minute 54 seconds to 1 minute 57 seconds": one value when both ends agree."""
        show = self.duration if unit else str
        if unit and low < 60 and high <= 120 and low != high:  # "30 to 60 seconds", not "30 seconds to 1 minute"
            return self.t("span", low=low, high=self.t("seconds", n=high))
        return show(low) if low == high else self.t("span", low=show(low), high=show(high))

    def _duration(self, seconds: int) -> str:
        if seconds % 60 == 0:
            n = seconds // 60
            return self.t("minute" if n == 1 else "minutes", n=n)
        if seconds > 60:
            return f"{self._duration(seconds - seconds % 60)} {self.t('seconds', n=seconds % 60)}"
        return self.t("seconds", n=seconds)

    def os_name(self, os: str) -> str:
        key = f"os.{os}"
        return self.t(key) if key in self.kb.questions.templates else os

    @property
    def planned(self) -> bool | None:
        planned, unplanned = "planned" in self.concepts, "unplanned" in self.concepts
        return planned if planned != unplanned else None


_MILLISECONDS = frozenset({"milliseconds", "millisecond", "millisecondes", "milliseconde", "ms", "msec", "millis"})


def _unplanned_sentence(ctx: Context, e: Estimate) -> str:
    state = {"1": "state_set", "absent": "state_absent"}.get(e.nlbsflags or "", "state_any")
    assert e.idle_seconds is not None and e.ike_seconds is not None
    text = ctx.t(
        "failover_unplanned",
        os=ctx.os_name(e.os) if e.os else "Windows",
        state=ctx.t(state),
        total=ctx.duration(e.min_seconds),
        idle=ctx.duration(e.idle_seconds),
        ike=ctx.duration(e.ike_seconds),
    )
    return text + (" " + ctx.t("windows2000_flag") if e.nlbsflags_irrelevant else "")


def _ranked(ctx: Context) -> tuple[str | None, str | None]:
    """The NLBSFlags state and OS a worst or best case stands for, when the question names none."""
    s = ctx.slots
    if "worst" in ctx.concepts and s.nlbsflags is None:
        return "absent", s.os
    if "best" in ctx.concepts and s.nlbsflags is None and s.os != "windows-2000":
        return "1", s.os or "windows-2003"
    return s.nlbsflags, s.os


def _decimal(ctx: Context, x: float) -> str:
    """A ratio or a midpoint to one decimal, written as the question's language writes it ("2,3" in French)."""
    text = f"{x:g}" if x == int(x) else f"{x:.1f}"
    return text.replace(".", ",") if ctx.lang == "fr" else text


_DECIMALS = frozenset({"decimal", "decimals", "decimale", "decimales", "precisely", "exactly", "exactement",
                       "precisement"})


def _percent(ctx: Context, x: float) -> str:
    """A percentage, whole unless the question asks for decimals ("round to one decimal": 66.7)."""
    return _decimal(ctx, round(x, 1)) if ctx.words & _DECIMALS else str(round(x))


def _planned_range(ctx: Context) -> Reply:
    """The planned move's own range: how far apart its ends are, or its middle."""
    p = estimates(ctx.kb, os=None, nlbsflags=None, planned=True)[0]
    if "midpoint" in ctx.concepts:
        text = ctx.t("planned_midpoint", min=p.min_seconds, max=p.max_seconds,
                     mid=_decimal(ctx, (p.min_seconds + p.max_seconds) / 2))
        if (n := ctx.slots.count) and n > 1:  # "… et pour 20 déplacements ?": that many middles
            total = (p.min_seconds + p.max_seconds) * n / 2
            said = ctx.duration(int(total)) if total == int(total) else ctx.t("seconds", n=_decimal(ctx, total))
            text += " " + ctx.t("count_total", n=n, total=said)
    else:
        ratio = p.max_seconds / p.min_seconds
        text = ctx.t("planned_spread", min=p.min_seconds, max=p.max_seconds, gap=p.max_seconds - p.min_seconds,
                     ratio=_decimal(ctx, ratio))
    return Reply(p.facts, text)


def _comparison(ctx: Context) -> Reply:
    """With against without NLBSFlags (or a planned move against a failover): both, the gap, the ratio."""
    s = ctx.slots
    if ctx.planned is True and s.nlbsflags is None and not s.oses:  # "gap between the ends of the planned move"
        return _planned_range(ctx)
    if ctx.planned is None and "planned" in ctx.concepts:  # a planned move against an unplanned failover
        p = estimates(ctx.kb, os=None, nlbsflags=None, planned=True)[0]
        bound = _planned_bound(ctx)
        if bound == "worst":  # against the planned move's worst case only
            p = p._replace(min_seconds=p.max_seconds)
        elif bound == "best":  # against its fastest
            p = p._replace(max_seconds=p.min_seconds)
        u = estimates(ctx.kb, os=s.os, nlbsflags=s.nlbsflags or "absent", planned=False)[0]
        text = ctx.t(f"compare_planned_{bound}" if bound else "compare_planned",
                     min=p.min_seconds, max=p.max_seconds, total=ctx.duration(u.min_seconds),
                     state=ctx.t("state_set" if u.nlbsflags == "1" else "state_absent"),
                     longer=ctx.span(u.min_seconds - p.max_seconds, u.min_seconds - p.min_seconds),
                     ratio=ctx.span(u.min_seconds // p.max_seconds, u.min_seconds // p.min_seconds, unit=False))
        return Reply(tuple(dict.fromkeys((*p.facts, *u.facts))), text)
    if len(s.oses) >= 2:  # one Windows against the other
        state = s.nlbsflags or "1"
        a, b = (estimates(ctx.kb, os=os, nlbsflags=state, planned=False)[0] for os in s.oses[:2])
        text = ctx.t("compare_os", state=ctx.t("state_set" if state == "1" else "state_absent"),
                     a=ctx.duration(a.min_seconds), os_a=ctx.os_name(s.oses[0]),
                     b=ctx.duration(b.min_seconds), os_b=ctx.os_name(s.oses[1]),
                     gap=ctx.duration(abs(a.min_seconds - b.min_seconds)))
        return Reply(tuple(dict.fromkeys((*a.facts, *b.facts))), text)
    os = s.os or "windows-2003"
    without, with_ = with_and_without(ctx.kb, os)
    facts = tuple(dict.fromkeys((*without.facts, *with_.facts)))
    if with_.min_seconds == without.min_seconds:
        return Reply(facts, ctx.t("compare_same", os=ctx.os_name(os), total=ctx.duration(without.min_seconds)))
    gap = without.min_seconds - with_.min_seconds
    exchange = exchange_time(ctx) if not s.count else None
    # "% saved if Exchange takes 1 min?": the whole failover's saving, Exchange's recovery included
    total_without, total_with = (without.min_seconds + (exchange or 0), with_.min_seconds + (exchange or 0))
    ratio = total_without / total_with
    text = ctx.t("compare_flag" if exchange is None else "compare_flag_exchange", os=ctx.os_name(os),
                 without=ctx.duration(without.min_seconds), with_=ctx.duration(with_.min_seconds),
                 exchange=ctx.duration(exchange or 0), total_without=ctx.duration(total_without),
                 total_with=ctx.duration(total_with), gap=ctx.duration(gap),
                 ratio=_decimal(ctx, ratio), pct=_percent(ctx, 100 * gap / total_without))
    if s.count:
        text += _rate(ctx) + " " + ctx.t("count_saved", n=s.count, without=ctx.duration(s.count * without.min_seconds),
                            with_=ctx.duration(s.count * with_.min_seconds), gap=ctx.duration(s.count * gap))
    return Reply(facts, text)


def _rate(ctx: Context) -> str:
    """" 2 a month over a year makes 24.": how a count per period became the count added up."""
    rate = ctx.slots.rate
    if rate is None or rate.over is None or ctx.slots.count is None or (rate.over == rate.per and rate.span == 1):
        return ""  # "three times in a day": the count is said, nothing was added up
    if rate.every > 1:  # "every 3 days over a month": 30 days, one every 3
        return " " + ctx.t("count_rate_every", every=rate.every, units=ctx.t(f"unit_{rate.per}"), span=rate.span,
                           count=ctx.slots.count)
    if rate.span > 1:  # "every Sunday over 52 weeks"
        return " " + ctx.t("count_rate_span", n=rate.n, per=ctx.t(f"per_{rate.per}"), span=rate.span,
                           unit=ctx.t(f"unit_{rate.over}"), count=ctx.slots.count)
    return " " + ctx.t("count_rate", n=rate.n, per=ctx.t(f"per_{rate.per}"), over=ctx.t(f"over_{rate.over}"),
                       count=ctx.slots.count)


def exchange_time(ctx: Context) -> int | None:
    """Exchange's own recovery time when the question gives one ("Exchange takes 40 s to come up").

    A duration counts when the question names Exchange, or speaks of recovery with a figure that is not one of
    the article's own: "is the 3-6 s figure guaranteed?" quotes the article; it gives no Exchange time.
    """
    s = ctx.slots
    if not s.durations:
        return None
    p = estimates(ctx.kb, os=None, nlbsflags=None, planned=True)[0]
    if sorted(s.durations) == [p.min_seconds, p.max_seconds]:
        return None  # "the Exchange group moves … back up in 3 to 6 seconds": the article's range, quoted
    if "exchange" in ctx.concepts or "exchange" in ctx.words:  # "exchange recovery = 2 min" (one phrase)
        return s.durations[0]
    if "recovery" in ctx.concepts:
        return next((d for d in s.durations if d not in _article_durations(ctx.kb)), None)
    return None


def _article_durations(kb: KnowledgeBase) -> frozenset[int]:
    found = [e for planned in (True, False) for e in estimates(kb, os=None, nlbsflags=None, planned=planned)]
    return frozenset(d for e in found for d in (e.min_seconds, e.max_seconds, e.idle_seconds, e.ike_seconds)
                     if d is not None)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


_BOTH_ENDS = ("best and worst", "worst and best", "best or worst", "best worst", "meilleur et pire", "pire et meilleur",
              "au mieux et au pire", "au pire et au mieux", "min and max", "min et max")


def _planned_bound(ctx: Context) -> str | None:
    """Which end of the planned move's range a question takes ("the slowest planned move" → "worst").

    With a best and a worst both named ("best-case crash vs the slowest planned move"), the one
    written nearer the planned move is the planned move's.
    """
    kinds = [k for k in ("worst", "best") if k in ctx.concepts]
    joined = " ".join(ctx.tokens)
    if any(pair in joined for pair in _BOTH_ENDS):  # "best and worst case": the whole range
        return None
    if len(kinds) < 2:
        return kinds[0] if kinds else None
    at = {c.id: [i for i, t in enumerate(ctx.tokens) if t in {w for term in c.terms for w in term.split()}]
          for c in ctx.kb.questions.concepts if c.id in ("worst", "best", "planned")}
    if not at.get("planned"):
        return None
    return min(kinds, key=lambda k: min((abs(i - j) for i in at.get(k, []) for j in at["planned"]), default=999))


def _with_exchange(ctx: Context, exchange: int, low: int, high: int) -> str:
    """The total with the Exchange recovery time the question states (the summary: Exchange + IPSec)."""
    if low == high:
        return ctx.t("exchange_total", exchange=ctx.duration(exchange), ipsec=ctx.plain(low),
                     total=ctx.duration(exchange + low), exchange_plain=ctx.plain(exchange))
    return ctx.t("exchange_total_range", exchange=ctx.duration(exchange), low=ctx.duration(exchange + low),
                 high=ctx.duration(exchange + high))


def _against_limit(ctx: Context, e: Estimate, exchange: int | None) -> str:
    """The estimate (plus Exchange's recovery when the question gives it) against the bound the question sets."""
    assert ctx.slots.limit is not None
    limit = ctx.slots.limit[1]
    lead = _with_exchange(ctx, exchange, e.min_seconds, e.max_seconds) + " " if exchange is not None else ""
    total = e.max_seconds + (exchange or 0)
    if total == limit:
        return lead + ctx.t("limit_equal", limit=ctx.plain(limit))
    side = "limit_under" if total < limit else "limit_over"
    text = lead + ctx.t(side, margin=ctx.duration(abs(limit - total)), limit=ctx.plain(limit))
    if exchange is None and total < limit:  # IPSec alone fits; Exchange's own recovery decides the rest
        text += " " + ctx.t("limit_exchange", limit=ctx.plain(limit), margin=ctx.duration(limit - total))
    return text


def _share(ctx: Context) -> Reply:
    """How the unplanned total splits into idle timer and IKE main mode, for the state the question means."""
    s = ctx.slots
    state = s.nlbsflags
    if state is None:  # "the 6-minute delay": the state whose total the question quotes
        totals = {e.min_seconds: e.nlbsflags for e in estimates(ctx.kb, os=s.os, nlbsflags=None, planned=False)}
        state = next((totals[d] for d in s.durations if d in totals), "absent")
    e = estimates(ctx.kb, os=s.os or ("windows-2003" if state == "1" else None), nlbsflags=state, planned=False)[0]
    assert e.idle_seconds is not None and e.ike_seconds is not None
    if "@window" in ctx.concepts and s.durations and s.durations[0] > 0:
        window = s.durations[0]  # "what percent of a 10-minute outage window is the IPSec part?"
        return Reply(e.facts, _unplanned_sentence(ctx, e) + " " + ctx.t(
            "share_window", ipsec=ctx.duration(e.min_seconds), window=ctx.duration(window),
            pct=_percent(ctx, 100 * e.min_seconds / window)))
    exchange = exchange_time(ctx)
    if exchange is not None and "idle" not in ctx.concepts:
        # "Exchange takes 3 min, NLBSFlags set: what % of the whole failover is IPSec?": IPSec against the total
        whole = exchange + e.min_seconds
        text = _unplanned_sentence(ctx, e) + " " + ctx.t(
            "share_exchange", exchange=ctx.duration(exchange), total=ctx.duration(whole),
            ipsec=ctx.duration(e.min_seconds), ipsec_pct=_percent(ctx, 100 * e.min_seconds / whole),
            exchange_pct=_percent(ctx, 100 * exchange / whole))
        return Reply(e.facts, text)
    cases = [e]
    totals = {c.min_seconds for c in estimates(ctx.kb, os=s.os, nlbsflags=None, planned=False)}
    if s.nlbsflags is None and not set(s.durations) & totals and ctx.words & WITH_WORDS and ctx.words & WITHOUT_WORDS:
        # "what share is IKE, first without and then with NLBSFlags?": each case's split
        cases = [estimates(ctx.kb, os=s.os, nlbsflags="absent", planned=False)[0],
                 estimates(ctx.kb, os=s.os or "windows-2003", nlbsflags="1", planned=False)[0]]
    said = []
    for case in cases:
        assert case.idle_seconds is not None and case.ike_seconds is not None
        said.append(ctx.t("share", total=ctx.duration(case.min_seconds), idle=ctx.duration(case.idle_seconds),
                          idle_pct=_percent(ctx, 100 * case.idle_seconds / case.min_seconds),
                          ike=ctx.duration(case.ike_seconds),
                          ike_pct=_percent(ctx, 100 * case.ike_seconds / case.min_seconds)))
    return Reply(tuple(dict.fromkeys(f for case in cases for f in case.facts)), " ".join(said))


_STATE_KEYS = {"absent": "state_absent", "1": "state_set"}


def _by_state(found: list[Estimate]) -> tuple[int, int]:
    """An unplanned failover's time without NLBSFlags and with it, among the cases a question left open."""
    return (next(e.min_seconds for e in found if e.nlbsflags == "absent"),
            next(e.min_seconds for e in found if e.nlbsflags == "1"))


def _mixed(ctx: Context) -> Reply:
    """"2 planned moves and 1 node hang: total?": each kind's count times its time, added up."""
    assert ctx.slots.mixed is not None
    moves, crashes = ctx.slots.mixed
    p = estimates(ctx.kb, os=None, nlbsflags=None, planned=True)[0]
    nlbsflags, os = _ranked(ctx)
    found = estimates(ctx.kb, os=os, nlbsflags=nlbsflags, planned=False)
    low, high = moves * p.min_seconds, moves * p.max_seconds
    common = {"planned": ctx.t("moves_one" if moves == 1 else "moves_many", n=moves), "p_min": p.min_seconds,
              "p_max": p.max_seconds, "p_total": ctx.span(low, high),
              "unplanned": ctx.t("crashes_one" if crashes == 1 else "crashes_many", n=crashes)}
    if len(found) == 1:
        e = found[0]
        text = ctx.t("count_mixed", **common, each=ctx.duration(e.min_seconds),
                     u_total=ctx.duration(crashes * e.min_seconds),
                     total=ctx.span(low + crashes * e.min_seconds, high + crashes * e.max_seconds))
    else:
        without, with_ = _by_state(found)
        text = ctx.t("count_mixed_states", **common, u_without=ctx.duration(crashes * without),
                     u_with=ctx.duration(crashes * with_), without=ctx.span(low + crashes * without,
                                                                              high + crashes * without),
                     with_=ctx.span(low + crashes * with_, high + crashes * with_))
    lead = [ctx.t("failover_planned", min=p.min_seconds, max=p.max_seconds),
            *(_unplanned_sentence(ctx, e) for e in found)]
    facts = tuple(dict.fromkeys(f for e in (p, *found) for f in e.facts))
    return Reply(facts, " ".join([*lead, text, ctx.t("exchange_on_top")]))


def _split(ctx: Context) -> Reply:
    """"1 crash before the change, then 2 after: total?": each state's crashes times its time, added up."""
    assert ctx.slots.split is not None
    before, after = ctx.slots.split
    found = estimates(ctx.kb, os=ctx.slots.os, nlbsflags=None, planned=False)
    without, with_ = _by_state(found)
    text = ctx.t("count_split", without_n=ctx.t("crashes_one" if before == 1 else "crashes_many", n=before),
                 with_n=ctx.t("crashes_one" if after == 1 else "crashes_many", n=after),
                 without=ctx.duration(without), with_=ctx.duration(with_),
                 a_total=ctx.duration(before * without), s_total=ctx.duration(after * with_),
                 total=ctx.duration(before * without + after * with_))
    facts = tuple(dict.fromkeys(f for e in found for f in e.facts))
    return Reply(facts, " ".join([*(_unplanned_sentence(ctx, e) for e in found), text, ctx.t("exchange_on_top")]))


def supposed(ctx: Context) -> Reply:
    """"If IKE took 2 minutes instead of 1, no NLBSFlags — total?": the asker's figure where one is supposed, the
    article's for the rest, added as the article adds them (idle time plus IKE), then the article's own totals."""
    assert ctx.slots.supposed is not None
    idle, ike = ctx.slots.supposed
    state = None if idle is not None else ctx.slots.nlbsflags
    found = estimates(ctx.kb, os=ctx.slots.os if ctx.slots.os == "windows-2003" else None, nlbsflags=state,
                      planned=False)
    lines = []
    for e in found if idle is None else found[:1]:
        assert e.idle_seconds is not None and e.ike_seconds is not None
        a, b = idle if idle is not None else e.idle_seconds, ike if ike is not None else e.ike_seconds
        key = "supposed_total" if idle is not None or (len(found) == 1 and state is None) else (
            "supposed_set" if e.nlbsflags == "1" else "supposed_absent")
        lines.append(ctx.t(key, idle=ctx.duration(a), ike=ctx.duration(b), total=ctx.duration(a + b)))
    article = estimates(ctx.kb, os="windows-2003", nlbsflags=None, planned=False)
    without, with_ = _by_state(article)
    lines.append(ctx.t("supposed_note", without=ctx.duration(without), with_=ctx.duration(with_)))
    facts = tuple(dict.fromkeys(f for e in article for f in e.facts))
    return Reply(facts, " ".join(lines))


_SPEEDS_UP = frozenset({"shorten", "shortens", "faster", "quicker", "speed", "speeds", "accelerate", "accelerates",
                        "raccourcit", "raccourcir", "raccourcissent", "accelere", "accelerer", "reduce", "reduces",
                        "reduit", "reduire", "diminue", "diminuer", "improve", "improves", "ameliore", "ameliorer",
                        "lower", "lowers", "cut", "cuts", "shave", "shaves", "gagne", "gagner", "save", "saves"})


def failover(ctx: Context) -> Reply:
    s = ctx.slots
    if s.mixed and exchange_time(ctx) is None and s.limit is None and ctx.slots.os != "windows-2000":
        return _mixed(ctx)
    if s.split and exchange_time(ctx) is None and s.limit is None and ctx.slots.os != "windows-2000":
        return _split(ctx)
    saving = bool({"op_diff", "compare"} & ctx.concepts) and "nlbsflags" in ctx.concepts and not (
        {"idle", "ike"} & ctx.concepts)
    if "share" in ctx.concepts and not saving:  # "what % does NLBSFlags save?" compares; "% of it is idle?" shares
        return _share(ctx)
    if "idle" in ctx.concepts and len(s.oses) >= 2 and "total" not in ctx.concepts:
        return idle_timer(ctx)  # "idle time on 2000 against 2003": the timers, not the totals
    if ctx.planned is True and "midpoint" in ctx.concepts:
        return _planned_range(ctx)
    if {"planned", "unplanned", "compare"} <= ctx.concepts and not {"op_diff", "op_ratio"} & ctx.concepts and (
            s.nlbsflags is None and s.limit is None and exchange_time(ctx) is None):
        return _both(ctx, None, s.os)  # "planned move, and unplanned with and without NLBSFlags?": each figure
    # "save over 5 min?"; but "SLA 5 min: without NLBSFlags, over by how much?" asks the margin of that case
    saving_bound = "op_diff" in ctx.concepts and s.limit is not None and not ctx.planned and s.nlbsflags is None
    if ({"op_diff", "op_ratio", "compare", "share"} & ctx.concepts or len(s.oses) >= 2) and (
            s.limit is None or saving_bound) and (exchange_time(ctx) is None or s.nlbsflags is not None):
        # against a bound ("SLA 4 min, with and without?") each case meets it or not; with Exchange's time given
        # ("Exchange takes 4 min: total with and without?") each case gets its total
        return _comparison(ctx)
    planned = ctx.planned
    nlbsflags, os = _ranked(ctx)
    if nlbsflags is None and os == "windows-2000" and "nlbsflags" in ctx.concepts:
        nlbsflags = "1"  # "does NLBSFlags do anything on Windows 2000?": the flag's case, said not to help there
    if nlbsflags is None and "idle" in ctx.concepts and s.durations:  # "5 min idle + IKE": that idle timer's state
        idles = {e.idle_seconds: e.nlbsflags for e in estimates(ctx.kb, os=os, nlbsflags=None, planned=False)}
        nlbsflags = next((idles[d] for d in s.durations if d in idles), None)
    exchange = exchange_time(ctx)
    if {"planned", "unplanned"} <= ctx.concepts and exchange is None and os != "windows-2000":
        return _both(ctx, nlbsflags, os)  # "how long for a planned move and for a crash?": each, not one
    if planned is None and os is None and nlbsflags is None and exchange is None:
        found = estimates(ctx.kb, os=None, nlbsflags=None, planned=True)
        found += estimates(ctx.kb, os=None, nlbsflags=None, planned=False)
        p, default, fast = found[0], found[1], found[-1]
        assert default.idle_seconds and default.ike_seconds and fast.idle_seconds
        text = ctx.t(
            "failover_overview", min=p.min_seconds, max=p.max_seconds,
            default_total=ctx.duration(default.min_seconds),
            default_idle=ctx.duration(default.idle_seconds),
            ike=ctx.duration(default.ike_seconds),
            fast_total=ctx.duration(fast.min_seconds),
            fast_idle=ctx.duration(fast.idle_seconds),
        )
        facts = tuple(dict.fromkeys(f for e in found for f in e.facts))
        if ctx.concepts & {"breakdown", "total"} and not ctx.concepts & {"op_diff", "op_ratio", "compare"}:
            # "the failover time is made up of what?": the article's sum first, then each case's figures
            summary = ctx.kb.facts["summary.failover_time"].text.get(ctx.lang)
            return Reply(tuple(dict.fromkeys(("summary.failover_time", *facts))), f"{summary} {text}")
        return Reply(facts, f"{text} {ctx.t('exchange_on_top')}")
    if planned and os == "windows-2000":  # Windows 2000 clusters are not supported; the 3–6 s are a 2003 cluster's
        raise NotCovered("detail_product", ctx.t("planned_windows2000"))
    if os == "windows-2000" and {"cluster", "nlb"} & ctx.concepts and "frontend" not in ctx.concepts:
        raise NotCovered("detail_product", ctx.t("windows2000_cluster"))  # a Windows 2000 cluster, not front-end
    if planned and "nlbsflags" in ctx.concepts and "unplanned" not in ctx.concepts and ctx.words & _SPEEDS_UP and (
            not ctx.words & PURPOSE):
        # "does NLBSFlags also shorten the 3–6 s planned move?": the article never says ("sert-il à accélérer le
        # déplacement planifié ?" asks its purpose, which it does say: the unexpected failover)
        raise NotCovered("detail_planned_flag", "")
    found = estimates(ctx.kb, os=os, nlbsflags=nlbsflags, planned=bool(planned))
    if planned:
        e = found[0]
        text = ctx.t("failover_planned", min=e.min_seconds, max=e.max_seconds)
        if "nlbsflags" in ctx.concepts:
            text += " " + ctx.t("planned_nlbsflags")
    else:
        text = " ".join(_unplanned_sentence(ctx, e) for e in found)
    facts = tuple(dict.fromkeys(f for e in found for f in e.facts))
    if s.limit is not None and "@budget" in ctx.concepts and not s.count and not planned and len(found) == 1:
        # "a 30-minute downtime budget: how many failovers can we afford?": the budget over one failover's time
        each = found[0].max_seconds + (exchange or 0)
        return Reply(facts, text + " " + ctx.t("budget_count", limit=ctx.duration(s.limit[1]), n=s.limit[1] // each,
                                               each=ctx.duration(each)))
    if s.limit is not None:
        return Reply(facts, " ".join([text, *(_against_limit(ctx, e, exchange) for e in found)]))
    if s.clock is not None and len(found) == 1 and not planned:
        # "the node died at 09:58, NLBSFlags set: ETA?": the clock time IPSec (and Exchange, if given) is back
        end = s.clock + (found[0].max_seconds + (exchange or 0) + 59) // 60
        key = "clock_back_total" if exchange is not None else "clock_back"
        return Reply(facts, text + " " + ctx.t(key, start=_hhmm(s.clock), end=_hhmm(end)))
    if exchange is not None and s.count and not planned:
        # "4 crashes with NLBSFlags, Exchange taking 1 min each: total?": each failover's whole time, times the count
        each = [_with_exchange(ctx, exchange, e.min_seconds, e.max_seconds) for e in found]
        totals = [ctx.t("count_exchange", n=s.count, state=ctx.t(_STATE_KEYS.get(e.nlbsflags or "", "state_any")),
                        total=ctx.duration(s.count * (exchange + e.min_seconds))) for e in found]
        return Reply(facts, " ".join(p for p in [text, *each, _rate(ctx).strip(), *totals] if p))
    if exchange is not None:
        totals = [_with_exchange(ctx, exchange, e.min_seconds, e.max_seconds) for e in found]
        states = {e.nlbsflags: e.min_seconds for e in found}
        if {"op_diff", "compare", "op_ratio"} & ctx.concepts and set(states) == {"absent", "1"}:
            # "Exchange takes 4 min: what does NLBSFlags gain on the total?": the gain on the whole failover
            without, gap = exchange + states["absent"], states["absent"] - states["1"]
            totals.append(ctx.t("exchange_gain", gap=ctx.duration(gap), pct=_percent(ctx, 100 * gap / without),
                                without=ctx.duration(without)))
        return Reply(facts, f"{text} {' '.join(totals)}")
    ike = {e.ike_seconds for e in found}
    named_ike = "ike" in ctx.words or bool({"main", "principal"} & ctx.words and "mode" in ctx.words)  # not "renego"
    if s.count and not planned and named_ike and "idle" not in ctx.concepts and len(ike) == 1:
        seconds = ike.pop() or 0  # "minutes of IKE over 10 crashes?": IKE's minute is the same in every case
        text += _rate(ctx) + " " + ctx.t("count_ike", n=s.count, total=ctx.duration(s.count * seconds))
    elif s.count and len(found) == 1:
        e = found[0]
        total = ctx.span(s.count * e.min_seconds, s.count * e.max_seconds)
        text += _rate(ctx) + " " + ctx.t("count_total", n=s.count, total=total)
    elif s.count and not planned and {e.nlbsflags for e in found} == {"absent", "1"}:
        # "10 crashes: total?" with the state left open: the total for each state, and what the flag saves
        without, with_ = _by_state(found)
        text += _rate(ctx) + " " + ctx.t("count_saved", n=s.count, without=ctx.duration(s.count * without),
                                         with_=ctx.duration(s.count * with_),
                                         gap=ctx.duration(s.count * (without - with_)))
    if "total" in ctx.concepts and ctx.concepts & {"exchange", "recovery"} and not s.count:
        # "Exchange takes a while to come back: the total failover time is what, exactly?": the article's sum
        summary = ctx.kb.facts["summary.failover_time"].text.get(ctx.lang)
        return Reply(tuple(dict.fromkeys(("summary.failover_time", *facts))), f"{summary} {text}")
    return Reply(facts, f"{text} {ctx.t('exchange_on_top')}")


def _both(ctx: Context, nlbsflags: str | None, os: str | None) -> Reply:
    """A planned move and an unplanned failover asked side by side, each with its own figure."""
    p = estimates(ctx.kb, os=None, nlbsflags=None, planned=True)[0]
    found = estimates(ctx.kb, os=os, nlbsflags=nlbsflags, planned=False)
    text = " ".join([ctx.t("failover_planned", min=p.min_seconds, max=p.max_seconds),
                     *(_unplanned_sentence(ctx, e) for e in found), ctx.t("exchange_on_top")])
    return Reply(tuple(dict.fromkeys(f for e in (p, *found) for f in e.facts)), text)


def failover_process(ctx: Context) -> Reply:
    planned = ctx.planned
    steps = ("planned.steps", "planned.timing")
    totals = {"absent": ("unplanned.total_default",), "1": ("unplanned.total_nlbsflags",)}  # the state asked
    crash = ("unplanned.scenario", *totals.get(ctx.slots.nlbsflags or "", (
        "unplanned.total_default", "unplanned.total_nlbsflags")))
    if planned is True:
        return Reply(steps)
    if planned is False:
        return Reply(crash)
    return Reply(steps + crash)


def _compare_idle(ctx: Context, facts: tuple[str, ...], long: int, short: int) -> Reply:
    text = ctx.said(facts)
    ratio = long / short
    return Reply(facts, f"{text} " + ctx.t("compare_idle", gap=ctx.duration(long - short),
                                           ratio=_decimal(ctx, ratio),
                                           pct=_percent(ctx, 100 * (long - short) / long)))


def idle_timer(ctx: Context) -> Reply:
    by_os = {"windows-2000": ("unplanned.idle_windows2000",),
             "windows-2003": ("unplanned.idle_windows2003",)}
    idles = {d.seconds for f in ctx.kb.article.facts if isinstance(d := f.data, IdleTimer)}
    timer = ctx.kb.facts[by_os["windows-2003"][0]].data  # 2003's, the one NLBSFlags brings down
    assert isinstance(timer, IdleTimer)
    if "set_verb" in ctx.concepts and any(d not in idles for d in ctx.slots.durations) and not (
            ctx.slots.nlbsflags == "1" and ctx.words & _CLAIMED):  # "once it is set it drops to 30 s, right?": No
        raise NotCovered("detail_idle_set", "")  # "can I set the idle timer to 30 s?": no such setting in the article
    computed = {"op_ratio", "op_diff", "compare"} & ctx.concepts
    if len(ctx.slots.oses) > 1:
        facts = tuple(f for os in ctx.slots.oses for f in by_os.get(os, ()))
        if computed and len(facts) == 2 and ctx.slots.nlbsflags != "absent":  # 2003's 1 minute is the flag's
            a, b = (ctx.kb.facts[f].data for f in facts)
            assert isinstance(a, IdleTimer) and isinstance(b, IdleTimer)
            return _compare_idle(ctx, facts, max(a.seconds, b.seconds), min(a.seconds, b.seconds))
        return Reply(facts)
    flagged = ctx.slots.nlbsflags == "1" or (ctx.slots.nlbsflags is None and "nlbsflags" in ctx.concepts)
    if computed and ctx.slots.os == "windows-2000" and flagged:  # Win2k's minimum vs the flag's ("the NLBSFlags value")
        a, b = (ctx.kb.facts[f].data for f in by_os["windows-2000"] + by_os["windows-2003"])
        assert isinstance(a, IdleTimer) and isinstance(b, IdleTimer)
        return _compare_idle(ctx, by_os["windows-2000"] + by_os["windows-2003"], a.seconds, b.seconds)
    if computed and ctx.slots.os in (None, "windows-2003"):  # the idle time without NLBSFlags against with it
        without = estimates(ctx.kb, os="windows-2003", nlbsflags="absent", planned=False)[0]
        if without.idle_seconds > timer.seconds:
            return _compare_idle(ctx, (*without.facts[:1], by_os["windows-2003"][0]), without.idle_seconds,
                                 timer.seconds)
    if ctx.slots.os == "windows-2000" and (timer.seconds in ctx.slots.durations
                                           or "nlbsflags" in ctx.concepts or ctx.words & _REDUCED) and not (
            ctx.slots.nlbsflags == "absent" or ctx.words & _DENYING):  # not "sans NLBSFlags, la durée minimale ?"
        # "does the drop to 1 minute apply on Windows 2000 too?": No, its minimum is 5 minutes; the 1 minute is 2003's
        return Reply(by_os["windows-2000"] + by_os["windows-2003"])
    if ctx.slots.os in (None, "windows-2003") and ctx.slots.nlbsflags == "absent":
        return Reply(("unplanned.total_default",))  # its 6 minutes: 5 of idle timer plus IKE's 1
    if ctx.slots.os in (None, "windows-2003") and ctx.slots.nlbsflags == "1":
        return Reply(by_os["windows-2003"])
    return Reply(by_os.get(ctx.slots.os or "", by_os["windows-2000"] + by_os["windows-2003"]))


_REDUCED = frozenset({"reduction", "reduced", "reduite", "reduit", "drop", "drops", "descend", "descendre", "lowered",
                      "shortened", "automatic", "automatique", "automatiquement", "automatically"})


_CLAIMED = frozenset({"right", "correct", "true", "vrai", "exact", "confirm", "confirmer", "confirmez", "juste"})
_DENYING = frozenset({"pas", "not", "no", "sans", "without", "never", "jamais", "aucune", "aucun"})


_DESIGNED = frozenset({"designed", "concu"})  # the title of 306677, "IPSec is not designed for failover"


def support(ctx: Context) -> Reply:
    os = ctx.slots.os if len(ctx.slots.oses) < 2 else None  # "2000 against 2003": both
    if os == "windows-2000":
        return Reply(("support.windows2000",))  # its sentence names 306677 and 248346 for clusters itself
    if os == "windows-2003":  # quoting 306677's "not designed for failover": that article is about Windows 2000
        quoted = ("related.306677",) if ctx.words & _DESIGNED else ()
        return Reply(("support.windows2003", "summary.supported", *quoted))
    return Reply(("summary.supported", "support.windows2003", "support.windows2000"))


#: Words by which a question asks IPSec's own port ("what port does IPSec use?"), not the ports it protects.
_OWN_PORT = frozenset({"use", "uses", "utilise", "utilisent", "run", "runs", "listen", "listens", "ecoute", "single",
                       "unique", "open", "ouvrir", "ouvre"})
#: "which policy does not include / cover / encrypt port 80?": a policy leaving something out
_INCLUSION = frozenset({"include", "includes", "including", "cover", "covers", "contain", "contains", "inclut",
                        "incluent", "inclure", "couvre", "couvrent", "comprend", "comprennent", "list", "lists",
                        "mention", "mentions", "name", "names", "encrypt", "encrypts", "chiffre", "chiffrent",
                        "protect", "protects", "protege", "protegent", "have", "has", "a", "ont", "port", "ports",
                        "le", "la", "les", "the", "any", "apparait", "apparaissent", "figure", "figurent", "appear",
                        "appears", "y"})
_NEGATORS = frozenset({"n", "ne", "isn", "doesn", "don", "aren", "never", "jamais"})
_LEAVES_OUT = frozenset({"not", "pas", "without", "sans", "lacks", "lack", "excludes", "exclut", "omits"})
_LEFT_OUT = _LEAVES_OUT - {"not", "pas"}  # these leave something out alone; "not"/"pas" need an inclusion verb
#: Words that ask for advice ("should we also encrypt 995?"), not whether a policy names a port.
_ADVISED = frozenset({"should", "must", "need", "needs", "faut", "doit", "dois", "devrait", "devrais", "faudrait",
                      "have", "recommend", "recommended", "conseille", "recommande",
                      # "on l'ajoute dans la stratégie ?", "dit de l'inclure ?": adding a port, asked of the article
                      "add", "adding", "ajoute", "ajouter", "ajoutes", "inclure", "inclut", "include", "including"})
_WHICH_NUMBER = frozenset({"which", "what", "quel", "number", "numero", "numbers", "numeros"})
_PROTOCOL_CONCEPTS = {"pop3": "POP3", "imap4": "IMAP4", "http": "HTTP", "ldap": "LDAP",
                      "rpc": "RPC", "kerberos": "Kerberos", "gc": "LDAP-GC"}


#: The suggested policy for the message flow itself (80, 110 and 143), the one "the actual message flow" asks for.
MESSAGE_FLOW_POLICY = 2


def policies(ctx: Context) -> Reply:
    policy_facts = [(f.id, f.data) for f in ctx.kb.article.facts if isinstance(f.data, IpsecPolicy)]
    ordinals = numbered(ctx.tokens) if "policy" in ctx.concepts else ()  # "the first policy and the second"
    named = [fid for fid, policy in policy_facts if str(policy.number) in ctx.slots.numbers
             or policy.number in ordinals]
    wanted = {name for concept, name in _PROTOCOL_CONCEPTS.items() if concept in ctx.concepts}
    # "LDAP's port for policy 3?", "389 for LDAP?": a number that can only be a port
    quoted = "port" in ctx.concepts or any(n.isdigit() and len(n) <= 5 and 20 < int(n) < 65536
                                           for n in ctx.slots.numbers[:4])
    if quoted and wanted and not ctx.slots.ports and not any(
            p.ports for _, p in policy_facts if wanted & set(p.protocols)):
        raise NotCovered("detail_port", ctx.t("dc_protocols"))
    if "firewall" in ctx.concepts and not ctx.slots.ports and ctx.words & _WHICH_NUMBER and not wanted:
        # "…single port: which?" (not "which firewall port for HTTP?": HTTP's port)
        raise NotCovered("detail_port", ctx.t("single_port"))
    if (worked := _port_arithmetic(ctx, policy_facts)) is not None:
        return worked
    if "policy" in ctx.concepts and (worked := _between_policies(ctx, policy_facts)):
        return worked
    dcs = {"LDAP"} if "dc" in ctx.concepts else set()  # "which policies do NOT cover traffic to the DCs?"
    # (not "can't do SSL, so what protects the POP3 passwords?": what is left out there is SSL, not a policy)
    # "we don't need message bodies encrypted, only the POP3/IMAP4 passwords": the passwords' policy, not a policy
    # that leaves something out
    only_passwords = "password" in ctx.concepts and bool(ctx.words & ONLY_WORDS) and not ctx.slots.ports
    toks = ctx.tokens
    leaves_out = bool(ctx.words & _LEFT_OUT) or any(
        (t in _LEAVES_OUT or t in _NEGATORS) and _INCLUSION & set(toks[i + 1 : i + 4]) for i, t in enumerate(toks))
    # ("quels protocoles inclure … (pas seulement frontal ↔ back-end) ?": a negation of something else)
    if leaves_out and not only_passwords and (ctx.slots.ports or wanted or dcs) and (
            "policy" in ctx.concepts) and not named and (
            ctx.words & POLICY_WORDS or "password" not in ctx.concepts):
        lacking = tuple(fid for fid, policy in policy_facts if not (  # a policy of all traffic names no port
            any(p.port in ctx.slots.ports for p in policy.ports) or (ctx.slots.ports and not policy.ports)
            or (wanted | dcs) & set(policy.protocols)))
        if lacking:  # "which policy does not include port 80?": those that leave it out (a policy named)
            return Reply(lacking)
    if named and "policy" in ctx.concepts and not ctx.slots.ports:  # "what is suggested policy 2?"
        return Reply(tuple(named))
    if ctx.slots.ports and "policy" in ctx.concepts and not wanted and (
            named or "password" in ctx.concepts):
        # "does the passwords policy / the second policy include port 443?": that policy is the subject, and the
        # ports are checked against it, not answered by whichever policy names them
        fid = named[0] if named else min(policy_facts, key=lambda f: f[1].number)[0]
        policy = ctx.kb.facts[fid].data
        assert isinstance(policy, IpsecPolicy)
        absent = [port for port in ctx.slots.ports if not any(s.port == port for s in policy.ports)]
        text = ctx.kb.facts[fid].text.get(ctx.lang)
        return Reply((fid,), f"{text} {ctx.t('policy_lacks_port', what=', '.join(map(str, absent)))}" if absent else "")
    named_ports = {s.port for _, policy in policy_facts for s in policy.ports}
    absent = [p for p in ctx.slots.ports if p not in named_ports]
    if absent and ctx.words & _ADVISED and not named and not {"password", "message_flow"} & ctx.concepts:
        # "faut-il aussi chiffrer le port 995 ?": whether to add a port it never names is not the article's call
        # (to protect POP3 passwords, though, it says which ports)
        raise NotCovered("detail_port_number", ", ".join(map(str, absent)))
    chosen: list[str] = []
    missing: list[int] = []
    for port in ctx.slots.ports:
        hits = [fid for fid, policy in policy_facts if any(p.port == port for p in policy.ports)]
        if hits:
            chosen += hits[:1]  # the narrowest policy naming that port
        else:
            missing.append(port)
    if "dc" in ctx.concepts:
        wanted.add("LDAP")
    if "message_flow" in ctx.concepts and not (only_passwords and ctx.words & _LEAVES_OUT):
        chosen += [fid for fid, policy in policy_facts if policy.number == MESSAGE_FLOW_POLICY]
    for fid, policy in policy_facts:
        if wanted & set(policy.protocols):
            chosen.append(fid)
            if {"pop3", "imap4"} & ctx.concepts and "password" in ctx.concepts:
                break  # passwords: policy 1 is the answer
    if "port" in ctx.concepts and chosen and not any(
            ctx.kb.facts[f].data.ports for f in chosen if isinstance(ctx.kb.facts[f].data, IpsecPolicy)):
        raise NotCovered("detail_port", ctx.t("dc_protocols"))
    if not chosen and not missing and not wanted and ({"ike", "esp"} & ctx.concepts or (
            {"ipsec", "port"} <= ctx.concepts and ctx.words & _OWN_PORT)):  # "what port does IPSec use?"
        raise NotCovered("detail_port", ctx.t("ike_or_esp"))
    if not chosen and not missing and "other_protocol" in ctx.concepts:
        raise NotCovered("detail_port", ctx.t("that_protocol"))
    if missing and not chosen and "policy" in ctx.concepts and not wanted:
        # "Is 443 one of the suggested ports?": the policies are the answer, and they do not name it.
        chosen = [fid for fid, _ in policy_facts]
    elif missing and not (chosen and {"policy", "message_flow"} & ctx.concepts and not wanted) and not (
            chosen and wanted & {"POP3", "IMAP4", "HTTP"}):  # "IMAP in the policy: port 993?": the policy's port
        # a port number the article does not give ("389 for LDAP?"): not its answer to make; but "is 443 in the
        # message-flow policy?" is answered by that policy, which does not name it
        raise NotCovered("detail_port_number", ", ".join(map(str, missing)))
    if not chosen:
        chosen = [fid for fid, _ in policy_facts]
    facts = tuple(dict.fromkeys(chosen))
    if missing:
        joined = ctx.said(facts)
        return Reply(facts, f"{joined} {ctx.t('port_not_named', what=', '.join(map(str, missing)))}")
    return Reply(facts)


_ALL_PORTS = frozenset({"three", "trois", "all", "tous", "every", "chaque"})
_PORT_NUMBER = frozenset({"number", "numbers", "numero", "numeros", "num", "nos"})
_EXTREMES = frozenset({"highest", "lowest", "largest", "smallest", "biggest", "haut", "bas", "grand", "petit", "max",
                       "min", "maximum", "minimum", "extremes"})
_GAP_WORDS = frozenset({"gap", "ecart", "difference", "minus", "moins", "separe", "separates", "between", "entre"})


def _port_arithmetic(ctx: Context, policy_facts: list[tuple[str, IpsecPolicy]]) -> Reply | None:
    """A quiz on the port numbers themselves ("IMAP4's port minus POP3's?", "add up policy 2's port numbers"):
    the numbers are the article's, so the sum or the gap is worked out, with its terms."""
    summed = bool(ctx.words & SUM_WORDS) or {"add", "up"} <= ctx.words or bool(
        ctx.words & {"total", "totals"} and ctx.words & _PORT_NUMBER)  # "the total of the ports' numbers?"
    gap = "op_diff" in ctx.concepts or bool(ctx.words & _GAP_WORDS & {"gap", "ecart", "minus"})
    numbered = ctx.words & (_PORT_NUMBER | SUM_WORDS) or (gap and ctx.words & {"ecart", "minus", "moins"})  # "écart"
    if "port" not in ctx.concepts or not numbered or summed == gap or ctx.slots.ports:
        return None
    wanted = [name for concept, name in _PROTOCOL_CONCEPTS.items() if concept in ctx.concepts]
    refs = referred(ctx.tokens, (), ctx.concepts | {"policy"})
    by_protocol: dict[str, tuple[str, int]] = {}
    for fid, policy in policy_facts:  # the narrowest policy naming each protocol's port
        for spec in policy.ports:
            by_protocol.setdefault(spec.protocol, (fid, spec.port))
    if wanted and all(w in by_protocol for w in wanted) and (len(wanted) >= 2 or summed):
        chosen = [by_protocol[w] for w in wanted]
        facts = tuple(dict.fromkeys(fid for fid, _ in chosen))
        specs = [(w, port) for w, (_, port) in zip(wanted, chosen, strict=True)]
    elif (len(refs) == 1 or (not refs and ctx.words & _ALL_PORTS)) and not wanted:
        # a policy named, or "the three ports", "tous les ports": the policy that lists them all
        fid, policy = next((f, p) for f, p in policy_facts if p.number == refs[0]) if refs else max(
            policy_facts, key=lambda fp: len(fp[1].ports))
        facts, specs = (fid,), [(s.protocol, s.port) for s in policy.ports]
    else:
        return None
    if not specs or (gap and len(specs) > 2 and not ctx.words & _EXTREMES):
        return None
    said = ctx.said(facts)
    if summed:
        terms = " + ".join(str(port) for _, port in specs)
        return Reply(facts, f"{said} {ctx.t('port_numbers_sum', terms=terms, sum=sum(p for _, p in specs))}")
    (low_name, low), (high_name, high) = min(specs, key=lambda s: s[1]), max(specs, key=lambda s: s[1])
    text = ctx.t("port_numbers_gap", high=high, high_name=high_name, low=low, low_name=low_name, gap=high - low)
    return Reply(facts, f"{said} {text}")


def _between_policies(ctx: Context, policy_facts: list[tuple[str, IpsecPolicy]]) -> Reply | None:
    """What one policy adds to another, the distinct ports of several, the sum of one's port numbers."""
    refs = referred(ctx.tokens, ctx.slots.ports, ctx.concepts)
    by_number = {p.number: (fid, p) for fid, p in policy_facts}
    refs = tuple(n for n in refs if n in by_number)
    if not refs:
        return None
    facts = tuple(by_number[n][0] for n in refs)
    said = ctx.said(facts)
    if len(refs) >= 2 and ctx.words & DIFF_WORDS:  # "what does policy 3 cover that policy 2 does not?"
        low, high = by_number[refs[0]][1], by_number[refs[-1]][1]
        low_ports = {s.port for s in low.ports}
        added = [f"port {s.port} ({s.protocol})" for s in high.ports if s.port not in low_ports]
        by_port = {s.protocol for s in high.ports}
        added += [ctx.t("gc_traffic") if p == "LDAP-GC" else p for p in high.protocols
                  if p not in low.protocols and p not in by_port]
        if added:
            adds = ctx.t("policy_adds", high=high.number, low=low.number, what=", ".join(added))
            more = len(high.ports) - len(low.ports)
            if "count" in ctx.concepts and more > 0:  # "combien de ports de plus que la 1re ?"
                adds += " " + ctx.t("ports_more", n=more, low=low.number)
            return Reply(facts, f"{said} {adds}")
    if "count" in ctx.concepts and "port" in ctx.concepts and len(refs) >= 2:  # "how many ports in the first two?"
        ports = sorted({s.port for n in refs for s in by_number[n][1].ports})
        which, listed = ctx.t("and_word").join(map(str, refs)), ", ".join(map(str, ports))
        return Reply(facts, f"{said} {ctx.t('ports_union', which=which, count=len(ports), ports=listed)}")
    summed = bool(ctx.words & SUM_WORDS) or {"add", "up"} <= ctx.words  # "add up the port numbers", not "add 443"
    if "port" in ctx.concepts and summed and len(refs) == 1 and "count" not in ctx.concepts:
        numbers = [s.port for s in by_number[refs[0]][1].ports]
        if numbers:  # "somme des numéros de ports de la 2e stratégie ?" (a quiz): 80 + 110 + 143
            terms = " + ".join(map(str, numbers))
            return Reply(facts, f"{said} {ctx.t('port_sum', n=refs[0], terms=terms, sum=sum(numbers))}")
    return None


def related(ctx: Context) -> Reply:
    articles = {f.data.number: f.id for f in ctx.kb.article.facts if isinstance(f.data, RelatedArticle)}
    asked = [articles[n] for n in ctx.slots.numbers if n in articles]
    return Reply(tuple(asked) if asked else tuple(articles.values()))


def mode(ctx: Context) -> Reply:
    """Transport-mode ESP is the article's for Windows Server 2003; a Windows 2000 cluster has no supported mode."""
    if ctx.slots.os == "windows-2000" and len(ctx.slots.oses) < 2 and {"cluster", "nlb"} & ctx.concepts:
        return Reply(("support.windows2000",))  # "quel mode IPSec pour un cluster Windows 2000 ?"
    return Reply(("summary.supported",))


def main_mode_term(ctx: Context) -> Reply:
    """The translation trap: "mode principal" (IKE main mode) is not the "serveur principal" (back-end)."""
    fact = next(f for f in ctx.kb.article.facts if isinstance(f.data, IkeMainMode))
    return Reply((fact.id,), f"{ctx.t('main_mode_note')} {fact.text.get(ctx.lang)}")


_SERVERS = frozenset({"servers", "serveurs", "machines", "boxes", "hosts", "nodes", "noeuds", "server", "serveur"})


def registry_location(ctx: Context) -> Reply:
    """Where NLBSFlags goes; "we have 4 front-ends: how many servers need it?" counts them (the front-ends only)."""
    facts = ("registry.location", "registry.data")
    if "count" not in ctx.concepts or not (ctx.words & _SERVERS or ctx.slots.front_ends):
        return Reply(facts)
    said = ctx.said(facts)
    n = ctx.slots.front_ends
    more = ctx.t("flag_servers", n=n) if n else ctx.t("flag_servers_each")
    return Reply(facts, f"{said} {more}")


_STEP_WORDS = frozenset({"step", "steps", "etape", "etapes", "stage"})
_NOTE = frozenset({"note", "remarque", "nb"})
_STEP_NUMBERS = {"un": 1, "one": 1, "first": 1, "premiere": 1, "deux": 2, "two": 2, "second": 2, "deuxieme": 2,
                 "trois": 3, "three": 3, "third": 3, "troisieme": 3, "quatre": 4, "four": 4, "fourth": 4,
                 "quatrieme": 4, "cinq": 5, "five": 5, "fifth": 5, "cinquieme": 5, "six": 6, "sixth": 6, "sixieme": 6}


_TYPED = frozenset({"type", "typed", "tape", "taper", "tapes", "enter", "saisir", "saisit", "quoi", "what", "exe",
                    "executable", "program", "programme", "tool", "outil", "lancer", "launch", "run"})


def registry_steps(ctx: Context) -> Reply:
    """The registry procedure; a step asked by its number ("what does step 5 say?") first, in the article's words
    as the fact gives them (its clauses, in order, are the article's six numbered steps)."""
    facts = ("registry.steps", "registry.data", "registry.edit_warning")
    asked: list[int] = []
    for i, tok in enumerate(ctx.tokens):
        if tok in _STEP_WORDS:
            for nxt in ctx.tokens[i + 1 : i + 3]:
                n = int(nxt) if nxt.isdigit() and len(nxt) == 1 else _STEP_NUMBERS.get(nxt)
                if n is not None:
                    asked.append(n)
                    break
        elif tok in _STEP_NUMBERS and ctx.tokens[i + 1 : i + 2] and ctx.tokens[i + 1] in _STEP_WORDS:
            asked.append(_STEP_NUMBERS[tok])  # "the fifth step"
    if not asked and "run_box" in ctx.concepts and ctx.words & _TYPED:
        asked.append(2)  # "what do I type in the Run box?": the step that types regedit
    steps = ctx.kb.facts["registry.steps"].text.get(ctx.lang).split(":", 1)[1].rstrip(".").split(";")
    chosen = [n for n in dict.fromkeys(asked) if 1 <= n <= len(steps)]
    if not chosen:
        return Reply(facts)
    if len(chosen) == 1 and chosen[0] < len(steps):
        chosen.append(chosen[0] + 1)  # "step 1 says Run — run what?": one step asked, with the one it leads to
    if len(chosen) == 1:
        said = ctx.t("registry_step", n=chosen[0], step=steps[chosen[0] - 1].strip())
    else:
        which = ", ".join(map(str, chosen[:-1])) + ctx.t("and_word") + str(chosen[-1])
        sep = " ; " if ctx.lang == "fr" else "; "
        said = ctx.t("registry_step_some", which=which, steps=sep.join(f"{n}) {steps[n - 1].strip()}" for n in chosen))
    told = ("registry.steps", "registry.data")
    if ctx.words & _NOTE and 5 in chosen:  # "the note right after step 5": the 2 minutes once NLBSFlags is 1
        told += ("unplanned.total_nlbsflags",)
    return Reply(told, f"{said} {ctx.said(told[1:])}")


COMPUTE: dict[str, Callable[[Context], Reply]] = {
    "registry_steps": registry_steps,
    "registry_location": registry_location,
    "main_mode_term": main_mode_term,
    "mode": mode,
    "failover": failover,
    "failover_process": failover_process,
    "idle_timer": idle_timer,
    "support": support,
    "policies": policies,
    "related": related,
}

__all__ = ["COMPUTE", "Context", "NotCovered", "Reply"]
