// A big graph (59 stages, like moby's Dockerfile) seen whole, zoomed around the pointer or
// the centre, panned with the wheel, searched, focused and following the editor's cursor.
// The maths is src/page/viewport.rs (tested natively); these check the page wires it.
import { test, expect, Page, Locator } from '@playwright/test';
import { bigDockerfile, openWithoutContext, settled } from './page';

const stage = (page: Page, name: string) =>
  page.locator(`svg.stage-graph [data-stage]`).filter({ has: page.locator(`title:text-matches("^${name} —")`) });
const viewport = (page: Page) => page.locator('.graph-viewport');

async function box(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error('no box');
  return b;
}
const centre = (b: { x: number; y: number; width: number; height: number }) =>
  ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** Waits until the zoom level stops changing (the fit is applied after a frame). */
async function zoomSettled(page: Page) {
  let last = '';
  await expect.poll(async () => {
    const now = await page.locator('.zoom-level').textContent() ?? '';
    const same = now === last;
    last = now;
    return same;
  }, { intervals: [100, 100, 100] }).toBe(true);
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openWithoutContext(page, bigDockerfile(), 59);
  await zoomSettled(page);
});

test('Fit shows every stage and image of a 59-stage graph inside the viewport', async ({ page }) => {
  // The nodes (stages, images, scratch) whose box is not wholly inside the viewport.
  const outside = () => page.evaluate(() => {
    const vp = document.querySelector('.graph-viewport')!.getBoundingClientRect();
    const nodes = [...document.querySelectorAll('svg.stage-graph .sp-node')];
    return {
      nodes: nodes.length,
      outside: nodes.filter((n) => {
        const b = n.getBoundingClientRect();
        return b.left < vp.left - 0.5 || b.top < vp.top - 0.5 || b.right > vp.right + 0.5 || b.bottom > vp.bottom + 0.5;
      }).length,
    };
  });
  await expect.poll(outside).toEqual({ nodes: 61, outside: 0 });
  // Zooming away and pressing Fit again comes back to the whole graph.
  const fitted = await page.locator('.zoom-level').textContent();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(page.locator('.zoom-level')).not.toHaveText(fitted!);
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect(page.locator('.zoom-level')).toHaveText(fitted!);
  await page.screenshot({ path: 'e2e-results/big-graph-fitted.png' });
});

test('Ctrl + wheel zooms around the pointer: the point under it stays put', async ({ page }) => {
  const node = stage(page, 'tool9-linux');
  const before = await box(node);
  const at = centre(before);
  await page.mouse.move(at.x, at.y);
  // On a busy machine a wheel event can be lost before the page handles it: wheel again.
  await expect(async () => {
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await expect.poll(async () => (await box(node)).width, { timeout: 1000 }).toBeGreaterThan(before.width * 1.05);
  }).toPass();
  const after = centre(await box(node));
  expect(Math.abs(after.x - at.x)).toBeLessThan(1.5);
  expect(Math.abs(after.y - at.y)).toBeLessThan(1.5);
});

test('the + and − buttons zoom around the centre of the viewport', async ({ page }) => {
  const vp = centre(await box(viewport(page)));
  // The graph point at the viewport's centre, before and after, through the canvas transform.
  const pointAtCentre = () => page.evaluate(([cx, cy]) => {
    const canvas = document.querySelector('.graph-canvas') as HTMLElement;
    const r = canvas.getBoundingClientRect();
    const scale = r.width / canvas.offsetWidth;
    return [(cx - r.left) / scale, (cy - r.top) / scale];
  }, [vp.x, vp.y]);
  const p0 = await pointAtCentre();
  const level = await page.locator('.zoom-level').textContent();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(page.locator('.zoom-level')).not.toHaveText(level!);
  const p1 = await pointAtCentre();
  expect(Math.abs(p1[0] - p0[0])).toBeLessThan(2);
  expect(Math.abs(p1[1] - p0[1])).toBeLessThan(2);
});

test('the wheel pans the graph (vertical, and horizontal with Shift)', async ({ page }) => {
  const node = stage(page, 'dev');
  const b0 = await box(node);
  await page.mouse.move(...Object.values(centre(await box(viewport(page)))) as [number, number]);
  await page.mouse.wheel(0, 120);
  await expect.poll(async () => (await box(node)).y).toBeCloseTo(b0.y - 120, 0);
  await page.mouse.wheel(80, 0);
  await expect.poll(async () => (await box(node)).x).toBeCloseTo(b0.x - 80, 0);
});

