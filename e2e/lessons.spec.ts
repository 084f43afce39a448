// Lessons that must be right (issue 14): what the page teaches about targets, typos and
// pasted characters, and the one-click fixes it offers, each undone by Ctrl+Z.
import { test, expect } from '@playwright/test';
import { openWithoutContext, settled } from './page';
import { runCli } from './cli';

const UNNAMED = 'FROM golang:1.22\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=0 /app /app\n';

test('an unnamed stage is not offered as a target; a click explains why and names it, undoably', async ({ page }) => {
  await openWithoutContext(page, UNNAMED, 2);
  // The picker lists it, disabled, with the reason.
  const option = page.locator('#target option', { hasText: 'stage-0' });
  await expect(option).toHaveText('stage-0 (no name: not a target)');
  await expect(option).toBeDisabled();
  // A click on its node keeps the target and says why, with the fix.
  await page.locator('svg.stage-graph [data-stage="0"]').click();
  await expect(page.locator('#command-line')).toHaveText('docker build -t app .');
  const note = page.locator('#target-note');
  await expect(note).toContainText('stage-0 has no name, so it cannot be a target');
  await page.locator('#view-files').click();
  await expect(page.locator('.image-view')).toBeVisible();
  await expect(page.getByText('add a FROM line')).toHaveCount(0);
  await page.locator('#target-fix').click();
  const editor = page.locator('#dockerfile');
  await expect(editor).toHaveValue(UNNAMED.replace('golang:1.22', 'golang:1.22 AS builder'));
  await expect(page.locator('#command-line')).toHaveText('docker build --target builder -t app .');
  await expect(note).toHaveCount(0);
  await page.locator('#view-plan').click();
  await expect(page.locator('.chip-target')).toContainText('builder');
  // The fix is one step of the editor's own undo history.
  await editor.focus();
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue(UNNAMED);
});

