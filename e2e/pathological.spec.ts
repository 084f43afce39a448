// The pathological inputs of docs/reliability.md, pasted into the real page, where the analysis runs as
// wasm with its small stack: each must be analysed without a panic or a stack overflow
// (either would kill the page), and the page must still work afterwards.
import { test, expect, Page } from '@playwright/test';
import { settled } from './page';

function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

const stageNodes = (page: Page) => page.locator('svg.stage-graph [data-stage]');

/** Pastes `text` into the editor as a person does: a paste event carrying the text. The
 * page takes a paste too large to edit itself (src/ui/components/editor/mod.rs `onpaste`) and says so by
 * cancelling the event; otherwise the textarea would insert it, which a synthetic paste
 * does not do, so the text is set and the input event fired as the browser would.
 * (Playwright's `fill` gives up on megabytes of text before the page has handled them.)
 * Returns whether the page took the paste itself. */
async function paste(page: Page, text: string): Promise<boolean> {
  await page.evaluate((t) => {
    (window as any).pasteData = new DataTransfer();
    (window as any).pasteData.setData('text/plain', t);
  }, text);
  return page.evaluate(() => {
    const ta = document.querySelector('#dockerfile') as HTMLTextAreaElement;
    ta.focus();
    ta.select();
    const data = (window as any).pasteData as DataTransfer;
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    if (ta.dispatchEvent(event)) {
      ta.value = data.getData('text/plain');
      ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      return false;
    }
    return true;
  });
}

/** After the big input: a small file must still analyse and draw (the wasm is alive). A
 * file too large to edit is shown read-only (src/ui/components/large_text.rs): clear it first. */
