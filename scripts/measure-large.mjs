#!/usr/bin/env node
// Measures the large-input budgets of docs/budgets.md in headless Chromium, against the built dist/:
//   - the analysis time of a realistic generated file of about 1 MB
//     (the benchmark's 60-stage pattern grown to 2 060 stages), timed by the worker's own
//     User Timing measure `stageplay:analyse` (static/worker.js), and the page's decoding of
//     the worker's bytes (`stageplay:decode`, src/ui/worker.rs);
//   - the longest main-thread task (Long Tasks API; budget: none over 50 ms; and from a trace of
//     the paste, the longest of any length, the room left under the budget) and the time from
//     the paste to the frame painted after the page showed its analysis (the mark
//     `stageplay:shown`), for the pathological pastes of docs/reliability.md (every input up
//     to 10 MB).
// Last, 20 keys are typed into the largest file the page edits (just under 64 KiB).
// Each input is pasted into a fresh page as a paste event over the whole text (a synthetic
// paste has no default action: when the page leaves it to the textarea, the script inserts
// the text and fires the input event the browser would).
//
// Usage (after `trunk build --release`): node scripts/measure-large.mjs [name-filter]
// PW_PORT picks the port of the temporary static server (default 8104); DIST another dist/.
import { openWithText, startBrowser } from './measure-browser.mjs';
import { join, dirname } from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.DIST || join(root, 'dist');
const port = Number(process.env.PW_PORT || 8104);
const base = `http://127.0.0.1:${port}/`;

/** The benchmark's generated Dockerfile (benches/common/mod.rs), `stages` stages. */
function generated(stages) {
  let s = '# syntax=docker/dockerfile:1\nARG GO_VERSION=1.22\nARG DEBIAN=bookworm\nARG BASE_IMAGE="golang:${GO_VERSION}-${DEBIAN}"\n\n';
  s += 'FROM --platform=$BUILDPLATFORM ${BASE_IMAGE} AS base\nARG TARGETOS TARGETARCH\nENV GOTOOLCHAIN=local CGO_ENABLED=0\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    git make file \\\n && rm -rf /var/lib/apt/lists/*\nWORKDIR /src\n\n';
  const middle = Math.max(0, stages - 2);
  for (let i = 0; i < middle; i++) {
    const from = i % 3 === 0 ? 'base' : `tool${i - 1}`;
    s += `FROM ${from} AS tool${i}\nARG TOOL${i}_VERSION=v1.${i}.0\n`;
    s += `RUN --mount=type=cache,target=/root/.cache/go-build,id=tool${i} \\\n    --mount=type=cache,target=/go/pkg/mod \\\n    --mount=from=base,source=/src,target=/src,rw \\\n    GOOS=$TARGETOS GOARCH=$TARGETARCH go install example.com/tool${i}@\${TOOL${i}_VERSION}\n`;
    s += i % 4 === 0
      ? `COPY <<EOF /etc/tool${i}.conf\nname=tool${i}\nversion=\${TOOL${i}_VERSION}\nEOF\n`
      : `COPY hack/tool${i}.sh /usr/local/bin/\n`;
    s += `ENV TOOL${i}_HOME=/opt/tool${i} PATH=/opt/tool${i}/bin:$PATH\nWORKDIR /opt/tool${i}\n\n`;
  }
  s += 'FROM debian:${DEBIAN}-slim AS release\nRUN useradd -r app\n';
  for (let i = 0; i < middle; i++) s += `COPY --from=tool${i} /go/bin/tool${i} /usr/local/bin/\n`;
  return s + 'USER app\nEXPOSE 8080/tcp\nENTRYPOINT ["/usr/local/bin/tool0"]\n';
}

