// Browser tests of the web console: a real `dangjian serve` (the ASan build,
// DJ_BIN) on a fresh demo database serving web/dist, driven by Debian's
// chromium through playwright-core (from web/node_modules; never a
// downloaded browser).  Run with: node --test --test-concurrency=1 tests/e2e/
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { startServer, login as apiLogin, ADMIN_PASSWORD, DEMO_PASSWORD, shanghaiDate, quarterOf } from '../api/harness.mjs';

// dates as the server sees them (Asia/Shanghai), not in this machine's zone
export { apiLogin, ADMIN_PASSWORD, DEMO_PASSWORD, shanghaiDate, quarterOf };
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const WEB_DIST = path.join(ROOT, 'web/dist');
export const CHROMIUM = process.env.DJ_CHROMIUM || '/usr/bin/chromium';
export const FIXTURES = path.join(ROOT, 'tests/fixtures');

/** Why the browser tests cannot run here (a visible skip), or false. */
export const SKIP = !fs.existsSync(CHROMIUM)
  ? `no browser at ${CHROMIUM} (apt-get install chromium)`
  : !fs.existsSync(path.join(WEB_DIST, 'index.html'))
    ? 'web/dist is not built (make -C web)'
    : !fs.existsSync(path.join(ROOT, 'web/node_modules/playwright-core'))
      ? 'web/node_modules lacks playwright-core (npm ci in web/)'
      : false;

export const passwordOf = (u) => (u === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD);

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 360, height: 780 };

function playwright() {
  const require = createRequire(path.join(ROOT, 'web/package.json'));
  return require('playwright-core');
}

/** Launches headless chromium with the flags a sandboxed CI needs. */
export async function launchBrowser() {
  const { chromium } = playwright();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/**
 * Starts a server on a fresh demo database and a browser.  Returns
 * {url, server, browser, page(opts), close()}.
 */
export async function startApp(opts = {}) {
  const server = await startServer({ webRoot: WEB_DIST, cache: true, ...opts });
  let browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.stop();
    throw e;
  }
  const contexts = [];
  return {
    url: server.url,
    server,
    browser,
    /** A new page in its own context (own cookies); errors in the page fail the test. */
    async page({ viewport = DESKTOP, acceptDownloads = true } = {}) {
      // the bureau's zone, as the server's: the console's "this year / this quarter"
      // then agree with the server's whatever this machine's zone and hour
      const context = await browser.newContext({ viewport, acceptDownloads, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL: server.url });
      contexts.push(context);
      context.setDefaultTimeout(15000);
      const page = await context.newPage();
      page.pageErrors = [];
      page.on('pageerror', (e) => page.pageErrors.push(e));
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.stopClean();
    },
  };
}

/** Signs in through the login page; waits until the console shows. */
export async function loginAs(page, username, password = passwordOf(username)) {
  await page.goto('/login');
  await page.locator('[data-test=username]').fill(username);
  await page.locator('[data-test=password]').fill(password);
  await page.locator('[data-test=login-submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** The names of the menu entries shown (data-test="menu-NAME"). */
export async function menuNames(page) {
  await page.locator('.el-menu-item').first().waitFor();
  const tests = await page.locator('.el-menu-item').evaluateAll((els) => els.map((e) => e.dataset.test));
  return tests.map((s) => s.replace(/^menu-/, ''));
}

/** The menu entry data-test="menu-NAME", its group opened first when it is folded away. */
export async function showMenuItem(page, name) {
  const item = page.locator(`[data-test=menu-${name}]`);
  await item.waitFor({ state: 'attached' });
  if (!(await item.isVisible())) {
    await page.locator('.el-sub-menu', { has: item }).locator('.el-sub-menu__title').first().click();
    await item.waitFor();
  }
  return item;
}

/** Picks an option of an Element Plus select by its whole visible text. */
export async function pickOption(page, select, text) {
  await select.click();
  const esc = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const opt = page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: new RegExp(`^\\s*${esc}\\s*$`) }).first();
  await opt.click();
}

/** A 1×1 PNG, for evidence uploads. */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export function assertNoPageErrors(page) {
  assert.deepEqual(page.pageErrors.map(String), [], 'errors in the page');
}