async function stillWorks(page: Page) {
  const clear = page.locator('#large-clear');
  if (await clear.count() > 0) {
    await clear.click();
  }
  await paste(page, 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM alpine\nCOPY --from=build /app /app\n');
  await expect(stageNodes(page)).toHaveCount(2);
  await expect(page.locator('svg.stage-graph')).toContainText('build');
}

const cases: [string, () => string, (page: Page) => Promise<void>, boolean][] = [
  ['100 000 continuation lines', () => 'FROM alpine\nRUN echo start \\\n' + '  word \\\n'.repeat(100_000) + '  end\n',
    async (page) => {
      await expect(stageNodes(page)).toHaveCount(1, { timeout: 60_000 });
      // Too many lines to edit: a read-only preview of the first 500, analysed whole.
      await expect(page.locator('.large-note')).toContainText('100003 lines');
      await expect(page.locator('#dockerfile')).toHaveCount(0);
      await expect(page.locator('.large-preview')).toContainText('RUN echo start');
    }, true],
  ['a 10 MB line', () => 'FROM alpine\nRUN echo ' + 'a'.repeat(10_000_000) + '\n',
    async (page) => {
      await expect(stageNodes(page)).toHaveCount(1, { timeout: 60_000 });
      await expect(page.locator('.large-note')).toContainText('10 MB in 2 lines');
      await expect(page.locator('.large-note')).toContainText('not kept as a draft');
    }, true],
  ['10 000 stages', () => Array.from({ length: 10_000 }, (_, i) => `FROM scratch AS s${i}\n`).join(''),
    async (page) => {
      // The page draws at most GRAPH_CAP (300) stages, nearest to the target, and says so.
      await expect(stageNodes(page)).toHaveCount(300, { timeout: 60_000 });
      await expect(page.locator('.graph-capped')).toContainText('draws 300 of 10000 stages');
      await expect(page.locator('svg.stage-graph [data-stage="9999"]')).toHaveCount(1);
      // The target picker lists the first 400 stages and says how many it leaves out.
      await expect(page.locator('#target option')).toHaveCount(402);
      await expect(page.locator('#target option[disabled]')).toHaveText('… 9600 more stages, not listed');
    }, true],
  ['a 30-level exponential ARG chain', () => {
    let s = 'ARG A0=xxxxxxxxxx\n';
    for (let i = 1; i <= 30; i++) s += `ARG A${i}=\${A${i - 1}}\${A${i - 1}}\n`;
    return s + 'FROM alpine:$A30\nARG A30\nENV E=$A30$A30\n';
  }, async (page) => { await expect(stageNodes(page)).toHaveCount(1, { timeout: 60_000 }); }, false],
  // 300 KB: previewed (past 64 KiB), analysed all the same.
  ['50 000 nested substitutions', () => `FROM alpine\nENV X=${'${U:-'.repeat(50_000)}a${'}'.repeat(50_000)}\n`,
    async (page) => { await expect(stageNodes(page)).toHaveCount(1, { timeout: 60_000 }); }, true],
];

for (const [name, make, check, large] of cases) {
  test(`pathological input: ${name}`, async ({ page }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    await page.goto('/');
    await expect(stageNodes(page)).not.toHaveCount(0);
    // A file too large to edit never enters the textarea: laying out and then removing a
    // 10 MB textarea kept Chromium busy for seconds.
    expect(await paste(page, make())).toBe(large);
    await check(page);
    await stillWorks(page);
    expect(errors).toEqual([]);
  });
}

test('a file too large to edit can still be edited on request, and clearing it brings the editor back', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(stageNodes(page)).not.toHaveCount(0);
  const big = 'FROM alpine AS base\n' + 'RUN echo x\n'.repeat(25_000);
  await paste(page, big);
  await expect(page.locator('.large-note')).toContainText('25001 lines');
  await expect(page.locator('#dockerfile')).toHaveCount(0);
  // The analysis used the whole file: the stage has its 25 000 RUN instructions.
  await expect(page.locator('svg.stage-graph')).toContainText('25000 instr.');
  await page.locator('#large-edit').click();
  await expect(page.locator('#dockerfile')).toHaveValue(big);
  await page.locator('#dockerfile').fill('FROM alpine\n');
  // The large text had one stage too: its analysis must be the edit's.
  await settled(page);
  await expect(stageNodes(page)).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('a paste of megabytes is read a slice at a time and arrives whole, a surrogate pair across two slices included', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(stageNodes(page)).not.toHaveCount(0);
  // The page reads 2^20 UTF-16 units a slice (src/ui/browser.rs, `Pasted`): a whale emoji
  // (two units) sits across the first boundary, Hangul and ASCII around it.
  const head = 'FROM alpine AS base\nRUN echo ';
  const before = 'ê'.repeat((1 << 20) - head.length - 1);
  const big = head + before + '🐳' + '한'.repeat(600_000) + '\nRUN echo x\n'.repeat(30_000);
  expect((head + before).length).toBe((1 << 20) - 1);
  expect(await paste(page, big)).toBe(true);
  await expect(page.locator('.large-note')).toContainText('60001 lines');
  await page.locator('#large-edit').click();
  // Compared in the page: the value is megabytes long.
  await expect.poll(() => page.locator('#dockerfile').evaluate((ta, t) => (ta as HTMLTextAreaElement).value === t, big),
    { timeout: 60_000 }).toBe(true);
  expect(errors).toEqual([]);
});

test('a text longer than the browser stores is said to be so, not that the storage is full', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await expect(stageNodes(page)).not.toHaveCount(0);
  // Chromium keeps about 5.2 million UTF-16 units a page (src/page/large_text.rs).
  expect(await paste(page, 'FROM alpine\nRUN echo ' + 'a'.repeat(5_400_000) + '\n')).toBe(true);
  const notice = page.locator('#draft-notice');
  await expect(notice).toContainText('longer than the browser stores');
  await expect(notice).not.toContainText('full or disabled');
  // Clearing the history of drafts would not make room for it: not offered.
  await expect(page.locator('#draft-notice-clear-history')).toHaveCount(0);
  await expect(page.locator('#draft-notice-download')).toBeVisible();
});
