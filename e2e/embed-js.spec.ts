// embed.js: every <pre class="stageplay"> on a docs page becomes a sandboxed Stageplay iframe
// whose URL carries the block's Dockerfile and options.
import { test, expect } from '@playwright/test';
import { inflateRawSync } from 'node:zlib';

// Decodes a `#v1.` fragment with Node's own inflater: an independent check of the format.
function decodeFragment(url: string): Record<string, string> {
  const hash = new URL(url).hash;
  expect(hash.startsWith('#v1.')).toBe(true);
  const b64 = hash.slice(4).replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(inflateRawSync(Buffer.from(b64, 'base64')).toString('utf8'));
}

test('the demo page turns each <pre class="stageplay"> into an iframe', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('/embed-demo.html');
  const frames = page.locator('iframe.stageplay-embed');
  await expect(frames).toHaveCount(2);
  await expect(page.locator('pre.stageplay')).toHaveCount(0);

  const first = await frames.nth(0).getAttribute('src');
  const firstUrl = new URL(first!);
  expect(firstUrl.search).toBe('?embed');
  expect(firstUrl.pathname).toBe('/');
  const state = decodeFragment(first!);
  expect(state.dockerfile.startsWith('FROM golang:1.16 AS build\nWORKDIR')).toBe(true);
  expect(state.dockerfile.endsWith('CMD ["./app"]\n')).toBe(true);
  expect(state.target).toBeUndefined();

  const second = await frames.nth(1).getAttribute('src');
  expect(new URL(second!).search).toBe('?embed&view=graph,plan&readonly&theme=dark');
  const s2 = decodeFragment(second!);
  expect(s2.target).toBe('test');
  expect(s2.dockerfile).toContain('FROM deps AS test\n');
  await expect(frames.nth(1)).toHaveAttribute('sandbox', /allow-scripts/);
  expect(await frames.nth(1).getAttribute('sandbox')).not.toContain('allow-top-navigation');
  expect(await frames.nth(1).evaluate((f) => (f as HTMLIFrameElement).style.height)).toBe('360px');

  // No request leaves the site.
  for (const r of requests) expect(new URL(r).host).toBe(new URL(page.url()).host);
});

test('embed.js escapes nothing into HTML and uses stored blocks without CompressionStream', async ({ page }) => {
  await page.goto('/embed-demo.html');
  const src = await page.evaluate(async () => {
    document.body.innerHTML = '<pre class="stageplay" data-view="problems,bogus,editor" data-builder="legacy">FROM alpine\nRUN echo "&lt;img src=x onerror=alert(1)&gt;"\n</pre>';
    (window as any).CompressionStream = undefined;
    const frames = await (window as any).Stageplay.embedAll();
    return frames[0].getAttribute('src');
  });
  expect(new URL(src).search).toBe('?embed&view=problems,editor');
  const s = decodeFragment(src);
  expect(s).toEqual({
    dockerfile: 'FROM alpine\nRUN echo "<img src=x onerror=alert(1)>"\n',
    builder: 'legacy',
    view: 'problems',
  });
  await expect(page.locator('img')).toHaveCount(0);
});
