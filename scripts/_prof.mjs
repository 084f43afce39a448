import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
const port = 8098;
const srv = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', 'dist'], { stdio: 'ignore' });
await new Promise(r => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--headless=new'] });
const text = readFileSync(process.argv[2], 'utf8');
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForSelector('svg.stage-graph [data-stage]');
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const t = await page.evaluate(async (text) => {
  const ta = document.querySelector('#dockerfile');
  const t0 = performance.now();
  ta.value = text; ta.dispatchEvent(new Event('input', { bubbles: true }));
  const start = performance.now();
  while (performance.now() - start < 60000) {
    await new Promise(r => requestAnimationFrame(() => r()));
    const n = document.querySelectorAll('svg.stage-graph [data-stage]').length;
    if (n !== 2) return performance.now() - t0;
  }
  return -1;
}, text);
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas; let total = 0;
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`; self.set(k, (self.get(k) || 0) + (dt[i] || 0)); total += dt[i] || 0; });
console.log('done ms', t, 'profiled ms', total / 1000);
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, v]) => console.log((v / 1000).toFixed(1).padStart(8), k));
await browser.close(); srv.kill();
