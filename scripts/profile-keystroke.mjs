#!/usr/bin/env node
// Where the page's own work per keystroke goes, by function (docs/performance.md, "Keystroke
// latency"): types 60 keys into the editor (a newline every fifth) with Chromium's sampling
// profiler running on the page's thread (a sample every 50 µs), then prints the functions
// with the most time of their own and the most time in all, in ms summed over the keys,
// then the time split by the task it ran in: the key's own and the worker answer's.
// The worker's analysis runs on its own thread and is not in it; its answer's decoding and
// drawing are.
//
// The release build names no wasm function (wasm-opt drops the names). For names, build a
// copy of the tree (`git worktree add`) whose index.html gives the page's wasm-opt
// `data-wasm-opt-params="--converge --debuginfo"`, with `trunk build --release`, and point
// DIST at its dist/ (a profile of the release build itself shows wasm functions by number).
// Usage: [DIST=path/to/dist] node scripts/profile-keystroke.mjs [path/to/file.Dockerfile]
// The default file is moby's (../shared/corpus/files/001-*), else the page's default
// example. PW_PORT picks the server's port (default 8105); SAVE_PROFILE=FILE writes the
// profile (Chrome DevTools' .cpuprofile format).
import { mobyFile, withPlayground } from './measure-browser.mjs';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.DIST || join(root, 'dist');
const port = Number(process.env.PW_PORT || 8105);
const KEYS = 60;
const IDLE = /^\((idle|program|garbage collector|root)\)$/;

/** A sample's stack, leaf first, as function names. */
function stacks(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const name = (n) => n.callFrame.functionName || `(anonymous ${n.callFrame.url.split('/').pop()})`;
  return (id) => {
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) stack.push(name(byId.get(at)));
    return stack;
  };
}

/** Per function name: time of its own, and time with its callees (a recursive function
 * counted once per sample), in ms. */
function byFunction(profile) {
  const stackOf = stacks(profile);
  const self = new Map();
  const total = new Map();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] || 0) / 1000;
    const stack = stackOf(id);
    self.set(stack[0], (self.get(stack[0]) || 0) + ms);
    for (const n of new Set(stack)) total.set(n, (total.get(n) || 0) + ms);
  });
  return { self, total };
}

/** The page's own time per key, split by the task it ran in: the key's (from the `input`
 * listener to the render it schedules) and the worker answer's (its decoding and the render
 * that shows it), as ms summed over the keys, by the leaf function and its two callers. A
 * sample is given to the last listener seen on its stack; Yew's renders (microtasks of the
 * same task) carry no listener of their own and follow the one before them. */
function byTask(profile) {
  const stackOf = stacks(profile);
  const tasks = { key: new Map(), answer: new Map() };
  const totals = { key: 0, answer: 0 };
  let task = null;
  let lastBusy = 0;
  let t = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] || 0) / 1000;
    t += ms;
    const stack = stackOf(id);
    if (IDLE.test(stack[0])) {
      // A pause ends the task (microtasks run right after their task, without one).
      if (t - lastBusy > 1) task = null;
      return;
    }
    lastBusy = t;
    const all = stack.join(' ');
    if (/add_listener::\{\{closure\}\}/.test(all)) task = 'key';
    else if (/worker::wasm::(spawn|decode_then)/.test(all)) task = 'answer';
    if (!task) return;
    totals[task] += ms;
    const where = stack.slice(0, 3).map((f) => f.replace(/::h[0-9a-f]{16}$/, '')).join(' < ');
    tasks[task].set(where, (tasks[task].get(where) || 0) + ms);
  });
  return { tasks, totals };
}

function print(title, times, count) {
  console.log(title);
  [...times]
    .filter(([n]) => !IDLE.test(n))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .forEach(([n, ms]) => console.log(`${ms.toFixed(1).padStart(8)}  ${n.replace(/::h[0-9a-f]{16}$/, '').slice(0, 130)}`));
}

async function main() {
  const file = process.argv[2] || mobyFile(root);
  await withPlayground(dist, port, file, async (ctx, page) => {
    await page.locator('#dockerfile').focus();
    await page.keyboard.press('Control+End');
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
    for (let i = 0; i < KEYS; i++) {
      await page.keyboard.type(i % 5 === 4 ? '\n' : 'x');
      await page.waitForTimeout(80);
    }
    const { profile } = await cdp.send('Profiler.stop');
    if (process.env.SAVE_PROFILE) writeFileSync(process.env.SAVE_PROFILE, JSON.stringify(profile));
    const { self, total } = byFunction(profile);
    console.log(`${KEYS} keys into ${file || 'the default example'}; ms summed over the keys`);
    print('time of its own:', self, 40);
    print('time with its callees:', total, 50);
    const { tasks, totals } = byTask(profile);
    if (totals.key === 0 && totals.answer === 0) {
      console.log("no split by task: this build names no wasm function (see this script's header)");
      return;
    }
    for (const [task, title] of [['key', "the key's task"], ['answer', "the answer's task"]]) {
      print(`${title}: ${totals[task].toFixed(1)} ms, ${(totals[task] / KEYS).toFixed(2)} ms a key; by function and its two callers:`, tasks[task], 20);
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
