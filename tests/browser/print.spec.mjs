// print.spec.mjs: 业务打印 in a real browser: an approved task (written
// straight into the store, decided two days ago) is listed, its
// 《综合业务处理单》 prints on one A4 page, and the public verification
// page confirms the number and code read off the page.
import { test, launch, login, shot, printed, expect, env, sql } from './hall.mjs';
import { execFileSync } from 'node:child_process';

const SEQ = '2026000099000001';

test('业务打印: 综合业务处理单 prints and verifies', async () => {
  sql(`INSERT OR IGNORE INTO tasks (seq_no, business, unit_id, state, summary,
    created_at, submitted_at, decided_at, decided_by, updated_at)
    SELECT '${SEQ}', 'fixture', unit_id, '结束', '浏览器测试 张测试',
    strftime('%s','now') - 2 * 86400 - 600, strftime('%s','now') - 2 * 86400 - 300,
    strftime('%s','now') - 2 * 86400, 0, strftime('%s','now') - 2 * 86400
    FROM accounts WHERE username = 'demo-vip'`);
  const { browser, page } = await launch('demo-vip');
  try {
    await login(page, 'demo-vip');
    await page.goto(`${env.url}/print`);
    await page.getByRole('heading', { name: /可打印的业务回执/ }).waitFor();
    await shot(page, 'print-list.png');
    const row = page.locator('tr', { hasText: SEQ });
    await row.getByRole('link', { name: '《综合业务处理单》' }).click();
    await page.waitForURL((u) => u.pathname === '/print/zonghe');
    await page.getByRole('heading', { name: '综合业务处理单' }).waitFor();
    const { pdf } = await printed(page, 'zonghe');
    let info = '';
    try {
      info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    } catch (e) {
      info = ''; // poppler-utils absent: the page count is not checked
    }
    expect(info === '' || /Pages:\s+1\b/.test(info), `not one A4 page: ${info}`);
    const body = await page.textContent('body');
    const no = body.match(/回执编号:\s*(ZH\d+)/);
    const code = body.match(/验证码:\s*([2-9A-HJ-NP-Z]{8})/);
    expect(no && code, 'no receipt number or code on the page');
    const pub = await launch('');
    try {
      await pub.page.goto(`${env.pubUrl}/verify`);
      await pub.page.fill('input[name="no"]', no[1]);
      await pub.page.fill('input[name="code"]', code[1].toLowerCase());
      await pub.page.click('button[type="submit"]');
      await pub.page.getByText('验证通过').waitFor();
      await shot(pub.page, 'verify-ok.png');
      await pub.page.fill('input[name="no"]', no[1]);
      await pub.page.fill('input[name="code"]', 'AAAAAAAA');
      await pub.page.click('button[type="submit"]');
      await pub.page.getByText('编号或验证码不正确').first().waitFor();
      await shot(pub.page, 'verify-bad.png');
    } finally {
      await pub.browser.close();
    }
  } finally {
    await browser.close();
  }
});
