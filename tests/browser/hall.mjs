// hall.mjs: what every browser spec of the hall shares.  A spec is a
// plain node script (tests/browser/NAME.spec.mjs) that tests/browser/run.sh
// starts against a temporary hall (tests/hall-env.sh):
//
//   import { test, launch, login, shot, expect } from './hall.mjs';
//   test('退工: submit and print', async () => {
//     const { browser, page } = await launch('demo-vip');
//     await login(page, 'demo-vip');
//     ...
//     await shot(page, 'tuigong-form.png');
//     await browser.close();
//   });
//
// Each test() runs in order; the spec prints "PASS name" or "FAIL name:
// reason" per test, which run.sh counts, and exits non-zero on a failure.
//
// Environment (set by run.sh): HALL_TEST_URL, HALL_TEST_PUBURL,
// HALL_TEST_CERTS, HALL_TEST_DB, HALL_TEST_ADMIN, HALL_TEST_OUT (the
// screenshot folder, tests/out), HALL_CLOCK_FILE, and NODE_EXTRA_CA_CERTS
// (the hall's CA: node, not Chromium, checks the server's certificate
// when client certificates are in use; see PITFALLS.md).

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Reads a required environment variable. */
function need(name) {
  const v = process.env[name];
  if (!v) {
    console.error(`${name} is not set: run through tests/browser/run.sh`);
    process.exit(2);
  }
  return v;
}

export const env = {
  url: need('HALL_TEST_URL'),
  pubUrl: need('HALL_TEST_PUBURL'),
  certs: need('HALL_TEST_CERTS'),
  db: need('HALL_TEST_DB'),
  admin: need('HALL_TEST_ADMIN'),
  out: need('HALL_TEST_OUT'),
  clock: process.env.HALL_CLOCK_FILE || '',
};

/** The certificate (in HALL_TEST_CERTS) of each demo account. */
export const CERTS = {
  'demo-vip': 'unit-vip',
  'demo-a': 'unit-a',
  'demo-b': 'unit-b',
  'demo-reviewer': 'reviewer',
};

/** The password every spec's accounts end up with after login(). */
export const PASSWORD = 'Browser2026ok';

/** Chromium's flags for a container without a GPU or a sandbox. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/**
 * Launches headless Chromium and opens a page whose context presents
 * the client certificate of user (a demo account, or a certificate
 * name; '' for none) to the hall.  Returns { browser, context, page };
 * close the browser when done.
 */
export async function launch(user = '', options = {}) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
  });
  const cert = CERTS[user] || user;
  const ctxOpts = {
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    ...options,
  };
  if (!cert) {
    // Without client certificates Chromium itself checks the server
    // and does not know the hall's test CA.
    ctxOpts.ignoreHTTPSErrors = true;
  } else {
    ctxOpts.clientCertificates = [{
      origin: env.url,
      certPath: path.join(env.certs, `${cert}.crt`),
      keyPath: path.join(env.certs, `${cert}.key`),
    }];
  }
  const context = await browser.newContext(ctxOpts);
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  return { browser, context, page };
}

/** Runs SQL on the test database with the sqlite3 CLI; returns stdout. */
export function sql(query) {
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', env.db, query],
    { encoding: 'utf8' }).trim();
}

/**
 * Gives user a fresh initial password with `hall-admin password-reset`
 * (which also unlocks the account) and returns it.
 */
export function resetPassword(user) {
  const out = execFileSync(env.admin, ['-d', env.db, 'password-reset', user],
    { encoding: 'utf8' });
  const m = out.match(/新初始密码[::]\s*(\S+)/);
  if (!m) throw new Error(`no password in hall-admin output: ${out}`);
  return m[1];
}

/**
 * Logs user in on page with a fresh initial password, changes it to
 * PASSWORD on the forced change page, and waits for the landing page
 * (/home for units, /review for reviewers).  Returns the landing URL.
 */
export async function login(page, user) {
  const initial = resetPassword(user);
  await page.goto(`${env.url}/login`);
  await page.fill('input[name="username"]', user);
  await page.fill('input[name="password"]', initial);
  await Promise.all([page.waitForLoadState('load'),
    page.click('button[type="submit"]:has-text("登录")')]);
  if (new URL(page.url()).pathname === '/login/password') {
    await page.fill('input[name="old"]', initial);
    await page.fill('input[name="pw"]', PASSWORD);
    await page.fill('input[name="pw2"]', PASSWORD);
    await Promise.all([page.waitForLoadState('load'),
      page.click('button[type="submit"]:has-text("确认修改")')]);
  }
  const landing = user === 'demo-reviewer' ? '/review' : '/home';
  await page.waitForURL((u) => u.pathname === landing);
  return page.url();
}

/** Saves a full-page screenshot as HALL_TEST_OUT/name; returns its path. */
export async function shot(page, name) {
  mkdirSync(env.out, { recursive: true });
  const file = path.join(env.out, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Saves the page as it prints: an A4 PDF (HALL_TEST_OUT/name.pdf) and a
 * screenshot under print media (HALL_TEST_OUT/name.png).  Returns both
 * paths.
 */
export async function printed(page, name) {
  mkdirSync(env.out, { recursive: true });
  const pdf = path.join(env.out, `${name}.pdf`);
  const png = path.join(env.out, `${name}.png`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  await page.screenshot({ path: png, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  return { pdf, png };
}

/**
 * Moves the hall's clock to when ("YYYY-MM-DD HH:MM:SS", hall time), or
 * back to the real clock with null.  Only forward from the real time:
 * the certificates are valid from when the harness made them.
 */
export function setClock(when) {
  if (!env.clock) throw new Error('HALL_CLOCK_FILE is not set');
  if (when === null) rmSync(env.clock, { force: true });
  else writeFileSync(env.clock, `${when}\n`);
}

/** Throws with msg unless cond holds. */
export function expect(cond, msg) {
  if (!cond) throw new Error(msg);
}

const tests = [];
let scheduled = false;

/** Registers a test; all run in order once the spec has loaded. */
export function test(name, fn) {
  tests.push({ name, fn });
  if (!scheduled) {
    scheduled = true;
    setImmediate(runAll);
  }
}

/** Runs the registered tests, printing PASS/FAIL lines. */
async function runAll() {
  let failed = 0;
  for (const t of tests) {
    try {
      await t.fn();
      console.log(`PASS ${t.name}`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${t.name}: ${e && e.stack ? e.stack : e}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}
