#!/usr/bin/env python3
"""Trunk post-build hook: replaces 'unsafe-inline' in the page's script-src with the SHA-256
hashes of the inline scripts Trunk generated, so the CSP allows exactly those scripts.

Fails the build (exit 1) when the CSP or the inline script is not where it is expected, so a
change in Trunk's output cannot silently weaken or break the policy.
"""
import base64
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
path = os.path.join(staging, "index.html")
with open(path, encoding="utf-8") as f:
    html = f.read()

scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
if not scripts:
    sys.exit(f"csp_hash: no inline script in {path}")
hashes = " ".join(
    "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
    for s in scripts
)

# Release builds are minified: attribute order and quotes may change.
csp = None
for tag in re.finditer(r"<meta\b[^>]*>", html, flags=re.I):
    if re.search(r'http-equiv="?Content-Security-Policy"?', tag.group(0), flags=re.I):
        content = re.search(r'content="([^"]*)"', tag.group(0))
        if content:
            csp = (tag.start() + content.start(1), tag.start() + content.end(1))
        break
if not csp:
    sys.exit(f"csp_hash: no Content-Security-Policy meta in {path}")
policy = html[csp[0] : csp[1]]
script_src = re.search(r"script-src ([^;]*)", policy)
if not script_src or "'unsafe-inline'" not in script_src.group(1):
    sys.exit("csp_hash: script-src has no 'unsafe-inline' to replace")
new_src = script_src.group(1).replace("'unsafe-inline'", hashes)
policy = policy.replace(script_src.group(0), "script-src " + new_src)
html = html[: csp[0]] + policy + html[csp[1] :]
with open(path, "w", encoding="utf-8") as f:
    f.write(html)
print(f"csp_hash: script-src allows {len(scripts)} inline script(s) by hash")
