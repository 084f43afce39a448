// Lessons that must be right (issue 14): what the page teaches about targets, typos and
// pasted characters, and the one-click fixes it offers, each undone by Ctrl+Z.
import { test, expect } from '@playwright/test';
import { openWithoutContext } from './page';

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
