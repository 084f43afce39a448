#!/usr/bin/env python3
"""Stageplay's CLI against BuildKit's own Dockerfile parser, side by side in one run
(docs/budgets.md#cli; not part of `make test`: it downloads a package and measures time).

    python3 scripts/bench_buildkit_parser.py [--runs N] [--stageplay PATH] [BASE_FILE]

BuildKit's side is the PyPI package `dockerfile` 3.4.0, which wraps BuildKit's
frontend/dockerfile/parser (v0.12.5) compiled from Go; the script installs it with pip into
a temporary virtual environment (removed at the end) and times `dockerfile.parse_string`
in that process: parsing only. Stageplay's side is the whole `stageplay analyze --format
json` as a process, parse, analysis passes, file simulation and the JSON written to a file
(built first by `scripts/build-cli.sh`, as it ships: a static PIE on Linux with glibc,
built with the profile of its own runs on the repository's fixtures, never on the input
measured here; unless `--stageplay` names a binary).

The big input is a base file repeated 20 times: moby's Dockerfile from
../shared/corpus/files/001-* when that exists (20 x 25,100 B = 502,000 B), otherwise the
60-stage, 650-line file `benches/common/mod.rs` generates (the same generator, below),
repeated to about the same size. The two sides take turns, so a busy machine slows both
alike. Printed: each side's median and spread (min-max) of `--runs` runs at 20x, in wall
time and in CPU time (the child's rusage, BuildKit's process time: less disturbed by other
work on a shared machine), the ratios of the medians, and Stageplay's time per KB at 1x,
5x, 10x and 20x (linear scaling keeps it flat).
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PACKAGE = "dockerfile==3.4.0"
SCALES = (1, 5, 10, 20)


def generated_dockerfile(stages):
    """`generated_dockerfile` of benches/common/mod.rs, line for line: a realistic 60-stage
    file with global ARGs, a shared base, cache mounts, heredocs and a final stage copying
    from every tool stage."""
    s = ('# syntax=docker/dockerfile:1\nARG GO_VERSION=1.22\nARG DEBIAN=bookworm\n'
         'ARG BASE_IMAGE="golang:${GO_VERSION}-${DEBIAN}"\n\n')
    s += ('FROM --platform=$BUILDPLATFORM ${BASE_IMAGE} AS base\nARG TARGETOS TARGETARCH\n'
          'ENV GOTOOLCHAIN=local CGO_ENABLED=0\nRUN apt-get update && apt-get install -y '
          '--no-install-recommends \\\n    git make file \\\n && rm -rf /var/lib/apt/lists/*\n'
          'WORKDIR /src\n\n')
    middle = max(stages - 2, 0)
    for i in range(middle):
        base = "base" if i % 3 == 0 else f"tool{i - 1}"
        s += f"FROM {base} AS tool{i}\n"
        s += f"ARG TOOL{i}_VERSION=v1.{i}.0\n"
        s += (f"RUN --mount=type=cache,target=/root/.cache/go-build,id=tool{i} \\\n"
              "    --mount=type=cache,target=/go/pkg/mod \\\n"
              "    --mount=from=base,source=/src,target=/src,rw \\\n"
              f"    GOOS=$TARGETOS GOARCH=$TARGETARCH go install example.com/tool{i}@${{TOOL{i}_VERSION}}\n")
        if i % 4 == 0:
            s += f"COPY <<EOF /etc/tool{i}.conf\nname=tool{i}\nversion=${{TOOL{i}_VERSION}}\nEOF\n"
        else:
            s += f"COPY hack/tool{i}.sh /usr/local/bin/\n"
        s += f"ENV TOOL{i}_HOME=/opt/tool{i} PATH=/opt/tool{i}/bin:$PATH\n"
        s += f"WORKDIR /opt/tool{i}\n\n"
    s += "FROM debian:${DEBIAN}-slim AS release\nRUN useradd -r app\n"
    for i in range(middle):
        s += f"COPY --from=tool{i} /go/bin/tool{i} /usr/local/bin/\n"
    s += 'USER app\nEXPOSE 8080/tcp\nENTRYPOINT ["/usr/local/bin/tool0"]\n'
    return s


def base_file(path):
    """The file to repeat and its name: PATH, moby's when the shared corpus is there, or the
    generated 60-stage file. A base smaller than moby's is first repeated up to its size, so
    that 20x is always about 490 KB."""
    if path:
        with open(path, encoding="utf-8") as f:
            return f.read(), path
    files = os.path.join(ROOT, "..", "shared", "corpus", "files")
    if os.path.isdir(files):
        for name in sorted(os.listdir(files)):
            if name.startswith("001-"):
                with open(os.path.join(files, name), encoding="utf-8") as f:
                    return f.read(), "moby's Dockerfile (" + name + ")"
    text = generated_dockerfile(60)
    copies = max(1, round(25_100 / len(text.encode())))
    return text * copies, f"the generated 60-stage file x{copies} (no ../shared/corpus)"


def spread(times):
    ms = [t * 1e3 for t in times]
    return (f"median {statistics.median(ms):7.2f} ms, min {min(ms):7.2f}, max {max(ms):7.2f} "
            f"({len(ms)} runs)")


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def time_stageplay(binary, path, out):
    """One `stageplay analyze --format json` process, output to a file: (wall, CPU) seconds."""
    with open(out, "wb") as sink:
        c0, t0 = children_cpu(), time.perf_counter()
        done = subprocess.run([binary, "analyze", "--format", "json", path], stdout=sink)
        wall, cpu = time.perf_counter() - t0, children_cpu() - c0
    # Exit 1 says the analysed build fails (moby x20 repeats stage names): still a report.
    if done.returncode not in (0, 1):
        sys.exit(f"stageplay exited with {done.returncode} on {path}")
    return wall, cpu


def time_buildkit(dockerfile, text):
    """One `dockerfile.parse_string`: (wall, CPU of this process) seconds."""
    c0, t0 = time.process_time(), time.perf_counter()
    dockerfile.parse_string(text)
    return time.perf_counter() - t0, time.process_time() - c0


def measure(args):
    """The measurement itself, run with the virtual environment's Python."""
    import dockerfile  # noqa: PLC0415 (installed by `main` into the temporary environment)

    base, source = base_file(args.base)
    work = tempfile.mkdtemp(prefix="stageplay-bench-")
    try:
        paths = {}
        for k in SCALES:
            paths[k] = os.path.join(work, f"x{k}.Dockerfile")
            with open(paths[k], "w", encoding="utf-8") as f:
                f.write(base * k)
        big = base * 20
        size = {k: os.path.getsize(p) for k, p in paths.items()}
        out = os.path.join(work, "out.json")
        print(f"input: {source}, {size[1]:,} B; x20 = {size[20]:,} B")
        print(f"stageplay: {args.stageplay}")
        print(f"machine: {os.cpu_count()} cores, load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")

        # Warm both: the page cache, BuildKit's Go runtime, the first process start.
        time_buildkit(dockerfile, big)
        time_stageplay(args.stageplay, paths[20], out)
        ours, theirs = [], []
        for _ in range(args.runs):
            ours.append(time_stageplay(args.stageplay, paths[20], out))
            theirs.append(time_buildkit(dockerfile, big))
        json_bytes = os.path.getsize(out)
        print("\n20x, taking turns (wall time; CPU time, which a busy machine disturbs less):")
        for label, i in (("wall", 0), ("CPU", 1)):
            mine, buildkit = [t[i] for t in ours], [t[i] for t in theirs]
            ratio = statistics.median(buildkit) / statistics.median(mine)
            print(f"  {label}: BuildKit's parser (dockerfile 3.4.0, in process): {spread(buildkit)}")
            print(f"  {label}: stageplay analyze --format json (a process):     {spread(mine)}")
            print(f"  {label}: ratio of the medians {ratio:.1f}x "
                  f"(min/min {min(buildkit) / min(mine):.1f}x; budget >= 15x)")
        print(f"  ({json_bytes:,} B of JSON)")

        print("\nscaling, stageplay analyze --format json (per KB from the median):")
        for k in SCALES:
            runs = [time_stageplay(args.stageplay, paths[k], out) for _ in range(args.runs)]
            wall = statistics.median(t[0] for t in runs)
            cpu = statistics.median(t[1] for t in runs)
            kb = size[k] / 1000
            print(f"  {k:2}x {size[k]:>9,} B: wall {spread([t[0] for t in runs])}; "
                  f"{wall * 1e6 / kb:6.1f} us/KB wall, {cpu * 1e6 / kb:6.1f} us/KB CPU")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", nargs="?", help="the file to repeat (default: moby's, or "
                        "the generated 60-stage file)")
    parser.add_argument("--runs", type=int, default=15, help="runs per measurement")
    parser.add_argument("--stageplay", help="a stageplay binary (default: the one "
                        "scripts/build-cli.sh builds)")
    args = parser.parse_args()

    if os.environ.get("STAGEPLAY_BENCH_VENV"):
        measure(args)
        return
    if not args.stageplay:
        subprocess.run([os.path.join(HERE, "build-cli.sh")], cwd=ROOT, check=True)
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
        args.stageplay = os.path.join(target, "release", "stageplay")
    venv = tempfile.mkdtemp(prefix="stageplay-venv-")
    try:
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        python = os.path.join(venv, "bin", "python")
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        PACKAGE], check=True)
        argv = [python, os.path.abspath(__file__), "--runs", str(args.runs),
                "--stageplay", os.path.abspath(args.stageplay)]
        if args.base:
            argv.append(os.path.abspath(args.base))
        env = dict(os.environ, STAGEPLAY_BENCH_VENV="1")
        sys.exit(subprocess.run(argv, env=env).returncode)
    finally:
        shutil.rmtree(venv, ignore_errors=True)


if __name__ == "__main__":
    main()
