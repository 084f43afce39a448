#!/usr/bin/env node
// Where a keystroke's time goes on a large file (docs/budgets.md, "Keystroke"): types 30 keys
// into the editor (a newline every fifth) with a Chromium trace running, then prints, as
// medians over the keys, the times from the key's task to:
//   - the end of the key's own task (the browser's editing and the page's input handler),
//   - the end of the next frame's main-thread work (the typed character drawn),
//   - the worker's analysis of the new text (when it starts and how long it takes),
//   - the task that shows the worker's answer (when it starts and when it ends; the graph is
//     drawn in the next frame, which the compositor runs only when something visible
//     changed, so `scripts/measure.mjs` times that frame with a requestAnimationFrame),
//   - how many keys the page analysed in the key's own task instead (src/ui/worker.rs `here`:
//     then there is no worker analysis nor answer, and the graph is drawn in the character's
//     frame; `scripts/measure.mjs` prints how long that analysis takes),
// and the same keys typed into a bare textarea with the same text and font, the browser's
// own share. A frame is timed to the end of its main-thread part (`BeginMainFrame`), before
// the compositor shows it; `scripts/measure.mjs` times the whole path from the page itself.
//
// Usage (after `trunk build --release`):
//   node scripts/measure-keystroke.mjs [path/to/file.Dockerfile]
// The default file is moby's (../shared/corpus/files/001-*), else the page's default example.
// DIST measures another build; PW_PORT picks the server's port (default 8104);
// SAVE_TRACE=PREFIX writes each trace to PREFIX-dockerfile.json and PREFIX-bare.json.
import { bareTextarea, mobyFile, withPlayground } from './measure-browser.mjs';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.DIST || join(root, 'dist');
const port = Number(process.env.PW_PORT || 8104);
const KEYS = 30;

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '—');

/** Types KEYS keys into `selector` with a trace running and returns the trace's events. */
async function tracedTyping(ctx, page, selector) {
  await page.locator(selector).focus();
  await page.keyboard.press('Control+End');
  const cdp = await ctx.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink,cc', transferMode: 'ReportEvents' });
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.type(i % 5 === 4 ? '\n' : 'x');
    await page.waitForTimeout(80);
  }
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  if (process.env.SAVE_TRACE) writeFileSync(`${process.env.SAVE_TRACE}-${selector.slice(1)}.json`, JSON.stringify(events));
  return events;
}

/** Per key, in ms from the start of its task: see the header. */
function keyTimes(events) {
  const threads = new Map();
  for (const e of events) if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const on = (re) => events
    .filter((e) => e.ph === 'X' && re.test(threads.get(`${e.pid}:${e.tid}`) || ''))
    .sort((a, b) => a.ts - b.ts);
  const main = on(/^CrRendererMain$/);
  const worker = on(/DedicatedWorker/).filter((e) => e.name === 'RunTask');
  const tasks = main.filter((e) => e.name === 'RunTask');
  const within = (t, name, type) => main.some((e) => e.name === name && (!type || e.args?.data?.type === type)
    && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
  const frames = main.filter((e) => e.name === 'ProxyMain::BeginMainFrame');
  const keys = tasks.filter((t) => within(t, 'EventDispatch', 'keypress'));
  const out = [];
  let ownTask = 0;
  // The first keys warm the page up; the last has no next key to bound it.
  for (let i = 2; i < keys.length - 1; i++) {
    const key = keys[i];
    const until = keys[i + 1].ts;
    const at = (ts) => (ts - key.ts) / 1000;
    const keyEnd = key.ts + key.dur;
    const firstFrame = frames.find((f) => f.ts >= keyEnd && f.ts < until);
    const analysis = worker.find((w) => w.ts >= key.ts && w.ts < until && w.dur > 500);
    const answer = tasks.find((t) => t.ts >= key.ts && t.ts < until && within(t, 'HandlePostMessage') && t.dur > 300);
    ownTask += analysis ? 0 : 1;
    out.push({
      keyTask: at(keyEnd),
      characterFrame: firstFrame ? at(firstFrame.ts + firstFrame.dur) : NaN,
      analysisStart: analysis ? at(analysis.ts) : NaN,
      analysis: analysis ? analysis.dur / 1000 : NaN,
      answerStart: answer ? at(answer.ts) : NaN,
      answerEnd: answer ? at(answer.ts + answer.dur) : NaN,
    });
  }
  const m = {};
  for (const k of Object.keys(out[0] || {})) m[k] = median(out.map((o) => o[k]));
  m.keys = out.length;
  // Keys with no analysis in the worker: the page analysed them in the key's own task.
  m.ownTask = ownTask;
  return m;
}

async function main() {
  const file = process.argv[2] || mobyFile(root);
  await withPlayground(dist, port, file, async (ctx, page) => {
    const ours = keyTimes(await tracedTyping(ctx, page, '#dockerfile'));

    const value = await page.locator('#dockerfile').inputValue();
    const bare = await bareTextarea(ctx, page, value);
    const browserOnly = keyTimes(await tracedTyping(ctx, bare, '#bare'));

    const lines = value.split('\n').length;
    console.log(`${KEYS} keys on ${lines} lines (${file || 'the default example'}); medians of ${ours.keys} keys, in ms from the key's task:`);
    console.log(`  the key's task ends:                         ${ms(ours.keyTask)} (a bare textarea: ${ms(browserOnly.keyTask)})`);
    console.log(`  the next frame's main-thread work ends:      ${ms(ours.characterFrame)} (a bare textarea: ${ms(browserOnly.characterFrame)})`);
    console.log(`  the worker's analysis starts, and lasts:     ${ms(ours.analysisStart)}, ${ms(ours.analysis)}`);
    console.log(`  the task showing its answer starts, and ends: ${ms(ours.answerStart)}, ${ms(ours.answerEnd)}`);
    console.log(`  keys analysed in their own task instead:     ${ours.ownTask} of ${ours.keys}`);
    console.log(JSON.stringify({ ours, bare: browserOnly }));
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
