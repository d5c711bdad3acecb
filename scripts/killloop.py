#!/usr/bin/env python3
"""Kill loop: does a killed `newstrace analyze` end where an uninterrupted one does?

1. Analyse CORPUS uninterrupted into a reference database and export every kind
   (articles, actors, quotes, sources, stories, narratives, reuse).
2. On a second database, start `newstrace analyze CORPUS` again and again and kill -9 it
   at a random point each time (--kills times, 50 by default): the first kills land in
   the read / per-article phase, the others cycle over every corpus stage (actors,
   provenance, reuse, stories, narratives, dates) and the final bookkeeping, each at a
   random delay inside the stage (stage durations are measured on the reference run;
   the stage is recognised from the progress lines the CLI prints).
3. Run it once more to completion, export every kind, compare with the reference and
   print, per kind, the first difference.

Runs are forked from this process with newstrace already imported (no interpreter
start-up per run), so 50 kills take a minute or two on the demo corpus with
--no-models. Exit status: 0 when every export is identical, 1 otherwise.

    python scripts/killloop.py [--corpus examples/demo] [--kills 50] [--seed 1] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import select
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
KINDS = ["articles", "actors", "quotes", "sources", "stories", "narratives", "reuse"]
CORPUS_STAGES = ["actors", "provenance", "reuse", "stories", "narratives", "dates"]
PHASES = ["read"] + CORPUS_STAGES + ["corpus"]  # "corpus": after the last stage (bookkeeping)


def _prepare() -> None:
    """Import everything a run needs before forking (the children start warm)."""
    sys.path.insert(0, str(ROOT / "src"))
    import newstrace.cli  # noqa: F401
    from newstrace import pipeline

    pipeline._load(pipeline.ARTICLE_STAGES + pipeline.CORPUS_STAGES, None)
    import trafilatura  # noqa: F401


def _child(argv: list[str], err_fd: int) -> None:
    """In the forked child: run the CLI with stderr on the pipe; never return."""
    code = 0
    try:
        os.dup2(err_fd, 2)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        # the parent's sys.stderr may be a capture object (pytest): write to the fds
        sys.stderr = open(2, "w", encoding="utf-8", buffering=1, closefd=False)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
        from newstrace.cli import cli

        cli.main(argv, prog_name="newstrace", standalone_mode=True)
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    except BaseException:  # noqa: BLE001 - report and leave with a failure code
        import traceback

        traceback.print_exc()
        code = 70
    finally:
        try:
            sys.stderr.flush()
        finally:
            os._exit(code)


class Run:
    """One forked `newstrace` run whose progress lines are read as they come."""

    def __init__(self, argv: list[str]) -> None:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(r)
            _child(argv, w)
        os.close(w)
        self.pid, self.fd, self.buf, self.lines = pid, r, b"", []
        self.t0 = time.monotonic()
        self.phase_at: dict[str, float] = {}
        self.phase = "start"
        self.code: int | None = None

    def _feed(self, data: bytes) -> None:
        self.buf += data
        while b"\n" in self.buf:
            raw, self.buf = self.buf.split(b"\n", 1)
            line = raw.decode("utf-8", "replace").strip()
            self.lines.append(line)
            name = line.split(":", 1)[0].split(" (", 1)[0].strip()  # "read (200 articles): 3/28"
            if name in PHASES and name not in self.phase_at:
                self.phase_at[name] = time.monotonic() - self.t0
            if name in PHASES:
                self.phase = name

    def poll(self, timeout: float) -> bool:
        """Read what is there (up to ``timeout`` s); False once the run has ended."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if ready:
            data = os.read(self.fd, 65536)
            if data:
                self._feed(data)
                return True
            self.wait()
            return False
        return self.code is None

    def wait(self) -> int:
        if self.code is None:
            _pid, status = os.waitpid(self.pid, 0)
            self.code = os.waitstatus_to_exitcode(status)
            while True:
                data = os.read(self.fd, 65536)
                if not data:
                    break
                self._feed(data)
            os.close(self.fd)
        return self.code

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        self.wait()


def _analyze_argv(corpus: str, db: Path, now: str) -> list[str]:
    return ["analyze", corpus, "--db", str(db), "--no-models", "--now", now]


def _complete(argv: list[str]) -> Run:
    run = Run(argv)
    while run.poll(1.0):
        pass
    run.wait()
    return run


def _export(db: Path, out: Path) -> dict[str, list[str]]:
    out.mkdir(parents=True, exist_ok=True)
    got = {}
    for kind in KINDS:
        path = out / f"{kind}.jsonl"
        run = _complete(["export", kind, "--db", str(db), "--out", str(path)])
        if run.code != 0:
            raise RuntimeError(f"export {kind} failed ({run.code}): {run.lines[-3:]}")
        got[kind] = path.read_text(encoding="utf-8").splitlines()
    return got


