// Hostile characters end to end in Chromium (issue 17): a COPY path holding U+FFFE and
// U+0001 still exports a well-formed SVG, a non-empty PNG and DOT that Graphviz renders to
// well-formed SVG; bidirectional controls show as visible markers in the graph, the file
// tree and the editor (which stays aligned with its textarea); an embed's `view=` list of
// 300,000 words is cut to a one-line note, and embed.js reads a bounded `data-view`.
import { test, expect, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { exported, openWithoutContext } from './page';

// U+FFFE is not an XML character and U+0001 is a C0 control: a raw one in the SVG made it
// unparsable, and the PNG export, which draws that SVG, silently produced nothing.
// The path is both the COPY edge's label (its source) and a file of the final image.
const NONCHAR_FILE = [
  'FROM alpine AS build',
  'RUN echo hi > /o/a\uFFFEb\u0001c',
  'FROM alpine',
  'COPY --from=build /o/a\uFFFEb\u0001c /app/',
  '',
].join('\n');

// U+202E (RIGHT-TO-LEFT OVERRIDE) shows `/out/\u202Egpj.exe` as `/out/exe.jpg`; the COPY
// edge's label names the source path, the file tree the copy in /app/.
const BIDI_FILE = [
  'FROM alpine AS build',
  'RUN echo hi > /o/\u202Egpj.exe',
  'FROM alpine',
  'COPY --from=build /o/\u202Egpj.exe /app/',
  '',
].join('\n');

/** Parses `text` as SVG in the page: the parser error, if any, and whether it draws. */
async function parseSvg(page: Page, text: string) {
  return page.evaluate(async (svg) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const error = doc.querySelector('parsererror')?.textContent ?? null;
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    const drawn = await img.decode().then(() => img.naturalWidth, () => 0);
    return { error, drawn };
  }, text);
}

test('a path with U+FFFE and U+0001 exports well-formed SVG, a PNG and Graphviz-safe DOT', async ({ page }) => {
  await openWithoutContext(page, NONCHAR_FILE, 2);
  const svg = (await exported(page, 'svg')).toString('utf8');
  expect(svg).not.toMatch(/[\u0001\uFFFE]/);
  const parsed = await parseSvg(page, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.drawn).toBeGreaterThan(50);

  const png = await exported(page, 'png');
  expect(png.length).toBeGreaterThan(1000);
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.readUInt32BE(16)).toBeGreaterThan(100);

  const dot = (await exported(page, 'dot')).toString('utf8');
  expect(dot).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\uFFFE\uFFFF]/);
  const rendered = execFileSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
  const fromDot = await parseSvg(page, rendered);
  expect(fromDot.error).toBeNull();
});

test('a bidi override shows as a visible marker in the graph, the file tree and the editor', async ({ page }) => {
  await openWithoutContext(page, BIDI_FILE, 2);
  // The graph's edge label names it in a styled tspan.
  const mark = page.locator('svg.stage-graph .sp-label .bidi-mark');
  await expect(mark.first()).toHaveText('<U+202E>');
  const labels = await page.locator('svg.stage-graph .sp-label').allTextContents();
  expect(labels.join(' ')).not.toContain('\u202E');

  // The final image's file tree names it too.
  await page.locator('#view-files').click();
  await expect(page.locator('.tree-name', { hasText: '<U+202E>gpj.exe' })).toHaveCount(1);

  // The editor keeps the character where the textarea has it, outlined: the underlay's
  // text is the textarea's, character for character.
  const editor = await page.evaluate(() => {
    const span = document.querySelector('.underlay .bidi-mark') as HTMLElement | null;
    const underlay = (document.querySelector('.underlay') as HTMLElement).textContent;
    const area = (document.querySelector('#dockerfile') as HTMLTextAreaElement).value;
    return {
      text: span?.textContent ?? null,
      outline: span ? getComputedStyle(span).outlineStyle : null,
      aligned: underlay === area || underlay === area + '\n' || underlay?.startsWith(area),
    };
  });
  expect(editor.text).toBe('\u202E');
  expect(editor.outline).toBe('solid');
  expect(editor.aligned).toBe(true);
});

test('an embed whose view= lists 300,000 words shows a one-line note and its panes', async ({ page }) => {
  const words = Array.from({ length: 300_000 }, (_, i) => 'w' + i.toString(36)).join(',');
  // The test server refuses a request line this long (414), so the page itself is served
  // from dist/ for this one address: the query only matters to the page's script.
  await page.route((url) => url.search.startsWith('?embed&view='), (route) =>
    route.fulfill({ path: 'dist/index.html', contentType: 'text/html' }));
  await page.goto(`/?embed&view=graph,${words}`);
  const note = page.locator('.embed-note');
  await expect(note).toBeVisible();
  const text = (await note.textContent()) ?? '';
  expect(text.length).toBeLessThan(300);
  expect(text).toContain('w0, w1, w2, and more');
  await expect(page.locator('svg.stage-graph')).toBeVisible();
});

test('embed.js reads a bounded data-view: known panes once each', async ({ page }) => {
  await page.goto('/embed-demo.html');
  const src = await page.evaluate(async () => {
    const pre = document.createElement('pre');
    pre.className = 'stageplay';
    // Valid names first, then 300,000 unknown words and a valid name past the 256 characters
    // that are read.
    const words = Array.from({ length: 300_000 }, (_, i) => 'w' + i.toString(36));
    pre.setAttribute('data-view', ['plan', 'graph', 'plan', ...words, 'files'].join(','));
    pre.textContent = 'FROM alpine\n';
    document.body.replaceChildren(pre);
    const frames = await (window as any).Stageplay.embedAll();
    return frames[0].getAttribute('src');
  });
  expect(new URL(src).search).toBe('?embed&view=plan,graph');
});
