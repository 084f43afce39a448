#!/usr/bin/env node
// Measures the playground in headless Chromium against the budgets of docs/budgets.md:
//   1. first render of the default example (navigation → graph in the DOM),
//   2. analysis + render of a large Dockerfile pasted at once (default: moby's 59-stage file),
//      from the input event to the frame painted after the page showed its analysis (the
//      worker analyses it: src/ui/worker.rs; the page marks `stageplay:shown`),
//   3. keystroke → painted graph on that file (about 650 lines), at its end and in its middle,
//      and keystroke → the typed character painted (the first frame after the input event),
//      beside the same keys typed into a bare textarea (the browser's own share of that time),
//   4. the gzip transfer size of what the page fetches on its first load (the files it
//      requested before its first render settled), split into the page itself (what it
//      fetches before it is interactive: the budget) and its worker (fetched at start, in
//      parallel, needed for the first graph but not for the first render of the editor), and
//      of each part it loads on demand (every other file of dist/ the page may fetch).
// Optionally saves screenshots of the large graph into e2e/output/.
//
// Usage (after `trunk build --release`):
//   node scripts/measure.mjs [path/to/large.Dockerfile]
// The default large file is ../shared/corpus/files/001-*.Dockerfile when it exists.
// PW_PORT picks the port of the temporary static server (default 8103); DIST another dist/.
import { startBrowser, bareTextarea, mobyFile } from './measure-browser.mjs';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// DIST measures another build (e.g. one of an older commit, for a before/after).
const dist = process.env.DIST || join(root, 'dist');
const port = Number(process.env.PW_PORT || 8103);
const base = `http://127.0.0.1:${port}/`;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (x) => `${x.toFixed(1)} ms`;

// Files of dist/ that are not the playground's: other pages, and what only the pages that
// embed Stageplay load.
const OTHER_PAGES = ['how.html', 'embed-demo.html', 'embed.js', 'favicon.svg'];
// The page's worker (the analysis core and the JSON and DOT exports), loaded at start.
const isWorker = (n) => n.startsWith('stageplay-worker') || n === 'worker.js';
// Parts the page loads on demand, by the files that make each one up.
const PARTS = [
  { name: 'Korean messages', test: (n) => n.endsWith('.ftl') },
  { name: 'lesson texts', test: (n) => n.endsWith('.json') },
];