def _first_difference(a: list[str], b: list[str]) -> str | None:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"line {i + 1}:\n    uninterrupted: {x[:400]}\n    killed:        {y[:400]}"
    if len(a) != len(b):
        return f"{len(a)} lines uninterrupted, {len(b)} after the kills"
    return None


def _rearm(db: Path) -> None:
    """Mark every article as not done by the corpus stages: the state a run leaves when
    it is killed after its last corpus stage and before its final bookkeeping. The next
    runs then run every corpus stage again over the whole corpus (and get killed in it)."""
    from newstrace.store import Store

    st = Store(db, create=False)  # either back end
    try:
        st.conn.execute("UPDATE articles SET corpus_done = 0")
    finally:
        st.close()


def killloop(corpus: str = str(ROOT / "examples" / "demo"), kills: int = 50, seed: int = 1,
             now: str = "2026-11-23", workdir: str | None = None, read_kills: int | None = None,
             log=print) -> dict[str, Any]:
    """Run the loop (a run that ends before its kill re-arms the corpus stages with
    `_rearm`); returns the figures and, per kind, the first difference (None when
    the exports are identical)."""
    _prepare()
    rng = random.Random(seed)
    work = Path(workdir or tempfile.mkdtemp(prefix="killloop-"))
    work.mkdir(parents=True, exist_ok=True)
    for p in work.glob("*.db*"):
        p.unlink()
    t0 = time.monotonic()
    ref_db, killed_db = work / "reference.db", work / "killed.db"
    ref = _complete(_analyze_argv(corpus, ref_db, now))
    if ref.code not in (0, 1):
        raise RuntimeError(f"the reference run failed ({ref.code}): {ref.lines[-5:]}")
    order = [p for p in PHASES if p in ref.phase_at]
    if len(order) < 2:
        raise RuntimeError(f"no progress lines seen from the reference run: {ref.lines[-5:]}")
    ends = {p: (ref.phase_at[order[i + 1]] if i + 1 < len(order) else ref.phase_at[p] + 0.2)
            for i, p in enumerate(order)}
    durations = {p: max(0.05, ends[p] - ref.phase_at[p]) for p in order}
    log(f"reference: {ref_db} in {time.monotonic() - t0:.1f} s; phases (s): "
        + ", ".join(f"{p} {durations[p]:.2f}" for p in order))
    reference = _export(ref_db, work / "reference")
    n_read = read_kills if read_kills is not None else max(3, kills // 8)
    targets = ["read"] * n_read + [order[1:][i % (len(order) - 1)] for i in range(kills - n_read)]
    killed_in: dict[str, int] = {}
    attempts, finished = 0, 0
    k = 0
    while k < len(targets) and attempts < 4 * kills:
        attempts += 1
        target = targets[k]
        run = Run(_analyze_argv(corpus, killed_db, now))
        deadline = None
        while True:
            if deadline is None and target in run.phase_at:
                deadline = time.monotonic() + rng.uniform(0, durations.get(target, 0.5))
            wait = 1.0 if deadline is None else deadline - time.monotonic()
            if deadline is not None and wait <= 0:
                break
            if not run.poll(min(wait, 1.0)):
                break
        if run.code is None:
            run.kill()
            killed_in[run.phase] = killed_in.get(run.phase, 0) + 1
            k += 1
        else:  # ended before its kill: everything was done
            finished += 1
            if target == "read":
                # the read phase is quick once everything is stored: aim this kill at a
                # corpus stage instead, so that the loop still makes `kills` kills
                k += 1
                targets.append(order[1:][len(targets) % (len(order) - 1)])
            _rearm(killed_db)
    final = _complete(_analyze_argv(corpus, killed_db, now))
    after = _export(killed_db, work / "killed")
    diffs = {kind: _first_difference(reference[kind], after[kind]) for kind in KINDS}
    result = {"corpus": corpus, "kills": sum(killed_in.values()), "killed_in": killed_in,
              "runs_finished_before_the_kill": finished, "final_exit_code": final.code,
              "seconds": round(time.monotonic() - t0, 1), "identical": {k: d is None for k, d in diffs.items()},
              "first_difference": diffs, "workdir": str(work)}
    log(f"{result['kills']} kills ({', '.join(f'{p} {n}' for p, n in sorted(killed_in.items()))}), "
        f"{finished} runs ended before their kill, final run exit {final.code}, {result['seconds']} s")
    for kind in KINDS:
        log(f"  {kind:<11} {'identical' if diffs[kind] is None else 'DIFFERS: ' + diffs[kind]}")
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(ROOT / "examples" / "demo"))
    ap.add_argument("--kills", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--now", default="2026-11-23")
    ap.add_argument("--workdir", help="Keep the databases and exports here (default: a temporary folder).")
    ap.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = ap.parse_args()
    res = killloop(args.corpus, args.kills, args.seed, args.now, args.workdir,
                   log=(lambda *a: print(*a, file=sys.stderr)) if args.json else print)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=2))
    return 0 if all(res["identical"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
