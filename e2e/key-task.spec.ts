// A keystroke analysed in its own task (docs/budgets.md, "Keystroke"): once the page has
// loaded, it holds a copy of the worker's module on its own thread (static/worker.js,
// `stageplayHere`) and analyses a small edit of a text whose last analysis was quick in the
// key's task, so the graph is drawn in the typed character's frame. A key that turns many
// lines into instructions, a paste and a text too large to edit still go to the worker.
import { test, expect, Page } from '@playwright/test';
import { ownCopyLoaded, settled } from './page';

type Seen = { busy: string | null; stages: string[]; textarea: string };

/** Records, once, the page as the next key's own task leaves it (after the page's input
 * handler and its render, before any other task can run: a worker's answer cannot have
 * arrived). */
async function watchKeyTask(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { keyTask?: Seen };
    delete w.keyTask;
    document.querySelector('#dockerfile')!.addEventListener('input', () => queueMicrotask(() => queueMicrotask(() => {
      w.keyTask = {
        busy: document.querySelector('#output-panel')!.getAttribute('aria-busy'),
        stages: [...document.querySelectorAll('svg.stage-graph [data-stage]')].map((n) => n.textContent ?? ''),
        // What the key typed, for the message of a failure.
        textarea: (document.querySelector('#dockerfile') as HTMLTextAreaElement).value.slice(0, 40),
      };
    })), { once: true });
  });
}

const keyTask = (page: Page) => page.evaluate(() => (window as unknown as { keyTask: Seen }).keyTask);

/** Types `key` at the caret until the page analyses it in the key's own task (then
 * returns what that task left), taking each other one back: the page goes by what the last
 * analysis took, and on this 2-core machine a worker's analysis can be slowed by its
 * warm-up or by the other tests; a key analysed here then tells the next one's cost. */
async function keyInItsOwnTask(page: Page, key: string): Promise<Seen> {
  for (let tries = 0; tries < 5; tries++) {
    await watchKeyTask(page);
    await page.keyboard.type(key);
    const seen = await keyTask(page);
    if (seen.busy === null) return seen;
    await settled(page);
    await page.keyboard.press('Backspace');
    await settled(page);
  }
  throw new Error(`no key was analysed in its own task in 5 tries`);
}

async function openWith(page: Page, text: string) {
  await page.goto('/');
  await page.locator('#dockerfile').fill(text);
  await settled(page);
  // The page's own copy of the module, offered once the page is idle after its load.
  await ownCopyLoaded(page);
}

/** Puts the caret at the end of line `line` (0-based), or `column` characters into it, as
 * a person would, with the keyboard. */
async function caretAt(page: Page, line: number, column?: number) {
  await page.locator('#dockerfile').focus();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < line; i++) await page.keyboard.press('ArrowDown');
  if (column === undefined) {
    await page.keyboard.press('End');
  } else {
    await page.keyboard.press('Home');
    for (let i = 0; i < column; i++) await page.keyboard.press('ArrowRight');
  }
}

test('once the page has loaded, a key\'s analysis is drawn in the key\'s own task', async ({ page }) => {
  await openWith(page, 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n');
  await caretAt(page, 0);
  const seen = await keyInItsOwnTask(page, 'x');
  // The new stage name is in the graph before the key's task ends, and nothing waits.
  expect(seen.textarea).toContain('AS buildx\n');
  expect(seen.stages.join(' ')).toContain('buildx');
  expect(seen.stages.join(' ')).not.toContain('build ');
  await settled(page);
  await expect(page.locator('svg.stage-graph [data-stage]').first()).toContainText('buildx');
});

test('a key that turns a heredoc\'s lines into instructions goes to the worker, and its graph follows', async ({ page }) => {
  let body = '';
  for (let k = 1; k <= 150; k++) body += `FROM alpine AS s${k}\nCOPY --from=s${k - 1} /a /b\n`;
  await openWith(page, `FROM alpine AS s0\nRUN <<EOF\n${body}EOF\n`);
  // The key just before analysed in its own task: the text's cost is known to be small.
  await caretAt(page, 0);
  await keyInItsOwnTask(page, 'x');
  // `<<EOF` to `<EOF`: 302 instructions where there were 2, more than the analysis shown
  // tells the cost of (`analysis_job::most_instructions`); the key's task leaves it to the
  // worker.
  await caretAt(page, 1, 'RUN <'.length);
  await watchKeyTask(page);
  await page.keyboard.press('Delete');
  const seen = await keyTask(page);
  expect(seen.textarea).toContain('RUN <EOF\n');
  expect(seen.busy).toBe('true');
  await settled(page);
  await expect(page.locator('svg.stage-graph [data-stage]')).toHaveCount(151);
});

test('a paste of more than 4 KiB goes to the worker: its cost is not the last text\'s', async ({ page }) => {
  await openWith(page, 'FROM alpine AS a\nRUN true\n');
  let text = '';
  for (let k = 0; k < 150; k++) text += `FROM alpine AS p${k}\nRUN echo ${k}\n`;
  expect(text.length).toBeGreaterThan(4096);
  await page.locator('#dockerfile').focus();
  await page.keyboard.press('Control+A');
  await watchKeyTask(page);
  // As a paste inserts it: one input event with the whole text.
  await page.keyboard.insertText(text);
  expect((await keyTask(page)).busy).toBe('true');
  await settled(page);
  await expect(page.locator('svg.stage-graph [data-stage]')).toHaveCount(150);
});
