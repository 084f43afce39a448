import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
const port = 8099;
const srv = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', 'dist'], { stdio: 'ignore' });
await new Promise(r => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--headless=new'] });
const text = readFileSync(process.argv[2], 'utf8');
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForSelector('svg.stage-graph [data-stage]');
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
const t = await page.evaluate(async (text) => {
  const ta = document.querySelector('#dockerfile');
  const t0 = performance.now();
  ta.value = text; ta.dispatchEvent(new Event('input', { bubbles: true }));
  const start = performance.now();
  while (performance.now() - start < 60000) {
    await new Promise(r => requestAnimationFrame(() => r()));
    const n = document.querySelectorAll('svg.stage-graph [data-stage]').length;
    if (n !== 2) { await new Promise(r => requestAnimationFrame(() => r())); return performance.now() - t0; }
  }
  return -1;
}, text);
const buf = await browser.stopTracing();
const ev = JSON.parse(buf.toString()).traceEvents;
const agg = new Map(); const big = [];
for (const e of ev) { if (e.ph !== 'X' || !e.dur) continue; agg.set(e.name, (agg.get(e.name) || 0) + e.dur); if (e.dur > 100000) big.push([e.name, (e.dur/1000).toFixed(0)]); }
console.log('done', t);
[...agg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14).forEach(([k, v]) => console.log((v / 1000).toFixed(1).padStart(8), k));
console.log('events > 100 ms:', JSON.stringify(big.slice(0, 30)));
await browser.close(); srv.kill();