// [name, text, times pasted]. V8 first runs wasm in its baseline compiler and optimises
// hot functions in the background, so the first analysis in a fresh page is the slowest;
// the realistic file is pasted three times (each time after a tiny file) to show both.
const inputs = [
  ['1 MB realistic (2 060 stages)', () => generated(2060), 3],
  ['100 000 continuation lines', () => 'FROM alpine\nRUN echo start \\\n' + '  word \\\n'.repeat(100_000) + '  end\n', 1],
  ['1 MB line', () => 'FROM alpine\nRUN echo ' + 'a'.repeat(1_000_000) + '\n', 1],
  ['10 MB line', () => 'FROM alpine\nRUN echo ' + 'a'.repeat(10_000_000) + '\n', 1],
  ['10 000 stages', () => Array.from({ length: 10_000 }, (_, i) => `FROM scratch AS s${i}\n`).join(''), 1],
];

/** Runs `during` while Chromium traces `page`; returns what it returned and the longest
 * task of the page's main thread in the trace (ms), of any length. */
async function tracing(browser, page, during) {
  const path = join(tmpdir(), `stageplay-measure-large-${process.pid}.json`);
  await browser.startTracing(page, { path, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const result = await during();
  await browser.stopTracing();
  const longest = longestTracedTask(path);
  rmSync(path, { force: true });
  return [result, longest];
}

/** The longest task (ms) of the page's main thread in a Chromium trace: the renderer's main
 * thread with the most tasks, as the trace holds every renderer of the browser. */
function longestTracedTask(path) {
  const t = JSON.parse(readFileSync(path, 'utf8'));
  const events = t.traceEvents || t;
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.name === 'RunTask' && mains.has(key)) tasks.set(key, [...(tasks.get(key) || []), e.dur / 1000]);
  }
  const busiest = [...tasks.values()].sort((a, b) => b.length - a.length)[0] || [];
  return Math.max(0, ...busiest);
}

/** Typing into the largest file the page still edits (just under 64 KiB, the preview's
 * threshold in src/page/large_text.rs): 20 keys in its middle, every fifth a line break,
 * 120 ms apart; the longest main-thread task among them (Long Tasks API, and a trace). A
 * textarea lays out its whole text again at each keystroke, so this is where typing is
 * slowest. */
async function typing(browser, results) {
  let stages = 2;
  while (generated(stages + 1).length < 64 * 1024) stages += 1;
  const text = generated(stages);
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const page = await openWithText(ctx, port, text, Number(process.env.WARM ?? 2500));
  await page.evaluate(() => {
    window.__longs = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longs.push(Math.round(e.duration)); })
      .observe({ type: 'longtask' });
    const ta = document.querySelector('#dockerfile');
    ta.focus();
    const at = Math.floor(ta.value.length / 2);
    ta.setSelectionRange(at, at);
  });
  const [, traced] = await tracing(browser, page, async () => {
    for (let i = 0; i < 20; i++) {
      await page.keyboard.type(i % 5 === 4 ? '\n' : 'x');
      await page.waitForTimeout(120);
    }
    await page.waitForTimeout(1000);
  });
  const longs = await page.evaluate(() => window.__longs);
  const name = `typing into ${text.length} B (${stages} stages, ${text.split('\n').length} lines)`;
  console.log(`${name}, 20 keys: longest main-thread task ${Math.max(0, ...longs)} ms (long tasks: ${longs.length ? longs.join(', ') + ' ms' : 'none'}; in the trace, of any length: ${traced.toFixed(1)} ms)`);
  results.push({ name, analyses: [], decodes: [], frame: NaN, longest: Math.max(0, ...longs), traced });
  await ctx.close();
}

