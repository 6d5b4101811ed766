"""Score the KB engine on question sets: overall, per class, out-of-scope declines.

Held-out sets (`tests/kb/heldout*.yaml`) were written from the article alone, in
one pass, before tuning. Print scores only; `--show` lists the failures — never
use it on a held-out set you are tuning against (tune on `tests/kb/corpus.yaml`).

Reproduce:  .venv/bin/python bench/kb_heldout.py tests/kb/heldout.yaml [tests/kb/heldout2.yaml]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kb.engine import answer  # noqa: E402
from tests.kb.grading import in_scope, problems  # noqa: E402


def score(path: Path, show: bool) -> None:
    items = yaml.safe_load(path.read_text("utf-8"))
    total, right = Counter[str](), Counter[str]()
    oos = oos_declined = 0
    for item in items:
        got = answer(item["q"])
        wrong = problems(item, got)
        cls = item.get("class", "in_scope" if in_scope(item) else "out_of_scope")
        total[cls] += 1
        right[cls] += not wrong
        if not in_scope(item):
            oos += 1
            oos_declined += not got.answered
        if wrong and show:
            print(f"  ✗ [{cls}] {item['q']!r}: {'; '.join(wrong)}\n      → {got.answer[:160]!r}")
    n, ok = sum(total.values()), sum(right.values())
    print(f"{path.name}: {ok}/{n} right ({100 * ok / n:.1f} %); out of scope declined {oos_declined}/{oos}")
    for cls in sorted(total):
        print(f"  {cls:12} {right[cls]:3}/{total[cls]:<3}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--show", action="store_true", help="list failures (not on a held-out set you tune on)")
    args = parser.parse_args()
    for path in args.files:
        score(path, args.show)


if __name__ == "__main__":
    main()
