"""How fast Oakley answers questions about KB 821839.

Prints (1) the median and p99 time per answer in-process over the test
corpus, and (2) the median wall time of a cold `oakley ask` process against
a bare `python -c pass`.

Reproduce:  make bench      (or: .venv/bin/python bench/kb_bench.py [--runs 30])
Targets:    p99 under 2 ms in-process; cold ask under 4x `python -c pass`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kb.engine import answer  # noqa: E402


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def in_process(rounds: int) -> tuple[float, float, int]:
    questions = [item["q"] for item in yaml.safe_load((ROOT / "tests/kb/corpus.yaml").read_text("utf-8"))]
    answer("warm up")  # loads the KB once, as a long-running bot does
    samples: list[float] = []
    for _ in range(rounds):
        for q in questions:
            start = time.perf_counter()
            answer(q)
            samples.append(time.perf_counter() - start)
    return statistics.median(samples), _percentile(samples, 0.99), len(samples)


def _wall(cmd: list[str], runs: int) -> float:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": ""}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_process(runs: int) -> tuple[float, float]:
    script = Path(sys.executable).with_name("oakley")
    oakley = [str(script)] if script.exists() else [sys.executable, "-m", "bot"]
    question = [*oakley, "ask", "How long does failover take on a 2003 front-end with NLBSFlags=1?"]
    _wall(question, 2)  # byte-code and the validated-KB cache, as after installation
    return _wall([sys.executable, "-c", "pass"], runs), _wall(question, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="passes over the corpus in-process")
    parser.add_argument("--runs", type=int, default=30, help="process launches for each command")
    args = parser.parse_args()
    median, p99, n = in_process(args.rounds)
    print(f"in-process answer: median {median * 1e3:.3f} ms, p99 {p99 * 1e3:.3f} ms "
          f"over {n} answers (target p99 < 2 ms)")
    bare, ask = cold_process(args.runs)
    print(f"cold process: python -c pass {bare * 1e3:.1f} ms, oakley ask {ask * 1e3:.1f} ms "
          f"-> {ask / bare:.2f}x (target < 4x), median of {args.runs} runs")
    print(f"reproduce: {Path(sys.executable).name} bench/kb_bench.py --rounds {args.rounds} --runs {args.runs}")


if __name__ == "__main__":
    main()
