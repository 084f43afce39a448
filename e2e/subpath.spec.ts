// Hosting under a sub-path: dist/ served as `/stageplay/` of a docs site (the example in
// embed.js and `link --base-url`). Every request must stay under that folder: a request for
// the site root (an absolute asset URL) is answered 404 and fails the test.
import { test, expect, Page, Route } from '@playwright/test';
import { runCli } from './cli';

const DOCS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs</title></head><body>
  <h1>A docs page</h1>
  <pre class="stageplay" data-view="graph,plan" data-target="build">
FROM golang:1.22 AS build
RUN go build -o /app
FROM scratch
COPY --from=build /app /app
</pre>
  <script src="../stageplay/embed.js"></script></body></html>`;

/** Serves dist/ as `/stageplay/`, a docs page as `/docs/page.html`, and 404 for anything
 *  else; returns the list of requests that went elsewhere and of failed responses. */
async function hostUnderSubPath(page: Page, baseURL: string) {
  const outside: string[] = [];
  const failed: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  await page.context().route(`${baseURL}/**`, async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith('/stageplay/')) {
      const inner = new URL(url.pathname.slice('/stageplay'.length) + url.search, baseURL);
      return route.fulfill({ response: await route.fetch({ url: inner.href }) });
    }
    if (url.pathname === '/docs/page.html') {
      return route.fulfill({ contentType: 'text/html', body: DOCS_PAGE });
    }
    outside.push(url.pathname);
    return route.fulfill({ status: 404, body: 'not under /stageplay/' });
  });
  return { outside, failed, errors };
}

test('the page, how.html, an embed and a share link work from /stageplay/', async ({ page, baseURL }) => {
  const seen = await hostUnderSubPath(page, baseURL!);

  await page.goto('/stageplay/');
  await expect(page.locator('svg.stage-graph [data-stage]').first()).toBeVisible();
  await page.goto('/stageplay/how.html');
  await page.locator('a[href="./"]').first().click();
  await expect(page).toHaveURL(`${baseURL}/stageplay/`);
  await expect(page.locator('svg.stage-graph [data-stage]').first()).toBeVisible();

  // A share link made by the CLI for this base opens its state here.
  const file = 'FROM alpine AS base\nRUN true\nFROM base AS sub-path-test\n';
  const link = runCli(['link', '-', '--base-url', `${baseURL}/stageplay/`], file).trim();
  expect(link.startsWith(`${baseURL}/stageplay/#v1.`)).toBe(true);
  await page.goto(link);
  await expect(page.locator('#dockerfile')).toHaveValue(file);

  // An embed made by embed.js on a docs page of the same site points into /stageplay/.
  await page.goto('/docs/page.html');
  const frame = page.locator('iframe.stageplay-embed');
  await expect(frame).toHaveCount(1);
  expect((await frame.getAttribute('src'))!.startsWith(`${baseURL}/stageplay/?embed&view=graph,plan#v1.`)).toBe(true);
  const f = page.frameLocator('iframe.stageplay-embed');
  await expect(f.locator('[data-pane="graph"] svg.stage-graph [data-stage]')).toHaveCount(2);
  await expect(f.locator('#target')).toHaveValue('build');
  // The embed's Open link leads to the full page in the same folder.
  const open = (await f.locator('#embed-open').getAttribute('href'))!;
  expect(open.startsWith(`${baseURL}/stageplay/#v1.`)).toBe(true);

  expect(seen.outside).toEqual([]);
  expect(seen.failed).toEqual([]);
  expect(seen.errors).toEqual([]);
});
