#!/usr/bin/env python3
# Seeds fuzz/corpus/<target>/ from the repository's own fixtures (docs/fuzzing.md): the
# Dockerfiles and context listings under crates/stageplay-analysis/tests/fixtures, share links
# made from them, and the embed queries the page documents. Run from the repository root;
# `cargo fuzz cmin <target>` then keeps only the inputs that add coverage.
import base64
import hashlib
import json
import pathlib
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "crates/stageplay-analysis/tests/fixtures"
CORPUS = ROOT / "fuzz/corpus"


def put(target, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def link(state):
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = raw.compress(json.dumps(state).encode()) + raw.flush()
    return "v1." + base64.urlsafe_b64encode(packed).decode().rstrip("=")


for dockerfile in sorted(FIXTURES.glob("*/*/Dockerfile")):
    text = dockerfile.read_bytes()
    put("analyze", text)
    put("highlight", text)
    context = dockerfile.with_name("context.txt")
    if context.exists():
        # A first byte with bit 3 set (a tab) makes the analyze target read the context
        # listing and .dockerignore after NUL separators.
        put("analyze", b"\t" + text + b"\0" + context.read_bytes() + b"\0node_modules\n*.log\n")
        state = {"dockerfile": text.decode(), "context": context.read_text()}
    else:
        state = {"dockerfile": text.decode(), "builder": "legacy", "view": "plan"}
    # Mode 0 is a whole fragment, mode 2 the JSON inside one.
    put("share_decode", b"\0#" + link(state).encode())
    put("share_decode", b"\2" + json.dumps(state).encode())

for query in [
    "?embed",
    "embed=",
    "?embed&view=files,Graph,files,bogus&readonly&theme=dark&target=my%20app",
    "?embed&theme=purple&target=%0A&view=nothing&readonly=false",
    "embed&view=plan,editor&readonly&theme=light&target=a%26b%3Dc",
    "?embed&view=editor,steps,problems&target=build+stage",
]:
    put("embed_options", query.encode())