test('searching a stage by name highlights it and centres it; Enter goes to the next match', async ({ page }) => {
  const find = page.getByRole('searchbox', { name: 'Find a stage' });
  await find.fill('tool11-win');
  const node = stage(page, 'tool11-windows');
  await expect(node).toHaveClass(/sp-found/);
  await expect(page.locator('.find-status')).toHaveText('1 of 1');
  const vp = centre(await box(viewport(page)));
  await expect.poll(async () => Math.abs(centre(await box(node)).x - vp.x)).toBeLessThan(2);
  expect(Math.abs(centre(await box(node)).y - vp.y)).toBeLessThan(2);
  // Readable: at least 1:1.
  expect(parseInt(await page.locator('.zoom-level').textContent() ?? '0')).toBeGreaterThanOrEqual(100);
  await find.fill('tool1');
  // tool1 itself, then tool1-… and tool10…tool13 with their -build, -linux and -windows.
  await expect(page.locator('.find-status')).toHaveText('1 of 20');
  await expect(stage(page, 'tool1')).toHaveClass(/sp-found/);
  await find.press('Enter');
  await expect(page.locator('.find-status')).toHaveText('2 of 20');
  await expect(stage(page, 'tool1-build')).toHaveClass(/sp-found/);
  await find.press('Escape');
  await expect(find).toHaveValue('');
  await expect(page.locator('svg.stage-graph .sp-found')).toHaveCount(0);
});

test('focusing a stage dims what it does not need; Show all brings everything back', async ({ page }) => {
  await page.getByRole('searchbox', { name: 'Find a stage' }).fill('tool3');
  await page.getByRole('button', { name: 'Focus on tool3' }).click();
  await expect(page.locator('.focus-bar')).toContainText('Focused on tool3');
  // tool3 needs tool3-linux, tool3-build, base and golang:1.22.
  for (const name of ['tool3', 'tool3-linux', 'tool3-build', 'base']) {
    await expect(stage(page, name)).not.toHaveClass(/sp-dim/);
  }
  for (const name of ['dev', 'tool4', 'tool3-windows', 'binary-dummy']) {
    await expect(stage(page, name)).toHaveClass(/sp-dim/);
  }
  // The focused part is shown whole.
  const vp = await box(viewport(page));
  const b = await box(stage(page, 'tool3-build'));
  expect(b.x).toBeGreaterThanOrEqual(vp.x);
  expect(b.x + b.width).toBeLessThanOrEqual(vp.x + vp.width);
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect(page.locator('.focus-bar')).toHaveCount(0);
  await expect(page.locator('svg.stage-graph .sp-dim')).toHaveCount(0);
  // The keyboard way: F on a stage, Escape to leave.
  await stage(page, 'tool5').focus();
  await page.keyboard.press('f');
  await expect(page.locator('.focus-bar')).toContainText('Focused on tool5');
  await page.keyboard.press('Escape');
  await expect(page.locator('.focus-bar')).toHaveCount(0);
});

test('the graph follows the editor\'s cursor: the stage it is in comes into view', async ({ page }) => {
  // Zoom in far enough that most stages are out of view.
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
  const vp = await box(viewport(page));
  const inView = async (name: string) => {
    const b = await box(stage(page, name));
    return b.x >= vp.x && b.y >= vp.y && b.x + b.width <= vp.x + vp.width && b.y + b.height <= vp.y + vp.height;
  };
  expect(await inView('tool13-windows')).toBe(false);
  const text = await page.locator('#dockerfile').inputValue();
  const offset = text.indexOf('FROM binary-dummy AS tool13-windows') + 5;
  const editor = page.locator('#dockerfile');
  await editor.focus();
  await editor.evaluate((ta: HTMLTextAreaElement, o) => ta.setSelectionRange(o, o), offset);
  await editor.press('ArrowRight');
  await expect(stage(page, 'tool13-windows')).toHaveClass(/sp-cursor/);
  await expect.poll(() => inView('tool13-windows')).toBe(true);
});

test('a stage reached with Tab comes into view and shows a focus outline', async ({ page }) => {
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
  // The stage before dev in the page's order, then Tab (a keyboard focus shows its outline).
  await stage(page, 'tool13').focus();
  await page.keyboard.press('Tab');
  const last = stage(page, 'dev');
  await expect(last).toBeFocused();
  const vp = await box(viewport(page));
  await expect.poll(async () => {
    const b = await box(last);
    return b.x >= vp.x && b.x + b.width <= vp.x + vp.width && b.y >= vp.y && b.y + b.height <= vp.y + vp.height;
  }).toBe(true);
  const outline = await last.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
});

