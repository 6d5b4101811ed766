"""Check the data files against `kb.model` with pydantic, then cross-check them.

Imported only when a data file is new or changed (see `kb.store`), so the
cost of pydantic is paid once per edit, not per question.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import TypeAdapter, ValidationError

from kb import model
from kb.errors import KBDataError
from kb.lexicon import PRODUCT, REQUEST, SMALL_TALK
from kb.model import (
    Article,
    ContextRule,
    IdleTimer,
    IkeMainMode,
    Intent,
    PlannedMove,
    PortSpec,
    Questions,
    Text,
    UnplannedTotal,
    Unsaid,
)
from kb.text import tokenize

T = TypeVar("T")
vars(model).update(model.annotation_names())  # the typing names its annotations use, for pydantic to evaluate

#: Computations an intent may name; kept in sync with `kb.answers.COMPUTE`.
COMPUTE_NAMES = frozenset(
    {"failover", "failover_process", "idle_timer", "support", "policies", "related", "main_mode_term", "mode",
     "registry_steps", "registry_location"}
)
VERDICT_NAMES = frozenset(
    {"supported", "front_end", "value", "failover", "no_ssl", "basic_only", "integrated", "affirm", "transport", "mode",
     "process", "applies", "policy", "never", "idle", "ike", "components", "named", "procedure", "principal",
     "disclaimer"}
)
#: Concepts the engine derives from slots or from other concepts rather than from words.
SLOT_CONCEPTS = frozenset({"@os", "@nlbsflags", "@duration", "@limit", "@state", "@budget", "@http_and_mail",
                           "@no_ipsec",
                           "@principal", "@not_given", "@window",
                           SMALL_TALK, REQUEST})  # the last two from out_of_scope's small_talk and requests
REQUIRED_TEMPLATES = frozenset(
    {
        "not_covered", "detail_product", "detail_port", "detail_nlbs_value",
        "failover_unplanned", "failover_planned", "failover_overview", "windows2000_flag",
        "exchange_on_top", "port_not_named", "state_set", "state_absent", "state_any", "minutes", "minute",
        "seconds", "can_ask", "detail_term", "part_not_covered", "too_long", "yes", "no", "compare_flag",
        "compare_same", "compare_planned", "compare_os", "span", "share", "count_total", "count_saved", "count_rate",
        "count_ike", "share_exchange", "exchange_gain", "count_mixed", "count_mixed_states", "count_listed",
        "count_exchange", "negative_duration", "share_window",
        "moves_one", "moves_many", "crashes_one", "crashes_many",
        "budget_count", "clock_back", "clock_back_total", "main_mode_note", "compare_planned_worst",
        "compare_planned_best",
        "count_rate_span", "unit_week", "unit_month", "unit_quarter", "unit_year",
        "per_day", "per_week", "per_month", "per_quarter", "over_week", "over_month", "over_quarter", "over_year",
        "compare_idle",
        "planned_windows2000", "windows2000_cluster", "exchange_total", "exchange_total_range", "planned_nlbsflags",
        "detail_port_number", "policy_lacks_port",
        "limit_under", "limit_over", "limit_equal", "limit_exchange", "planned_spread",
        "planned_midpoint", "detail_idle_set", "detail_ike_set", "detail_front_end_down", "dc_protocols", "ike_or_esp",
        "that_protocol",
    }
)


def _walk(loc: tuple[Any, ...], raw: Any) -> tuple[str, str | None, Any]:
    """Render a pydantic location (naming facts and intents by id).

    Returns the rendered path, the union branch the error belongs to (a
    class name in the location that is not a key of the data), and the data
    node where that branch starts.
    """
    parts: list[str] = []
    node, branch, branch_node = raw, None, None
    for item in loc:
        if isinstance(item, int) and isinstance(node, list) and item < len(node):
            child = node[item]
            ident = child.get("id") if isinstance(child, dict) else None
            parts.append(f"[{item}]" + (f"({ident})" if ident else ""))
            node = child
        elif isinstance(node, dict) and item in node:
            parts.append(("." if parts else "") + str(item))
            node = node[item]
        elif isinstance(item, str) and item[:1].isupper():
            branch, branch_node = item, node
        else:
            parts.append(("." if parts else "") + str(item))
            node = None
    return "".join(parts) or "(top level)", branch, branch_node


class _StrictLoader(yaml.SafeLoader):
    """YAML that refuses a key given twice: the second would silently replace the first (a lost term list)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} is given twice (line {key_node.start_mark.line + 1})",
                    key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)  # a SafeLoader
    except yaml.YAMLError as exc:
        raise KBDataError(path.name, [f"not valid YAML: {exc}"]) from None


