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
  // Two <pre class="stageplay">, one heredoc, one Markdown block; the click-to-load block
  // waits behind its placeholder.
  await expect(frames).toHaveCount(4);
  await expect(page.locator('pre.stageplay')).toHaveCount(0);
  await expect(page.locator('.stageplay-placeholder figure.stageplay-fallback svg')).toBeVisible();

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
  // Sized by its content (a default height until the embed reports it), unless data-height.
  expect(await frames.nth(1).evaluate((f) => (f as HTMLIFrameElement).style.height)).not.toBe('640px');
  expect(await frames.nth(2).evaluate((f) => (f as HTMLIFrameElement).style.height)).toBe('640px');

  // The heredoc, written with &lt; in the HTML, arrives whole.
  const heredoc = decodeFragment((await frames.nth(2).getAttribute('src'))!);
  expect(heredoc.dockerfile).toContain('RUN <<EOF\npip install -r requirements.txt\necho "ready" > /app/state\nEOF\n');
  expect(heredoc.builder).toBe('legacy');
  expect(heredoc.context).toBe('app.py\nrequirements.txt');
  const markdown = decodeFragment((await frames.nth(3).getAttribute('src'))!);
  expect(markdown.dockerfile.startsWith('FROM python:3.12 AS builder\n')).toBe(true);
  expect(markdown.target).toBe('builder');
  await page.locator('.stageplay-placeholder button.stageplay-load').click();
  await expect(frames).toHaveCount(5);
  await expect(page.locator('figure.stageplay-fallback')).toHaveCount(0);

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

test('embed.js refuses non-http bases and drops allow-same-origin for other same-origin pages', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await page.goto('/embed-demo.html');
  const result = await page.evaluate(async () => {
    document.body.innerHTML = [
      '<pre class="stageplay" data-base="javascript:alert(document.domain)//">FROM alpine</pre>',
      '<pre class="stageplay" data-base=" JavaScript:alert(1)">FROM alpine</pre>',
      '<pre class="stageplay" data-base="data:text/html,<script>alert(1)</script>">FROM alpine</pre>',
      '<pre class="stageplay" data-base="/uploads/">FROM alpine</pre>',
      '<pre class="stageplay" data-base="https://stageplay.example/play/">FROM alpine</pre>',
      '<pre class="stageplay">FROM alpine</pre>',
    ].join('');
    const frames = await (window as any).Stageplay.embedAll();
    return {
      made: frames.map((f: HTMLIFrameElement | null) => (f ? [f.getAttribute('src')!.split('#')[0], f.getAttribute('sandbox')] : null)),
      errors: Array.from(document.querySelectorAll('pre.stageplay')).map((p) => p.getAttribute('data-stageplay-error')),
    };
  });
  const origin = new URL(page.url()).origin;
  expect(result.made.slice(0, 3)).toEqual([null, null, null]);
  expect(result.errors).toEqual(['data-base must be an http(s) URL', 'data-base must be an http(s) URL', 'data-base must be an http(s) URL']);
  // Same origin, not the Stageplay page next to embed.js: scripts but no allow-same-origin.
  expect(result.made[3]![0]).toBe(`${origin}/uploads/?embed`);
  expect(result.made[3]![1]).toBe('allow-scripts allow-popups allow-popups-to-escape-sandbox');
  // Another origin cannot reach the host's: allow-same-origin lets the page load its wasm.
  expect(result.made[4]![0]).toBe('https://stageplay.example/play/?embed');
  expect(result.made[4]![1]).toContain('allow-same-origin');
  // The page next to embed.js, which the author chose with the <script> element.
  expect(result.made[5]![0]).toBe(`${origin}/?embed`);
  expect(result.made[5]![1]).toContain('allow-same-origin');
  await expect(page.locator('iframe[src^="javascript"], iframe[src^="data"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
