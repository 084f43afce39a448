#!/usr/bin/env python3
"""Throughput of BuildKit's own Dockerfile parser on the shared corpus, for comparison with
`cargo bench --bench analyze` (not part of `make test`; needs ../shared/corpus).

The PyPI package `dockerfile` 3.4.0 wraps BuildKit's frontend/dockerfile/parser (v0.12.5)
compiled from Go. Install it in a throwaway venv and run:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install dockerfile==3.4.0
    /tmp/venv/bin/python scripts/bench_buildkit_parser.py [CORPUS_DIR]

Prints the median time per pass over the whole corpus and over moby's Dockerfile (001-*),
and the throughput in MB/s. This measures parsing only; Stageplay's figure is the whole
analysis (parse, expansion, stages, graph, plans, checks).
"""
import os
import statistics
import sys
import time

import dockerfile


def median_seconds(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "corpus")
    files_dir = os.path.join(corpus, "files")
    texts = {}
    for name in sorted(os.listdir(files_dir)):
        with open(os.path.join(files_dir, name), encoding="utf-8") as f:
            texts[name] = f.read()

    def parse_all():
        for t in texts.values():
            try:
                dockerfile.parse_string(t)
            except dockerfile.GoParseError:
                pass

    moby = next(t for n, t in texts.items() if n.startswith("001-"))
    total = sum(len(t.encode()) for t in texts.values())
    all_s = median_seconds(parse_all, 20)
    moby_s = median_seconds(lambda: dockerfile.parse_string(moby), 200)
    print(f"corpus: {len(texts)} files, {total} bytes: median {all_s * 1e3:.2f} ms/pass, "
          f"{total / all_s / 1e6:.2f} MB/s")
    print(f"moby (001): {len(moby.encode())} bytes: median {moby_s * 1e3:.3f} ms, "
          f"{len(moby.encode()) / moby_s / 1e6:.2f} MB/s")


if __name__ == "__main__":
    main()
