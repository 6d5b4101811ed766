"""How long the chat grammar and the KB take on hostile messages of Slack's maximum size.

Prints, per message shape, the worst of several runs of `handlers.grammar.parse` and of
`kb.engine.answer` on a 40,000-character message. Before issue 9 the first shape took
18.6 s at 16,000 spaces (quadratic backtracking) and a 40,000-letter word made the speller
run out of memory.

Reproduce:  .venv/bin/python bench/parse_bench.py [--runs 5]
Target:     parse under 50 ms for every shape (typically under 2 ms); answer well under 1 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from handlers import grammar  # noqa: E402
from kb.engine import answer  # noqa: E402

N = grammar.MAX_TEXT
SHAPES = {
    "set … on <spaces> fe01 because x": "set nlbsflags 1 on " + " " * (N - 40) + "fe01 because x",
    "set … <spaces> because": "set nlbsflags 1 on fe01" + " " * (N - 40) + "because",
    "set … 'fe01 ' repeated ;": "set nlbsflags 1 on " + "fe01 " * (N // 5 - 5) + ";",
    "targets 'a, ' repeated": "enable fast failover on " + "a, " * (N // 3 - 10),
    "mentions repeated": "<@U1>" * (N // 5),
    "open mention": "<@U1|" + "x" * (N - 5),
    "one long word": "x" * N,
    "'port 1 ' repeated": "port 1 " * (N // 7),
    "filler words": "exchange " + "server " * (N // 7 - 2) + "2003",
    "short words": "x " * (N // 2),
}


def worst(func: object, text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func(text)  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    answer("warm up")
    print(f"{'shape':36} {'parse ms':>9} {'answer ms':>10}")
    for name, text in SHAPES.items():
        text = text[:N]
        print(f"{name:36} {worst(grammar.parse, text, args.runs) * 1000:9.2f} "
              f"{worst(answer, text, args.runs) * 1000:10.1f}")


if __name__ == "__main__":
    main()