async function main() {
  const filter = process.argv[2] || '';
  const { browser, close } = await startBrowser(dist, port);
  const results = [];
  try {
    for (const [name, make, times] of inputs) {
      if (!name.includes(filter)) continue;
      const text = make();
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 860 } });
      const page = await ctx.newPage();
      await page.addInitScript(() => {
        // Resolves when the page has shown an analysis (src/ui/components/app.rs marks
        // `stageplay:shown`) at or after `since`.
        window.__shownAfter = (since) => new Promise((resolve) => {
          const seen = () => performance.getEntriesByName('stageplay:shown', 'mark').some((m) => m.startTime >= since);
          if (seen()) return resolve();
          const o = new PerformanceObserver(() => { if (seen()) { o.disconnect(); resolve(); } });
          o.observe({ type: 'mark' });
        });
      });
      await page.goto(base);
      await page.waitForSelector('svg.stage-graph [data-stage]');
      // A person pastes a few seconds after the page opened: the app's idle-time warm-up
      // (in its worker: src/page/analysis_job.rs `warm_up`) has run by then. WARM=0 pastes at once instead.
      await page.waitForTimeout(Number(process.env.WARM ?? 2500));
      for (let k = 0; k < times; k++) {
        if (k > 0) {
          await page.evaluate(async () => {
            // A file too large to edit is previewed read-only (src/ui/components/large_text.rs).
            document.querySelector('#large-clear')?.click();
            await new Promise((r) => setTimeout(r, 100));
            const ta = document.querySelector('#dockerfile');
            ta.value = 'FROM scratch\n';
            ta.dispatchEvent(new InputEvent('input', { bubbles: true }));
            await new Promise((r) => setTimeout(r, 500));
          });
        }
        // The text reaches the page and its clipboard data is made in a task of its own:
        // the measured task starts at the paste, as a person's paste does.
        await page.evaluate((t) => {
          window.pasteData = new DataTransfer();
          window.pasteData.setData('text/plain', t);
        }, text);
        await page.waitForTimeout(300);
        // A trace of the paste gives the longest task of any length, not only those the
        // Long Tasks API reports (over 50 ms): the room left under the budget.
        const [r, traced] = await tracing(browser, page, () => page.evaluate(async () => {
          const longs = [];
          new PerformanceObserver((l) => { for (const e of l.getEntries()) longs.push(Math.round(e.duration)); })
            .observe({ type: 'longtask' });
          performance.clearMeasures('stageplay:decode');
          const ta = document.querySelector('#dockerfile');
          ta.focus();
          ta.select();
          const t0 = performance.now();
          // A paste, as a person makes one: the page handles a paste too large to edit
          // itself (src/ui/components/editor/mod.rs `onpaste`); otherwise the textarea takes it.
          const data = window.pasteData;
          const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
          if (ta.dispatchEvent(paste)) {
            ta.value = data.getData('text/plain');
            ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
          }
          // The worker's analysis shown (after the debounce of a large text), then painted.
          await window.__shownAfter(t0);
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          const frame = performance.now() - t0;
          // Let any later work (renders, idle callbacks) run and be observed.
          await new Promise((r) => setTimeout(r, 1500));
          const decodes = performance.getEntriesByName('stageplay:decode', 'measure').map((m) => m.duration);
          return { bytes: data.getData('text/plain').length, frame, decodes, longest: Math.max(0, ...longs), longs };
        }));
        r.traced = traced;
        // The worker times each analysis (static/worker.js); this paste's is its latest.
        const w = page.workers()[0];
        const analysis = w ? await w.evaluate(() => performance.getEntriesByName('stageplay:analyse', 'measure').at(-1)?.duration ?? NaN) : NaN;
        r.analyses = [analysis];
        results.push({ name, ...r });
        console.log(`${name} (${(r.bytes / 1e6).toFixed(2)} MB), paste ${k + 1}: analysis (worker) ${analysis.toFixed(0)} ms, decoding (page) ${r.decodes.map((x) => x.toFixed(0) + ' ms').join(', ') || 'none'}; paste → shown and painted ${r.frame.toFixed(0)} ms; longest main-thread task ${r.longest.toFixed(0)} ms (long tasks: ${r.longs.length ? r.longs.join(', ') + ' ms' : 'none'}; in the trace, of any length: ${r.traced.toFixed(1)} ms)`);
      }
      await ctx.close();
    }
    if ('typing'.includes(filter)) await typing(browser, results);
  } finally {
    await close();
  }
  console.log(JSON.stringify(results.map(({ name, analyses, decodes, frame, longest, traced }) => ({ name, analyses, decodes, frame, longest, traced }))));
}

main().catch((e) => { console.error(e); process.exit(1); });