test('at load no stage is marked; the cursor\'s stage is marked while the editor has the focus', async ({ page }) => {
  await page.goto('/');
  const cursor = page.locator('svg.stage-graph .sp-cursor rect');
  await expect(cursor).toHaveCount(1);
  const width = () => cursor.evaluate((r) => getComputedStyle(r).strokeWidth);
  const plain = await page.locator('svg.stage-graph .sp-stage:not(.sp-cursor):not(.sp-target) rect').first()
    .evaluate((r) => getComputedStyle(r).strokeWidth).catch(() => '1.5px');
  // Nothing is being edited at load: the first stage looks like any other.
  expect(await width()).toBe(plain);
  expect(await cursor.evaluate((r) => getComputedStyle(r).filter)).toBe('none');
  await page.locator('#dockerfile').focus();
  await expect.poll(width).toBe('3px');
  // The editor names its focus on <html data-editing>, and takes the name back on blur.
  await expect(page.locator('html')).toHaveAttribute('data-editing', '');
  await page.locator('#target').focus();
  await expect.poll(width).toBe(plain);
  await expect(page.locator('html')).not.toHaveAttribute('data-editing', '');
});

test('the target picker of a long file filters its stages by name; Enter picks the only match', async ({ page }) => {
  const filter = page.getByRole('searchbox', { name: 'Filter the target stages' });
  await filter.fill('tool13');
  // The default, then tool13, tool13-build, tool13-linux and tool13-windows.
  await expect(page.locator('#target option')).toHaveText(['default (last stage: dev)', 'tool13-build', 'tool13-linux', 'tool13-windows', 'tool13']);
  await filter.fill('tool13-win');
  await filter.press('Enter');
  await expect(page.locator('#target')).toHaveValue('tool13-windows');
  await expect(page.locator('#command-line')).toContainText('--target tool13-windows');
  await expect(filter).toHaveValue('');
  await filter.fill('nosuch');
  await expect(page.locator('#target option:disabled')).toHaveText('no stage matches "nosuch"');
});

test('the hover card of a stage never covers it: it takes the corner away from the stage', async ({ page }) => {
  for (const name of ['dev', 'base']) {
    const node = stage(page, name);
    await node.hover();
    const card = page.locator('.stage-card');
    await expect(card).toContainText(name);
    const [a, b] = [await box(node), await box(card)];
    const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
    expect(apart, `${name}: ${JSON.stringify([a, b])}`).toBe(true);
  }
});

test('touch: one finger drags the graph, two fingers pinch around their middle', async ({ page }) => {
  const vp = await box(viewport(page));
  // A point on the background (no stage under it), where a touch starts a pan.
  const start = { x: vp.x + 20, y: vp.y + vp.height - 20 };
  const touch = (type: string, id: number, x: number, y: number) =>
    viewport(page).dispatchEvent(type, { pointerId: id, pointerType: 'touch', isPrimary: id === 1, button: type === 'pointermove' ? -1 : 0, buttons: type === 'pointerup' ? 0 : 1, clientX: x, clientY: y, bubbles: true });
  const node = stage(page, 'base');
  const b0 = await box(node);
  await touch('pointerdown', 1, start.x, start.y);
  await touch('pointermove', 1, start.x + 40, start.y - 30);
  await touch('pointerup', 1, start.x + 40, start.y - 30);
  await expect.poll(async () => (await box(node)).x).toBeCloseTo(b0.x + 40, 0);
  expect((await box(node)).y).toBeCloseTo(b0.y - 30, 0);
  // Pinch: two fingers 100 px apart move to 200 px apart around the same middle.
  const b1 = await box(node);
  const mid = { x: start.x + 100, y: start.y - 60 };
  await touch('pointerdown', 1, mid.x - 50, mid.y);
  await touch('pointerdown', 2, mid.x + 50, mid.y);
  await touch('pointermove', 2, mid.x + 150, mid.y);
  await touch('pointermove', 1, mid.x - 150, mid.y);
  await touch('pointerup', 1, mid.x - 150, mid.y);
  await touch('pointerup', 2, mid.x + 150, mid.y);
  await expect.poll(async () => (await box(node)).width).toBeGreaterThan(b1.width * 2.5);
});

