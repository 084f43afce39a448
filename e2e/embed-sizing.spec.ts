// embed.js on a docs page: embeds that size themselves to their content (and ignore forged
// height messages), follow the page's dark mode, and Markdown code blocks that opt in with a
// `# stageplay:` first line; run() is safe to call again; click-to-load placeholders.
import { test, expect, Page, Frame, Locator } from '@playwright/test';
import { inflateRawSync } from 'node:zlib';
import { settled } from './page';

function decodeFragment(url: string): Record<string, string> {
  const b64 = new URL(url).hash.slice(4).replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(inflateRawSync(Buffer.from(b64, 'base64')).toString('utf8'));
}

const GO = 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM build AS test\nRUN go test ./...\nFROM scratch\nCOPY --from=build /app /app\n';

/** Serves `body` as a docs page (with embed.js from the site root, next to Stageplay) and
 *  collects console errors and warnings. */
async function docsPage(page: Page, body: string, script = '<script src="/embed.js"></script>') {
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs</title>
    <style>*, *::before, *::after { box-sizing: border-box; } body { max-width: 760px; margin: 0 auto; }</style>
    </head><body><h1>Docs</h1>${body}${script}</body></html>`;
  await page.route('**/docs/page.html', (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await page.goto('/docs/page.html');
  return { errors, warnings };
}

/** Scrolls `frame` into view (they load lazily), waits for its embed to report a height,
 *  and returns the frame's content. */
async function loaded(page: Page, frame: Locator): Promise<Frame> {
  await frame.scrollIntoViewIfNeeded();
  await expect(frame).toHaveAttribute('data-stageplay-height', /^\d+$/);
  return (await (await frame.elementHandle())!.contentFrame())!;
}

/** The iframe's height, its content's height, and whether the content scrolls inside it. */
async function fit(frame: Locator, content: Frame) {
  const outer = await frame.evaluate((f) => f.getBoundingClientRect().height - 2);
  const inner = await content.evaluate(() => ({
    // The bottom of the last part of the content: what the content needs, whatever the
    // frame's height (a min-height would stretch .app.embed itself to the frame).
    app: document.querySelector('.app.embed > main')!.getBoundingClientRect().bottom,
    scrolls: document.documentElement.scrollHeight > document.documentElement.clientHeight + 1,
  }));
  return { outer, ...inner };
}

test('embeds size themselves to their content and show every requested pane', async ({ page }) => {
  const seen = await docsPage(page, `
    <pre class="stageplay" data-view="editor,graph,plan" data-target="test">${GO}</pre>
    <pre><code class="language-dockerfile"># stageplay: target=build view=graph,plan
${GO}</code></pre>
    <pre class="stageplay" data-height="300">${GO}</pre>`);
  const frames = page.locator('iframe.stageplay-embed');
  await expect(frames).toHaveCount(3);
  for (const i of [0, 1]) {
    const frame = frames.nth(i);
    expect(await frame.getAttribute('loading')).toBe('lazy');
    expect(await frame.getAttribute('title')).toMatch(/^Stageplay playground: target /);
    const content = await loaded(page, frame);
    await expect(content.locator('[data-pane="graph"] svg.stage-graph [data-stage]')).toHaveCount(3);
    // The embed settles at its content's height: no scrollbar inside, every pane in view.
    await expect.poll(async () => {
      const f = await fit(frame, content);
      return Math.abs(f.outer - f.app) <= 3 && !f.scrolls;
    }).toBe(true);
    const panes = content.locator('[data-pane]');
    const n = await panes.count();
    expect(n).toBe(i === 0 ? 3 : 2);
    const frameHeight = await frame.evaluate((f) => f.clientHeight);
    for (let p = 0; p < n; p++) {
      const box = await panes.nth(p).evaluate((e) => e.getBoundingClientRect().bottom);
      expect(box).toBeLessThanOrEqual(frameHeight);
    }
    // The embed's content, not the frame, sets the height: content that shrinks (a pane
    // gone) shrinks the frame, even below the height it started with.
    const last = await panes.nth(n - 1).evaluate((e) => e.getBoundingClientRect().height);
    await panes.nth(n - 1).evaluate((e) => e.remove());
    await expect.poll(() => frame.evaluate((f) => f.clientHeight)).toBeLessThan(frameHeight - last + 4);
  }
  // data-height fixes the height.
  const fixed = frames.nth(2);
  await fixed.scrollIntoViewIfNeeded();
  const fixedContent = (await (await fixed.elementHandle())!.contentFrame())!;
  await expect(fixedContent.locator('svg.stage-graph [data-stage]')).toHaveCount(3);
  expect(await fixed.evaluate((f) => f.style.height)).toBe('300px');
  expect(await fixed.getAttribute('data-stageplay-height')).toBeNull();
  expect(seen.errors).toEqual([]);
  await page.screenshot({ path: 'e2e/output/embed-sizing.png', fullPage: true });
});

test('only a finite height from the embed\'s own window is used, clamped', async ({ page }) => {
  await docsPage(page, `<pre class="stageplay" data-view="graph">${GO}</pre><iframe id="other" srcdoc="<p>other</p>"></iframe>`);
  const frame = page.locator('iframe.stageplay-embed');
  const content = await loaded(page, frame);
  // The embed posts its height again while its content settles (its graph drawn once the
  // first analysis has come): wait for that, so that every later height is one sent here.
  await expect(content.locator('svg.stage-graph [data-stage]').first()).toBeVisible();
  await settled(content);
  let last: string | null = '';
  await expect.poll(async () => {
    const now = await frame.getAttribute('data-stageplay-height');
    const same = now === last;
    last = now;
    return same;
  }, { intervals: [300, 300, 300] }).toBe(true);
  // Every height embed.js sets from here on, in order.
  await frame.evaluate((f) => {
    (window as any).heights = [];
    // Each record's old value, so that two changes seen in one callback are both counted.
    new MutationObserver((records) => records.forEach((r) => (window as any).heights.push(r.oldValue)))
      .observe(f, { attributes: true, attributeFilter: ['data-stageplay-height'], attributeOldValue: true });
  });
  // The values set: each change's old value was the value before it.
  const heights = () => frame.evaluate((f) => [...(window as any).heights.slice(1), f.getAttribute('data-stageplay-height')]);
  // From the docs page itself, from another frame, and forged payloads from the embed; then
  // one valid height from the embed, which is the first and only one used.
  await page.evaluate(() => window.postMessage({ stageplay: 'height', height: 5000 }, '*'));
  await page.evaluate(() => {
    const other = document.getElementById('other') as HTMLIFrameElement;
    other.contentWindow!.eval('parent.postMessage({ stageplay: "height", height: 4321 }, "*")');
  });
  await content.evaluate(() => {
    for (const h of [NaN, Infinity, '5000', null, [5000]]) parent.postMessage({ stageplay: 'height', height: h }, '*');
    parent.postMessage({ height: 5000 }, '*');
    parent.postMessage({ stageplay: 'height', height: 777 }, '*');
  });
  await expect.poll(heights).toEqual(['777']);
  // Out of range: clamped.
  await content.evaluate(() => parent.postMessage({ stageplay: 'height', height: 1e9 }, '*'));
  await expect.poll(heights).toEqual(['777', '10000']);
  expect(await frame.evaluate((f) => f.style.height)).toBe('10000px');
});

test('embeds follow the docs page\'s theme, and the page accepts it only from its parent', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await docsPage(page, `<pre class="stageplay" data-view="graph">${GO}</pre><pre class="stageplay" data-view="graph" data-theme="light">${GO}</pre>`);
  const frames = page.locator('iframe.stageplay-embed');
  const follows = await loaded(page, frames.nth(0));
  const fixed = await loaded(page, frames.nth(1));
  const theme = (f: Frame) => f.evaluate(() => document.documentElement.getAttribute('data-theme'));
  await expect.poll(() => theme(follows)).toBe('system');

  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await expect.poll(() => theme(follows)).toBe('dark');
  await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
  await page.evaluate(() => document.body.setAttribute('data-md-color-scheme', 'default'));
  await expect.poll(() => theme(follows)).toBe('light');
  await page.evaluate(() => document.body.setAttribute('data-md-color-scheme', 'slate'));
  await expect.poll(() => theme(follows)).toBe('dark');
  // mdBook's theme classes on <html>: light and rust are light; coal, navy and ayu dark.
  await page.evaluate(() => { document.body.removeAttribute('data-md-color-scheme'); document.documentElement.className = 'light'; });
  await expect.poll(() => theme(follows)).toBe('light');
  await page.evaluate(() => { document.documentElement.className = 'navy'; });
  await expect.poll(() => theme(follows)).toBe('dark');
  // A block with its own theme keeps it.
  expect(await theme(fixed)).toBe('light');

  // Not from the parent, or not a theme: ignored.
  await follows.evaluate(() => window.postMessage({ stageplay: 'theme', theme: 'light' }, '*'));
  await page.evaluate(() => {
    const f = document.querySelector('iframe.stageplay-embed') as HTMLIFrameElement;
    f.contentWindow!.postMessage({ stageplay: 'theme', theme: '<b>light</b>' }, '*');
    f.contentWindow!.postMessage({ stageplay: 'theme', theme: 'Light' }, '*');
    f.contentWindow!.postMessage('light', '*');
    f.contentWindow!.postMessage({ stageplay: 'theme', theme: 'system' }, '*');
  });
  // The last message is valid: once it is applied, the ones before it were not.
  await expect.poll(() => theme(follows)).toBe('system');
});

test('Markdown blocks opt in with a first-line comment, and run() is safe to call again', async ({ page }) => {
  const seen = await docsPage(page, `
    <pre><code class="language-dockerfile"># stageplay: target=builder view=graph,plan theme=dark colour=red height=12
FROM python:3.12 AS builder
RUN pip wheel -w /wheels .
FROM python:3.12-slim
COPY --from=builder /wheels /wheels
</code></pre>
    <figure class="stageplay-fallback" id="fallback"><svg></svg></figure>
    <pre><code class="language-dockerfile">FROM alpine
RUN echo not opted in
</code></pre>
    <div class="language-dockerfile highlight" id="wrapped"><pre><span></span><code><span class="c"># stageplay: view=editor</span>
FROM alpine AS base
RUN cat &lt;&lt;EOF &gt; /x
hello
EOF
</code></pre></div>`);
  const frames = page.locator('iframe.stageplay-embed');
  await expect(frames).toHaveCount(2);
  const first = decodeFragment((await frames.nth(0).getAttribute('src'))!);
  expect(first.dockerfile.startsWith('FROM python:3.12 AS builder\n')).toBe(true);
  expect(first.target).toBe('builder');
  expect(new URL((await frames.nth(0).getAttribute('src'))!).search).toBe('?embed&view=graph,plan&theme=dark');
  // The invalid height and the unknown key were ignored, each with a warning.
  expect(await frames.nth(0).evaluate((f) => f.style.height)).not.toBe('12px');
  expect(seen.warnings.some((w) => w.includes('unknown option "colour"'))).toBe(true);
  expect(seen.warnings.some((w) => w.includes('height=12'))).toBe(true);
  // The fallback figure went with its block; the block without the comment stayed.
  await expect(page.locator('#fallback')).toHaveCount(0);
  await expect(page.locator('pre > code.language-dockerfile')).toHaveText(/not opted in/);
  // Material's wrapper is replaced whole, and the heredoc arrives intact.
  await expect(page.locator('#wrapped')).toHaveCount(0);
  const second = decodeFragment((await frames.nth(1).getAttribute('src'))!);
  expect(second.dockerfile).toBe('FROM alpine AS base\nRUN cat <<EOF > /x\nhello\nEOF\n');
  const content = await loaded(page, frames.nth(1));
  await expect(content.locator('#dockerfile')).toHaveValue(second.dockerfile);

  // Again: nothing new.
  const again = await page.evaluate(() => (window as any).Stageplay.run());
  expect(again.filter((x: unknown) => x !== null)).toEqual([]);
  await expect(frames).toHaveCount(2);
  expect(seen.errors).toEqual([]);
});

test('data-manual waits for run(), and load=click shows the fallback graph until clicked', async ({ page }) => {
  await docsPage(page, `
    <pre><code class="language-dockerfile"># stageplay: load=click view=graph
${GO}</code></pre>
    <figure class="stageplay-fallback" id="fallback"><svg width="40" height="20"><rect width="40" height="20"/></svg></figure>
    <pre class="stageplay" data-load="click" id="plain">FROM alpine
</pre>`, '<script src="/embed.js" data-manual></script>');
  await expect(page.locator('.stageplay-placeholder')).toHaveCount(0);
  await page.evaluate(() => (window as any).Stageplay.run());
  const boxes = page.locator('.stageplay-placeholder');
  await expect(boxes).toHaveCount(2);
  await expect(boxes.nth(0).locator('#fallback svg')).toBeVisible();
  await expect(boxes.nth(1).locator('pre')).toHaveText('FROM alpine\n');
  await expect(page.locator('iframe')).toHaveCount(0);
  await boxes.nth(0).locator('button.stageplay-load').click();
  const frame = page.locator('iframe.stageplay-embed');
  await expect(frame).toHaveCount(1);
  const content = await loaded(page, frame);
  await expect(content.locator('svg.stage-graph [data-stage]')).toHaveCount(3);
  await expect(page.locator('#fallback')).toHaveCount(0);
});

test('data-isolate sandboxes every embed without allow-same-origin, for a host that sends CORS headers', async ({ page, baseURL }) => {
  // Stageplay's files as a host with `Access-Control-Allow-Origin: *` serves them.
  await page.context().route(`${baseURL}/**`, async (route) => {
    if (new URL(route.request().url()).pathname === '/docs/page.html') return route.fallback();
    const response = await route.fetch();
    return route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
  });
  const seen = await docsPage(page, `<pre class="stageplay" data-view="editor,graph">${GO}</pre>`,
    '<script src="/embed.js" data-isolate></script>');
  const frame = page.locator('iframe.stageplay-embed');
  expect(await frame.getAttribute('sandbox')).toBe('allow-scripts allow-popups allow-popups-to-escape-sandbox');
  const content = await loaded(page, frame);
  await expect(content.locator('svg.stage-graph [data-stage]')).toHaveCount(3);
  await expect.poll(async () => {
    const f = await fit(frame, content);
    return Math.abs(f.outer - f.app) <= 3 && !f.scrolls;
  }).toBe(true);
  // An opaque origin: the docs page cannot reach into it, nor it into the docs page.
  expect(await frame.evaluate((f) => (f as HTMLIFrameElement).contentDocument)).toBeNull();
  expect(await content.evaluate(() => { try { return parent.document.title; } catch { return 'blocked'; } })).toBe('blocked');
  // The Open link still points at the page, and the theme still follows.
  expect((await content.locator('#embed-open').getAttribute('href'))!.startsWith(`${baseURL}/#v1.`)).toBe(true);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await expect.poll(() => content.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBe('dark');
  expect(seen.errors).toEqual([]);
});
