// What the measuring scripts share: a static server over dist/ and Debian's headless
// Chromium (never a downloaded browser), with the flags that keep it off the network (see playwright.config.ts).
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';

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
