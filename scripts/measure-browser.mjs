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