test('a graph too large to insert in one task is drawn in steps until whole, as a fresh page draws it', async ({ page }) => {
  test.setTimeout(120_000);
  // 400 stages, each copying from the one before: the page draws 300 of them, with their
  // edges, about 80 pieces a task (src/page/graph_svg.rs, `groups_to_update`).
  const text = Array.from({ length: 400 }, (_, i) =>
    `FROM alpine AS s${i}\n` + (i > 0 ? `COPY --from=s${i - 1} /a /a${i}\n` : 'RUN touch /a\n')).join('');
  // The steps that add groups, and whether the graph said it was busy (`aria-busy`) while
  // drawing them.
  const watchSteps = () => page.evaluate(() => {
    const w = window as unknown as { __steps: number; __fewest: number; __busy: boolean };
    w.__steps = 0;
    w.__fewest = Infinity;
    w.__busy = false;
    const svg = document.querySelector('svg.stage-graph')!;
    new MutationObserver((ms) => {
      if (ms.some((m) => m.addedNodes.length > 0)) w.__steps += 1;
      w.__fewest = Math.min(w.__fewest, svg.querySelectorAll('[data-stage]').length);
      if (svg.getAttribute('aria-busy') === 'true') w.__busy = true;
    }).observe(svg, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
  });
  const steps = () => page.evaluate(() => {
    const w = window as unknown as { __steps: number; __fewest: number; __busy: boolean };
    return { steps: w.__steps, fewest: w.__fewest, busy: w.__busy };
  });
  await watchSteps();
  await page.locator('#dockerfile').fill(text);
  await expect(page.locator('.graph-capped')).toContainText('300');
  await expect(page.locator('svg.stage-graph [data-stage]')).toHaveCount(300);
  // Added in more than one step, busy meanwhile; its edges come after its nodes.
  await settled(page);
  const first = await steps();
  expect(first.steps).toBeGreaterThan(1);
  expect(first.busy).toBe(true);
  const drawn = () => page.locator('svg.stage-graph').evaluate((s) => s.innerHTML);
  const whole = await drawn();
  const fresh = await page.context().newPage();
  await fresh.setViewportSize({ width: 1400, height: 900 });
  await openWithoutContext(fresh, text, 300);
  const again = await fresh.locator('svg.stage-graph').evaluate((s) => s.innerHTML);
  // The caret's stage is marked only where the editor has the focus (tested above).
  const unmarked = (svg: string) => svg.replaceAll(' sp-cursor', '');
  expect(unmarked(whole)).toBe(unmarked(again));
  expect((whole.match(/class="sp-edge /g) ?? []).length).toBeGreaterThan(250);

  // An edit that changes every drawn stage (a new last stage is the target and needs only
  // s0): the graph is rewritten a step at a time too (`groups_to_update`), never showing
  // fewer stages meanwhile, and ends as a fresh page draws the new text.
  await watchSteps();
  const edited = `${text}FROM s0 AS last\n`;
  await page.locator('#dockerfile').fill(edited);
  await expect(page.locator('svg.stage-graph [data-stage="400"]')).toHaveCount(1);
  await settled(page);
  const rewritten = await drawn();
  const updates = await steps();
  expect(updates.steps).toBeGreaterThan(1);
  expect(updates.fewest).toBe(300);
  expect(updates.busy).toBe(true);
  await openWithoutContext(fresh, edited, 300);
  const redrawn = await fresh.locator('svg.stage-graph').evaluate((s) => s.innerHTML);
  expect(unmarked(rewritten)).toBe(unmarked(redrawn));
  await fresh.close();
});

test('a build failure an edit brings is marked on its stage, as a fresh page marks it', async ({ page }) => {
  // The edit keeps every stage, edge, instruction count and built stage: only the failure
  // changes (a RUN on scratch has no shell to run in: failure.rs, the last phase).
  await page.locator('#dockerfile').fill('FROM scratch AS a\nENV X=1\nFROM a AS b\n');
  await expect(page.locator('svg.stage-graph [data-stage="0"]')).toHaveCount(1);
  await settled(page);
  await expect(page.locator('svg.stage-graph .sp-failed')).toHaveCount(0);
  const failing = 'FROM scratch AS a\nRUN echo hi\nFROM a AS b\n';
  await page.locator('#dockerfile').fill(failing);
  await expect(page.locator('svg.stage-graph [data-stage="0"].sp-failed')).toHaveCount(1);
  const fresh = await page.context().newPage();
  await openWithoutContext(fresh, failing, 2);
  await expect(fresh.locator('svg.stage-graph [data-stage="0"].sp-failed')).toHaveCount(1);
  await fresh.close();
});
