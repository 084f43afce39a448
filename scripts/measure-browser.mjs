// What the measuring scripts share: a static server over dist/ and Debian's headless
// Chromium (never a downloaded browser), with the flags that keep it off the network (see playwright.config.ts).
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** moby's Dockerfile from the shared corpus beside the repository `root`, when it is there;
 * else null (the scripts then use the page's default example). */
export function mobyFile(root) {
  const dir = join(root, '..', 'shared', 'corpus', 'files');
  if (!existsSync(dir)) return null;
  const name = readdirSync(dir).find((n) => n.startsWith('001-'));
  return name ? join(dir, name) : null;
}

/** A new page of `ctx` with the playground served on `port`, its text replaced by `text`
 * (when given) as a paste would, then `warm` ms for the worker's idle-time warm-up (as
 * measure.mjs). */
export async function openWithText(ctx, port, text, warm = 2500) {
  const page = await ctx.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector('svg.stage-graph [data-stage]');
  if (text) {
    await page.evaluate((t) => {
      const ta = document.querySelector('#dockerfile');
      ta.value = t;
      ta.dispatchEvent(new InputEvent('input', { bubbles: true }));
    }, text);
  }
  await page.waitForTimeout(warm);
  return page;
}

/** Serves `dist` on 127.0.0.1:`port` and launches Chromium; `close()` stops both. */
export async function startBrowser(dist, port) {
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dist], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 800));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    browser,
    async close() {
      await browser.close();
      server.kill();
    },
  };
}

/** Serves `dist`, opens the playground with `file`'s text (the default example when
 * `file` is null) in a 1400 × 860 window, runs `fn(ctx, page)` and closes everything. */
export async function withPlayground(dist, port, file, fn) {
  const { browser, close } = await startBrowser(dist, port);
  try {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const text = file ? readFileSync(file, 'utf8') : null;
    return await fn(ctx, await openWithText(ctx, port, text));
  } finally {
    await close();
  }
}

/** A new page of `ctx` holding only a textarea `#bare` with `text` and the same font, size
 * and padding as the editor of `page` (grown to its text, as the editor's is): the browser's
 * own share of a keystroke, for reference. */
export async function bareTextarea(ctx, page, text) {
  const style = await page.locator('#dockerfile').evaluate((ta) => {
    const c = getComputedStyle(ta);
    return `font:${c.font};letter-spacing:${c.letterSpacing};tab-size:${c.tabSize};padding:${c.padding};width:${c.width};white-space:pre;overflow:hidden;border:0;resize:none`;
  });
  const bare = await ctx.newPage();
  await bare.setContent(`<!doctype html><body style="margin:0"><div style="height:100vh;overflow:auto"><textarea id="bare" spellcheck="false" style="${style}"></textarea></div>`);
  await bare.evaluate((t) => {
    const ta = document.querySelector('#bare');
    ta.value = t;
    ta.style.height = `${ta.scrollHeight}px`;
  }, text);
  return bare;
}
