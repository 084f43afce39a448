// The first vertical slice: editor, stage list, live updates, parse errors.
import { test, expect, Page } from '@playwright/test';

function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

test('the default example shows its two stages, with no console errors', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  const stages = page.locator('.stage');
  await expect(stages).toHaveCount(2);
  await expect(stages.nth(0)).toContainText('golang:1.16');
  await expect(stages.nth(1)).toContainText('alpine:latest');
  await page.screenshot({ path: 'e2e/output/slice-default.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('typing a third FROM adds a stage', async ({ page }) => {
  await page.goto('/');
  const editor = page.locator('#dockerfile');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nFROM scratch AS final\n');
  await expect(page.locator('.stage')).toHaveCount(3);
  await expect(page.locator('.stage').nth(2)).toContainText('final');
});

test('a broken line shows the parse error with its line', async ({ page }) => {
  await page.goto('/');
  await page.locator('#dockerfile').fill('FROM alpine\nBOGUS thing\n');
  await expect(page.locator('.problem.error')).toContainText('line 2');
  await expect(page.locator('.stage')).toHaveCount(1);
});