test('a link whose target is an unnamed stage says why instead of "add a FROM line", and fixes it', async ({ page }) => {
  await openWithoutContext(page, UNNAMED, 2);
  await page.locator('#target').selectOption({ label: 'default (last stage: stage-1)' });
  // What an old link or a typed option does: the target names stage-0.
  await page.evaluate(() => {
    const select = document.querySelector('#target') as HTMLSelectElement;
    const o = document.createElement('option');
    o.value = 'stage-0';
    select.append(o);
    select.value = 'stage-0';
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.locator('#view-files').click();
  await expect(page.locator('#target-note')).toContainText('target stage "stage-0" could not be found: stage 0 has no name');
  await expect(page.locator('.panel-empty')).toContainText('the target names no stage BuildKit can build');
  await page.locator('#target-fix').click();
  await expect(page.locator('#command-line')).toHaveText('docker build --target builder -t app .');
  await expect(page.locator('.image-view h3', { hasText: 'Final image of' })).toHaveText('Final image of builder');
});

test('pasted no-break spaces and smart quotes are named, outlined and replaced in one undoable fix', async ({ page }) => {
  const pasted = 'FROM python:3.12-slim\nRUN\u00a0pip install flask\nCMD [\u201cflask\u201d, \u201crun\u201d]\n';
  await openWithoutContext(page, pasted, 1);
  await expect(page.locator('.underlay .t-conf')).toHaveCount(5);
  await page.locator('#view-problems').click();
  const first = page.locator('.problem', { hasText: 'U+00A0 NO-BREAK SPACE' });
  await expect(first).toContainText('looks like a space but is not one');
  await expect(page.locator('.problem', { hasText: 'U+201C LEFT DOUBLE QUOTATION MARK' })).toHaveCount(2);
  await first.locator('button.fix').click();
  const editor = page.locator('#dockerfile');
  await expect(editor).toHaveValue('FROM python:3.12-slim\nRUN pip install flask\nCMD ["flask", "run"]\n');
  await expect(page.locator('.problem', { hasText: 'U+00A0' })).toHaveCount(0);
  await expect(page.locator('.problem', { hasText: 'unknown instruction' })).toHaveCount(0);
  await editor.focus();
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue(pasted);
});

test('a --from one typo away from a stage name is flagged with a fix that names the stage', async ({ page }) => {
  const text = 'FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=buidler /app /app\n';
  await openWithoutContext(page, text, 2);
  await page.locator('#view-problems').click();
  const problem = page.locator('.problem', { hasText: 'did you mean the stage builder?' });
  await expect(problem).toContainText('--from=buidler names no stage, so Docker takes it for an image');
  await problem.locator('button.fix').click();
  await expect(page.locator('#dockerfile')).toHaveValue(text.replace('buidler', 'builder'));
  await expect(page.locator('.problem', { hasText: 'StageNameTypo' })).toHaveCount(0);
  // The stage now reaches the final image: the graph has its copy edge.
  await page.locator('#view-files').click();
  await expect(page.locator('.image-view')).toContainText('/app');
});

test('step-through shows the real line numbers and every line of a multi-line instruction', async ({ page }) => {
  const text = '# syntax=docker/dockerfile:1\n\nFROM debian:bookworm-slim\n\nRUN apt-get update \\\n    && apt-get install -y \\\n       curl \\\n       git\nCMD ["bash"]\n';
  await openWithoutContext(page, text, 1);
  await page.locator('#view-steps').click();
  await expect(page.locator('.step-lines')).toHaveText('line 3');
  await expect(page.locator('.tl-step .tl-line')).toHaveText(['line 3', 'line 5', 'line 9']);
  await page.locator('.tl-step').nth(1).click();
  await expect(page.locator('.step-lines')).toHaveText('lines 5–8');
  await expect(page.locator('.step-inst')).toHaveText('RUN apt-get update \\\n    && apt-get install -y \\\n       curl \\\n       git');
});

test('advice fits: same-version slim base, waste with its size, unused only with these build args', async ({ page }) => {
  const text = 'ARG TARGETARCH=amd64\nFROM alpine AS tools-amd64\nFROM alpine AS tools-arm64\nFROM tools-${TARGETARCH} AS tools\n' +
    'FROM python:3.9 AS builder\nRUN pip wheel --no-cache-dir --wheel-dir /wheels flask\n' +
    'FROM python:3.9\nCOPY --from=tools /etc/os-release /tools\nCOPY --from=builder /wheels /wheels\nRUN pip install --no-cache-dir /wheels/*\n';
  await openWithoutContext(page, text, 5);
  await page.locator('#view-problems').click();
  await expect(page.locator('.problem', { hasText: 'HeavyFinalBase' })).toContainText('such as python:3.9-slim');
  await expect(page.locator('.problem', { hasText: 'FinalImageWaste' })).toContainText('/wheels (≈ 20 MB, copied on line 9) stays in the final image');
  await expect(page.locator('.problem', { hasText: 'tools-arm64' })).toContainText('is not used with these build args / platform');
  // Building the builder on purpose: no advice about a shipped image.
  await page.locator('#target').selectOption('builder');
  await expect(page.locator('.problem', { hasText: 'HeavyFinalBase' })).toHaveCount(0);
  await expect(page.locator('.problem', { hasText: 'FinalImageWaste' })).toHaveCount(0);
});

test('a file with Windows line breaks gets its fix and its revealed span at the right place', async ({ page }) => {
  // The state keeps the file's `\r\n` (a link round-trips exactly), the textarea shows `\n`:
  // positions in the textarea count a `\r\n` once (crates/stageplay-analysis/src/span.rs,
  // textarea_offset). Before, each line above put the edit one character further on.
  const text = 'FROM golang:1.22 AS builder\r\nRUN go build -o /app .\r\nFROM alpine:3.20\r\nCOPY --from=buidler /app /app\r\n';
  const url = runCli(['link', '-', '--base-url', 'http://x/'], text).trim();
  await page.goto('/' + url.slice(url.indexOf('#')));
  await expect(page.locator('#dockerfile')).toHaveValue(text.replace(/\r\n/g, '\n'));
  await settled(page);
  await page.locator('#view-problems').click();
  const problem = page.locator('.problem', { hasText: 'did you mean the stage builder?' });
  // A click on the problem selects its span in the editor: the stage name as written.
  await problem.locator('button.problem-main').click();
  const selected = () => page.locator('#dockerfile').evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd));
  await expect.poll(selected).toContain('buidler');
  await problem.locator('button.fix').click();
  await expect(page.locator('#dockerfile')).toHaveValue(text.replace(/\r\n/g, '\n').replace('buidler', 'builder'));
  await expect(page.locator('.problem', { hasText: 'StageNameTypo' })).toHaveCount(0);
});