def _validate(adapter: TypeAdapter[T], raw: Any, name: str) -> T:
    try:
        return adapter.validate_python(raw)
    except ValidationError as exc:
        # A union reports every branch; keep only the branch whose `kind`
        # the data named, so the message points at the real mistake.
        problems: list[str] = []
        for err in exc.errors():
            where, branch, node = _walk(err["loc"], raw)
            kind = node.get("kind") if isinstance(node, dict) else None
            if branch and isinstance(kind, str) and _snake(branch) != kind:
                continue
            problems.append(f"{where}: {err['msg']}")
        raise KBDataError(name, problems or [str(exc)]) from None


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _intent_rule(i: Intent) -> str | None:
    if sum(bool(x) for x in (i.facts, i.compute, i.gap)) != 1:
        return "an intent needs exactly one of facts, compute or gap"
    return None if i.requires else "requires must have at least one group"


#: Rules across the fields of one object, by type: each returns a problem or None.
RULES: dict[type, Any] = {
    Text: lambda t: None if t.en.strip() and t.fr.strip() else "both 'en' and 'fr' must be non-empty",
    PlannedMove: lambda p: None if 0 < p.min_seconds <= p.max_seconds else "need 0 < min_seconds <= max_seconds",
    IdleTimer: lambda t: None if t.seconds > 0 else "seconds must be positive",
    IkeMainMode: lambda t: None if t.seconds > 0 else "seconds must be positive",
    UnplannedTotal: lambda t: (
        "total_seconds must equal idle_seconds + ike_seconds" if t.idle_seconds + t.ike_seconds != t.total_seconds
        else None if t.applies else "applies must name at least one OS"
    ),
    PortSpec: lambda p: None if 0 < p.port < 65536 else "port must be between 1 and 65535",
    Intent: _intent_rule,
}


def check_rules(node: Any, path: str = "") -> list[str]:
    """Apply `RULES` to every object in the tree; problems carry their path."""
    problems: list[str] = []
    rule = RULES.get(type(node))
    if rule is not None and (problem := rule(node)):
        problems.append(f"{path or '(top level)'}: {problem}")
    if isinstance(node, tuple) and hasattr(node, "_fields"):
        for name, child in node._asdict().items():
            problems += check_rules(child, f"{path}.{name}" if path else name)
    elif isinstance(node, tuple):
        for i, child in enumerate(node):
            ident = getattr(child, "id", None)
            problems += check_rules(child, f"{path}[{i}]" + (f"({ident})" if isinstance(ident, str) else ""))
    elif isinstance(node, dict):
        for key, child in node.items():
            problems += check_rules(child, f"{path}.{key}")
    return problems


def _norm_ws(text: str) -> str:
    return " ".join(text.split())


def check_article(article: Article, source_text: str, name: str) -> None:
    problems = check_rules(article)
    seen: set[str] = set()
    source = _norm_ws(source_text)
    for i, fact in enumerate(article.facts):
        where = f"facts[{i}]({fact.id})"
        if fact.id in seen:
            problems.append(f"{where}.id: duplicate id")
        seen.add(fact.id)
        if fact.section not in article.sections:
            problems.append(f"{where}.section: unknown section {fact.section!r}")
        if _norm_ws(fact.quote) not in source:
            problems.append(f"{where}.quote: not found verbatim in the article text")
    if problems:
        raise KBDataError(name, problems)


