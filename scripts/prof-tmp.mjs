import { startBrowser } from './measure-browser.mjs';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
const dist = process.env.DIST; const port = 8111;
const file = '/work/shared/corpus/files/' + readdirSync('/work/shared/corpus/files').find((n) => n.startsWith('001-'));
const { browser, close } = await startBrowser(dist, port);
try {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const page = await ctx.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector('svg.stage-graph [data-stage]');
  const text = readFileSync(file, 'utf8');
  await page.evaluate((t) => { const ta = document.querySelector('#dockerfile'); ta.value = t; ta.dispatchEvent(new InputEvent('input', { bubbles: true })); }, text);
  await page.waitForTimeout(2500);
  await page.locator('#dockerfile').focus();
  await page.keyboard.press('Control+End');
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < 60; i++) { await page.keyboard.type(i % 5 === 4 ? '\n' : 'x'); await page.waitForTimeout(80); }
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync('/tmp/kq/prof.json', JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map(); for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const self = new Map(), total = new Map();
  const dt = profile.timeDeltas; let i = 0;
  for (const s of profile.samples) {
    const d = (dt[i++] || 0) / 1000;
    const n = byId.get(s); const name = n.callFrame.functionName || '(anon ' + n.callFrame.url.slice(-20) + ')';
    self.set(name, (self.get(name) || 0) + d);
    const seen = new Set(); let id = s;
    while (id !== undefined) { const nn = byId.get(id); const nm = nn.callFrame.functionName || '(anon)'; if (!seen.has(nm)) { seen.add(nm); total.set(nm, (total.get(nm) || 0) + d); } id = parent.get(id); }
  }
  const top = (m, k) => [...m].filter(([n]) => !/^\((idle|program|garbage collector|root)\)$/.test(n)).sort((a, b) => b[1] - a[1]).slice(0, k);
  console.log('== self (ms over 60 keys)'); for (const [n, v] of top(self, 45)) console.log(v.toFixed(1).padStart(7), n.slice(0, 120));
  console.log('== total'); for (const [n, v] of top(total, 60)) console.log(v.toFixed(1).padStart(7), n.slice(0, 120));
} finally { await close(); }