function gzipSize(name) {
  const raw = readFileSync(join(dist, name));
  return { name, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
}

// `requested`: the file names the page fetched on its first load.
function gzipSizes(requested) {
  const first = [];
  const worker = [];
  const lazy = [];
  const names = readdirSync(dist, { recursive: true }).map(String);
  for (const name of names) {
    const file = name.split('/').pop();
    if (file.startsWith('.') || OTHER_PAGES.includes(name) || !/\.(wasm|js|css|html|json|txt|md|ftl)$/.test(file)) continue;
    if (isWorker(name) && (requested.has(file) || !requested.size)) worker.push(gzipSize(name));
    else if (requested.has(file) || name === 'index.html') first.push(gzipSize(name));
    else lazy.push(gzipSize(name));
  }
  return { first, worker, lazy };
}

// In the page: resolves when the page has marked `stageplay:shown` (src/ui/components/app.rs)
// at or after `since` (performance.now() time).
const SHOWN_HELPER = () => {
  window.__shownAfter = (since) => new Promise((resolve) => {
    const seen = () => performance.getEntriesByName('stageplay:shown', 'mark').some((m) => m.startTime >= since);
    if (seen()) return resolve();
    const o = new PerformanceObserver(() => { if (seen()) { o.disconnect(); resolve(); } });
    o.observe({ type: 'mark' });
  });
};

/** Types 25 keys (a newline every fifth) at the `end` or in the `middle` of the textarea
 * `selector`, 60 ms apart, and returns the times from each keydown to the next painted frame
 * after its analysis was shown (`analysed`, else empty) and to the next painted frame after
 * its input event (the typed character). */
async function typeInto(page, selector, where, lines, analysed) {
  await page.evaluate(([sel, analysed]) => {
    window.__lat = [];
    window.__echo = [];
    const ta = document.querySelector(sel);
    if (ta.dataset.timed) return;
    ta.dataset.timed = 'yes';
    ta.addEventListener('keydown', (e) => { window.__down = e.timeStamp; }, true);
    ta.addEventListener('input', () => {
      const down = window.__down;
      // The typed character itself: the next painted frame after the input event.
      requestAnimationFrame(() => setTimeout(() => window.__echo.push(performance.now() - down), 0));
      // The keystroke's analysis shown (since its keydown: the page's own input handler
      // runs before this one, and may show the analysis at once), then the next
      // painted frame.
      if (analysed) {
        window.__shownAfter(down).then(() =>
          requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - down), 0)));
      }
    }, true);
  }, [selector, analysed]);
  await page.locator(selector).focus();
  if (where === 'end') {
    await page.keyboard.press('Control+End');
  } else {
    // The start of the middle line.
    await page.evaluate(([sel, n]) => {
      const ta = document.querySelector(sel);
      const at = ta.value.split('\n').slice(0, n).join('\n').length + 1;
      ta.setSelectionRange(at, at);
    }, [selector, Math.floor(lines / 2)]);
  }
  const own = [];
  for (let i = 0; i < 25; i++) {
    await page.keyboard.type(i % 5 === 4 ? '\n' : 'x');
    await page.waitForTimeout(60);
    // The analysis the page made in the key's own task, if it did (src/ui/worker.rs `here`):
    // the latest `stageplay:here` measure, when it is this key's.
    if (analysed) {
      own.push(await page.evaluate(() => {
        const m = performance.getEntriesByName('stageplay:here', 'measure').at(-1);
        return m && m.startTime >= window.__down ? m.duration : null;
      }));
    }
  }
  await page.waitForTimeout(100);
  const [lat, echo] = await page.evaluate(() => [window.__lat, window.__echo]);
  return [lat, echo, own];
}

// The worker's latest `stageplay:analyse` measure (static/worker.js), in ms.
async function workerAnalysis(page) {
  const w = page.workers()[0];
  if (!w) return NaN;
  return w.evaluate(() => performance.getEntriesByName('stageplay:analyse', 'measure').at(-1)?.duration ?? NaN);
}