def check_questions(questions: Questions, article: Article, name: str) -> None:
    problems = check_rules(questions)
    declared = [c.id for c in questions.concepts]
    concept_ids = set(declared) | SLOT_CONCEPTS
    fact_ids = {f.id for f in article.facts}
    problems += [f"concepts: duplicate concept id {c!r}" for c in sorted(set(declared)) if declared.count(c) > 1]
    for i, intent in enumerate(questions.intents):
        where = f"intents[{i}]({intent.id})"
        for group in intent.requires:
            problems += [f"{where}.requires: unknown concept {c!r}" for c in group if c not in concept_ids]
        problems += [f"{where}.signals: unknown concept {c!r}" for c in intent.signals if c not in concept_ids]
        problems += [f"{where}.facts: unknown fact {f!r}" for f in intent.facts if f not in fact_ids]
        if intent.compute and intent.compute not in COMPUTE_NAMES:
            problems.append(f"{where}.compute: unknown computation {intent.compute!r}")
        if intent.verdict and intent.verdict not in VERDICT_NAMES:
            problems.append(f"{where}.verdict: unknown verdict {intent.verdict!r}")
        problems += [f"{where}.accepts: unknown concept {c!r}" for c in intent.accepts if c not in concept_ids]
    problems += [f"attributes: unknown concept {c!r}" for c in questions.attributes if c not in concept_ids]
    core = questions.out_of_scope.core
    problems += [f"out_of_scope.core: unknown concept {c!r}" for c in core if c not in concept_ids]
    terms = [(f"concepts({c.id})", t) for c in questions.concepts for t in c.terms]
    terms += [(f"out_of_scope.products.{name}", t) for name, ts in questions.out_of_scope.products.items() for t in ts]
    terms += [("out_of_scope.small_talk", t) for t in questions.out_of_scope.small_talk]
    terms += [("out_of_scope.requests", t) for t in questions.out_of_scope.requests]
    problems += [f"out_of_scope.platforms: {p!r} is not a product" for p in questions.out_of_scope.platforms
                 if p not in questions.out_of_scope.products]
    names_fr = questions.out_of_scope.names_fr
    problems += [f"out_of_scope.names_fr: no French name for {p!r}" for p in questions.out_of_scope.products
                 if p not in names_fr]
    problems += [f"out_of_scope.names_fr: {p!r} is not a product" for p in names_fr
                 if p not in questions.out_of_scope.products]
    problems += [
        f"{where}: term {t!r} must be written normalised, as {' '.join(tokenize(t))!r}"
        for where, t in terms if t != " ".join(tokenize(t))
    ]
    rules: list[tuple[str, Unsaid | ContextRule, list[str]]] = [
        (f"unsaid[{i}]({r.detail})", r, []) for i, r in enumerate(questions.unsaid)]
    rules += [(f"contexts[{i}]", r, [*r.drop, *r.add, *r.within]) for i, r in enumerate(questions.contexts)]
    # a rule may name a product the article lacks ("the FE's SSL certificate" is the scene, not what is asked)
    rule_ids = concept_ids | {PRODUCT + name for name in questions.out_of_scope.products}
    for where, rule, named in rules:
        used = [c for g in rule.requires for c in g] + list(rule.unless) + named
        problems += [f"{where}: unknown concept {c!r}" for c in used if c not in rule_ids]
        if isinstance(rule, Unsaid):
            problems += [f"{where}: unknown template {t!r}" for t in (rule.detail, rule.what)
                         if t is not None and t not in questions.templates]
        elif not (rule.drop or rule.add):
            problems.append(f"{where}: neither drop nor add: the rule changes nothing")
        words = [w for g in rule.words for w in ([g] if isinstance(g, str) else g)] + list(rule.unless_words)
        problems += [f"{where}: unknown word set {w!r}" for w in words
                     if w.startswith("@") and w[1:] not in questions.word_sets]
        problems += [f"{where}: {w!r} is not one normalised word" for w in words
                     if not w.startswith("@") and tokenize(w) != [w]]
    problems += [f"word_sets.{n}: {w!r} is not one normalised word" for n, ws in questions.word_sets.items()
                 for w in ws if tokenize(w) != [w]]
    missing = REQUIRED_TEMPLATES - questions.templates.keys()
    if missing:
        problems.append(f"templates: missing {', '.join(sorted(missing))}")
    if problems:
        raise KBDataError(name, problems)


def load_validated(article_path: Path, questions_path: Path, source_path: Path) -> tuple[Article, Questions]:
    """Read, validate and cross-check both data files."""
    article = _validate(TypeAdapter(Article), _read_yaml(article_path), article_path.name)
    check_article(article, source_path.read_text(encoding="utf-8"), article_path.name)
    questions = _validate(TypeAdapter(Questions), _read_yaml(questions_path), questions_path.name)
    check_questions(questions, article, questions_path.name)
    return article, questions


if __name__ == "__main__":  # python -m kb.validate: check the data files after an edit
    from kb.store import ARTICLE_FILE, QUESTIONS_FILE, SOURCE_FILE

    try:
        _, checked = load_validated(Path(ARTICLE_FILE), Path(QUESTIONS_FILE), Path(SOURCE_FILE))
    except KBDataError as exc:
        raise SystemExit(str(exc)) from None
    print(f"ok: {len(checked.intents)} intents, {len(checked.unsaid)} unsaid rules, "
          f"{len(checked.contexts)} context rules, {len(checked.concepts)} concepts")
