#!/usr/bin/env python3
# Where the page's wasm bytes are: code size per crate and per function, from the names
# section of the wasm cargo builds (before wasm-bindgen and wasm-opt strip the names), and
# the data section's size. docs/budgets.md#first-load. A stand-in for `twiggy top`, which
# scripts/setup.sh does not install. Sizes are raw bytes before wasm-opt; wasm-opt shrinks
# every function, but the proportions hold well enough to choose what to move or rewrite.
#
# Usage: python3 scripts/wasm-size.py [WASM | --worker] [--top N] [--grep PATTERN]
#   WASM defaults to $CARGO_TARGET_DIR (or target/)/wasm32-unknown-unknown/wasm-release/stageplay-web.wasm,
#   the page's; --worker reads its worker's (stageplay-worker.wasm: the analysis core and the
#   exports, loaded at start in parallel with the page: src/ui/worker.rs).
import os, re, sys, zlib
from collections import defaultdict


def leb(buf, i):
    result = shift = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, i


def sections(buf):
    i = 8
    while i < len(buf):
        sid = buf[i]
        size, j = leb(buf, i + 1)
        yield sid, buf[j:j + size], j
        i = j + size


def demangle(name):
    # Legacy Rust mangling: _ZN<len><ident>...17h<hash>E. Enough to group by crate.
    if name.startswith('_ZN'):
        parts, i = [], 3
        while i < len(name) and name[i].isdigit():
            j = i
            while name[j].isdigit():
                j += 1
            n = int(name[i:j])
            parts.append(name[j:j + n])
            i = j + n
        if parts and re.fullmatch(r'h[0-9a-f]{16}', parts[-1]):
            parts.pop()
        s = '::'.join(parts)
        for a, b in (('$LT$', '<'), ('$GT$', '>'), ('$u20$', ' '), ('$RF$', '&'), ('..', '::'),
                     ('$C$', ','), ('$u7b$', '{'), ('$u7d$', '}'), ('$BP$', '*'), ('$u27$', "'"),
                     ('$u5b$', '['), ('$u5d$', ']'), ('$u3b$', ';'), ('$LP$', '('), ('$RP$', ')')):
            s = s.replace(a, b)
        return s
    return name


def crate_of(name):
    s = name.lstrip('<&*').replace('mut ', '').replace('dyn ', '')
    if s.startswith('_<'):
        s = s[2:]
    head = re.split(r'::|<| ', s, maxsplit=1)[0]
    return head or name[:20]


def main():
    args = sys.argv[1:]
    top, grep = 40, None
    if '--top' in args:
        k = args.index('--top'); top = int(args[k + 1]); del args[k:k + 2]
    if '--grep' in args:
        k = args.index('--grep'); grep = re.compile(args[k + 1]); del args[k:k + 2]
    module = 'stageplay-web'
    if '--worker' in args:
        args.remove('--worker'); module = 'stageplay-worker'
    target = os.environ.get('CARGO_TARGET_DIR', 'target')
    path = args[0] if args else os.path.join(target, f'wasm32-unknown-unknown/wasm-release/{module}.wasm')
    buf = open(path, 'rb').read()
    imported = 0
    bodies, names, data = [], {}, b''
    for sid, body, _ in sections(buf):
        if sid == 2:  # imports: functions are numbered after them
            n, i = leb(body, 0)
            for _ in range(n):
                for _ in range(2):
                    ln, i = leb(body, i); i += ln
                kind = body[i]; i += 1
                if kind == 0:
                    _, i = leb(body, i); imported += 1
                elif kind == 1:
                    i += 1; flags, i = leb(body, i); _, i = leb(body, i)
                    if flags & 1: _, i = leb(body, i)
                elif kind == 2:
                    flags, i = leb(body, i); _, i = leb(body, i)
                    if flags & 1: _, i = leb(body, i)
                elif kind == 3:
                    i += 2
        elif sid == 10:
            n, i = leb(body, 0)
            for _ in range(n):
                size, j = leb(body, i)
                bodies.append(size + (j - i))
                i = j + size
        elif sid == 11:
            data = body
        elif sid == 0:
            ln, i = leb(body, 0)
            if body[i:i + ln] == b'name':
                i += ln
                while i < len(body):
                    sub = body[i]; size, j = leb(body, i + 1)
                    if sub == 1:
                        n, k = leb(body, j)
                        for _ in range(n):
                            idx, k = leb(body, k); ln2, k = leb(body, k)
                            names[idx] = body[k:k + ln2].decode('utf-8', 'replace'); k += ln2
                    i = j + size
    total = sum(bodies)
    per_crate = defaultdict(int)
    funcs = []
    for n, size in enumerate(bodies):
        name = demangle(names.get(n + imported, f'func{n}'))
        per_crate[crate_of(name)] += size
        funcs.append((size, name))
    print(f'{path}: {len(buf):,} B, code {total:,} B in {len(bodies):,} functions, '
          f'data {len(data):,} B (gzip -9 {len(zlib.compress(data, 9)):,} B)')
    print('\ncode per crate:')
    for c, s in sorted(per_crate.items(), key=lambda x: -x[1])[:25]:
        print(f'  {s:>9,} B {100 * s / total:5.1f} %  {c}')
    print(f'\nlargest functions{" matching " + grep.pattern if grep else ""}:')
    shown = [f for f in sorted(funcs, reverse=True) if not grep or grep.search(f[1])]
    for size, name in shown[:top]:
        print(f'  {size:>8,} B  {name[:150]}')
    if grep:
        print(f'  total {sum(s for s, _ in shown):,} B in {len(shown)} functions')


main()