async function main() {
  const largePath = process.argv[2] || mobyFile(root);
  const { browser, close } = await startBrowser(dist, port);
  const results = {};
  try {
    // 1. First render, in fresh contexts (no cache, no draft).
    const firsts = [];
    // The editor alone: the page waits up to 150 ms for its worker's first analysis before
    // it renders (src/ui/mod.rs), so the two are usually one frame.
    const editors = [];
    // What the first load fetches: every request of the first fresh context until the page
    // has rendered and settled (its idle-time warm-up included).
    const requested = new Set();
    for (let i = 0; i < 7; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 860 } });
      if (i === 0) ctx.on('request', (r) => requested.add(new URL(r.url()).pathname.split('/').pop()));
      const page = await ctx.newPage();
      // Timed inside the page (navigation start → the graph's first node in the DOM), so
      // Playwright's own round trips do not count.
      await page.addInitScript(() => {
        new MutationObserver((_, o) => {
          if (!window.__firstEditor && document.querySelector('#dockerfile')) window.__firstEditor = performance.now();
          if (document.querySelector('svg.stage-graph [data-stage]')) { window.__firstGraph = performance.now(); o.disconnect(); }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(base);
      await page.waitForSelector('svg.stage-graph [data-stage]');
      firsts.push(await page.evaluate(() => window.__firstGraph));
      editors.push(await page.evaluate(() => window.__firstEditor));
      if (i === 0) await page.waitForTimeout(2500);
      await ctx.close();
    }
    results.firstRender = median(firsts);
    results.firstEditor = median(editors);
    console.log(`first render of the default example: median ${fmt(results.firstRender)} (runs: ${firsts.map((x) => x.toFixed(0)).join(', ')}); the editor alone: median ${fmt(results.firstEditor)}`);

    if (largePath) {
      const text = readFileSync(largePath, 'utf8');
      const lines = text.split('\n').length;
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 860 } });
      const page = await ctx.newPage();
      await page.addInitScript(SHOWN_HELPER);
      await page.goto(base);
      await page.waitForSelector('svg.stage-graph [data-stage]');
      // As a person would, paste after the page has settled: the app's idle-time warm-up
      // (in its worker: src/page/analysis_job.rs `warm_up`, about 1.5 s after the first analysis) is over. WARM=0
      // measures at once instead, warm-up rounds included.
      await page.waitForTimeout(Number(process.env.WARM ?? 2500));
      // 2. Paste the whole file at once. Timed from just before the input event to the
      // next painted frame: a requestAnimationFrame callback runs before the frame's style,
      // layout and paint, and a zero timeout queued from it runs after them. The time to
      // the DOM update alone (analysis + Yew render, before style and layout) is shown too.
      const pastes = [];
      const doms = [];
      const analyses = [];
      const decodes = [];
      for (let i = 0; i < 9; i++) {
        const r = await page.evaluate(async (t) => {
          const ta = document.querySelector('#dockerfile');
          // Start from a small file, so every run is a full re-analysis and re-render.
          ta.value = 'FROM scratch\n';
          ta.dispatchEvent(new InputEvent('input', { bubbles: true }));
          await window.__shownAfter(performance.now());
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
          const t0 = performance.now();
          ta.value = t;
          ta.dispatchEvent(new InputEvent('input', { bubbles: true }));
          // The worker's analysis is shown (the DOM updated), then painted.
          await window.__shownAfter(t0);
          const t1 = performance.now();
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          const t2 = performance.now();
          // The page times its decoding of the worker's bytes (src/ui/worker.rs).
          const d = performance.getEntriesByName('stageplay:decode', 'measure').at(-1);
          return { dom: t1 - t0, frame: t2 - t0, decode: d ? d.duration : NaN, nodes: document.querySelectorAll('svg.stage-graph [data-stage]').length };
        }, text);
        // The worker times each analysis as a User Timing measure (static/worker.js).
        analyses.push(await workerAnalysis(page));
        pastes.push(r.frame); doms.push(r.dom); decodes.push(r.decode); results.stages = r.nodes;
      }
      results.analysis = median(analyses);
      results.decode = median(decodes);
      console.log(`analysis alone (wasm, in the worker, ${lines} lines): median ${fmt(results.analysis)}, max ${fmt(Math.max(...analyses))} (budget ≤ 5 ms); decoding it in the page: median ${fmt(results.decode)}, max ${fmt(Math.max(...decodes))}`);
      results.paste = median(pastes);
      results.pasteMax = Math.max(...pastes);
      console.log(`paste ${largePath.split('/').pop()} (${lines} lines, ${results.stages} stages): input → painted median ${fmt(results.paste)}, max ${fmt(results.pasteMax)}; DOM updated median ${fmt(median(doms))} (${pastes.length} runs)`);

      // 3. Keystrokes, typed by Playwright, at the end of the file and in its middle (where
      // every later line moves down): keydown → the next painted frame after the input
      // event (as above), so the browser's own editing, the analysis, the render, style,
      // layout and paint all count.
      const [atEnd, echoEnd, ownEnd] = await typeInto(page, '#dockerfile', 'end', lines, true);
      const [inMiddle, echoMiddle, ownMiddle] = await typeInto(page, '#dockerfile', 'middle', lines, true);
      const lat = [...atEnd, ...inMiddle];
      const echo = [...echoEnd, ...echoMiddle];
      const own = [...ownEnd, ...ownMiddle].filter((x) => x !== null);
      results.ownTask = own.length;
      results.ownAnalysis = median(own);
      console.log(`keys analysed in their own task (src/ui/worker.rs \`here\`): ${own.length} of ${ownEnd.length + ownMiddle.length}${own.length ? `; that analysis: median ${fmt(results.ownAnalysis)}, max ${fmt(Math.max(...own))}` : ''}`);
      if (process.env.VERBOSE) console.log(`  keystrokes (ms): ${lat.map((x) => x.toFixed(0)).join(" ")}`);
      results.keystroke = median(lat);
      results.keystrokeMax = Math.max(...lat);
      results.echo = median(echo);
      console.log(`keystroke → the typed character painted (the frame after the input event, before the analysis): median ${fmt(results.echo)}, max ${fmt(Math.max(...echo))} (${echo.length} keys)`);
      console.log(`keystroke → painted graph on ${lines} lines: median ${fmt(results.keystroke)}, max ${fmt(results.keystrokeMax)} (${lat.length} keys; at the end: median ${fmt(median(atEnd))}, max ${fmt(Math.max(...atEnd))}; in the middle: median ${fmt(median(inMiddle))}, max ${fmt(Math.max(...inMiddle))})`);
      // The browser alone, for reference: the same keys typed into a bare page holding only
      // a textarea with the same text, font and size as the editor's (grown to its text, as
      // the editor's is), timed the same way. What the playground adds is the rest.
      const bare = await bareTextarea(ctx, page, text);
      const [, bareEnd] = await typeInto(bare, '#bare', 'end', lines, false);
      const [, bareMiddle] = await typeInto(bare, '#bare', 'middle', lines, false);
      const bareEcho = [...bareEnd, ...bareMiddle];
      results.bareEcho = median(bareEcho);
      console.log(`  for reference, the browser alone (a bare textarea, same text and font): keystroke → character painted median ${fmt(results.bareEcho)}, max ${fmt(Math.max(...bareEcho))} (${bareEcho.length} keys)`);
      await bare.close();

      // Screenshots of the large graph, fitted and zoomed.
      mkdirSync(join(root, 'e2e', 'output'), { recursive: true });
      await page.evaluate((t) => {
        const ta = document.querySelector('#dockerfile');
        ta.value = t; ta.dispatchEvent(new InputEvent('input', { bubbles: true }));
      }, text);
      await page.getByRole('button', { name: 'Fit' }).click();
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(root, 'e2e', 'output', 'moby-graph.png') });
      await ctx.close();
    }

    // 4. Transfer size: the first load, then each part loaded on demand.
    const { first, worker, lazy } = gzipSizes(requested);
    const total = first.reduce((s, r) => s + r.gzip, 0);
    for (const r of first) console.log(`  ${r.name}: ${r.raw} B raw, ${r.gzip} B gzip -9`);
    results.gzipTotal = total;
    console.log(`first load (gzip -9, the files the page fetched before it is interactive, its worker apart): ${(total / 1024).toFixed(1)} KiB (${total} B) (budget ≤ 400 KB)`);
    const workerTotal = worker.reduce((s, r) => s + r.gzip, 0);
    results.gzipWorker = workerTotal;
    console.log(`its worker, fetched at start in parallel (needed for the first graph, not for the first render of the editor): ${workerTotal} B gzip -9 (${worker.map((r) => `${r.name} ${r.gzip} B`).join(', ')}); a first visit fetches ${total + workerTotal} B in all`);
    results.lazy = {};
    for (const part of [...PARTS, { name: 'other files loaded on demand', test: () => true }]) {
      const rows = lazy.filter((r) => part.test(r.name) && !Object.values(results.lazy).some((p) => p.files.includes(r.name)));
      if (rows.length === 0) continue;
      const gzip = rows.reduce((s, r) => s + r.gzip, 0);
      results.lazy[part.name] = { gzip, files: rows.map((r) => r.name) };
      console.log(`on demand, ${part.name}: ${gzip} B gzip -9 (${rows.map((r) => `${r.name} ${r.gzip} B`).join(', ')})`);
    }
  } finally {
    await close();
  }
  console.log(JSON.stringify(results));
}

main().catch((e) => { console.error(e); process.exit(1); });
