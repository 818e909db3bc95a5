// jiandu.spec.mjs: the office's 监管 page in a real browser, as the
// reviewer.  Two 进行中 退工 of demo-b (written straight into the store:
// one submitted 30 days ago, long past the 1-3 working days promised,
// one an hour ago) and a reviewer's 回退 of this month with its reason;
// the reviewer desk links to 监管, whose queue by age shows the overdue
// task first and marked 已超时, with its SVG bar, and whose 回退原因统计
// counts the reason, and the units are ranked by 离职及时率 (rows of
// lib/timeliness.c written for this year).  Screenshots (tests/out): jiandu.png,
// jiandu-returns.png.
import { test, launch, login, shot, expect, sql } from './hall.mjs';

const OLD = '2026000013000001';
const NEW = '2026000013000002';
const REASON = '浏览器测试:解除劳动合同证明书未加盖公章';

test('监管: the queue overdue first, 回退 by reason', async () => {
  sql(`INSERT OR IGNORE INTO tasks (seq_no, business, unit_id, state, summary,
    created_at, submitted_at, updated_at)
    SELECT '${OLD}', 'tuigong', unit_id, '进行中', '浏览器测试 超时',
    strftime('%s','now') - 30 * 86400, strftime('%s','now') - 30 * 86400,
    strftime('%s','now') - 30 * 86400 FROM accounts WHERE username = 'demo-b'`);
  sql(`INSERT OR IGNORE INTO tasks (seq_no, business, unit_id, state, summary,
    created_at, submitted_at, updated_at)
    SELECT '${NEW}', 'tuigong', unit_id, '进行中', '浏览器测试 新提交',
    strftime('%s','now') - 3600, strftime('%s','now') - 3600,
    strftime('%s','now') - 3600 FROM accounts WHERE username = 'demo-b'`);
  sql(`INSERT INTO task_events (task_id, action, from_state, to_state,
    actor_id, reason, at) SELECT t.id, 'task.reject', '进行中', '未提交',
    a.id, '${REASON}', strftime('%s','now') FROM tasks t, accounts a
    WHERE t.seq_no = '${NEW}' AND a.username = 'demo-reviewer'`);
  // 离职及时率 this year: demo-a 1 on time and 1 late (50.0%), demo-b 2 on
  // time (100.0%): demo-a ranks first, worst first.
  for (const [user, idno, late] of [['demo-a', 'JDB-A1', 0], ['demo-a', 'JDB-A2', 1],
    ['demo-b', 'JDB-B1', 0], ['demo-b', 'JDB-B2', 0]]) {
    sql(`INSERT OR IGNORE INTO timeliness_items (unit_id, kind, idno, ref_date,
      due_date, done_on, late) SELECT unit_id, 'tuigong', '${idno}',
      strftime('%Y-01-02', 'now', '+8 hours'), strftime('%Y-01-17', 'now', '+8 hours'),
      strftime('%Y-01-05', 'now', '+8 hours'), ${late} FROM accounts WHERE username = '${user}'`);
  }
  const { browser, page } = await launch('demo-reviewer');
  try {
    await login(page, 'demo-reviewer');
    await page.locator('p.desk-links a', { hasText: '监管' }).click();
    await page.waitForURL((u) => u.pathname === '/jiandu');
    await page.getByRole('heading', { name: '待审业务按时限' }).waitFor();
    const row = page.locator('table.jd-queue tr', { hasText: '退工登记' });
    const overdue = Number((await row.locator('td.overdue-count').textContent()).trim());
    expect(overdue >= 1, `退工 已超时 is ${overdue}`);
    expect(await row.locator('svg.age-bar').count() === 1, 'no SVG bar');
    const first = page.locator('table.jd-waiting tbody tr').first();
    expect(/已超时/.test(await first.textContent()), 'the first row is not overdue');
    const mine = page.locator('table.jd-waiting tr', { hasText: OLD });
    if (await mine.count() > 0)
      expect(/已超时/.test(await mine.textContent()), `${OLD} not overdue`);
    const reason = page.locator('table.reasons tr', { hasText: REASON });
    await reason.waitFor();
    expect(/\b1\b/.test(await reason.locator('td').nth(2).textContent()),
      'the reason is not counted once');
    // Worst first: the rates never go down the table; demo-a is there
    // (other specs may rank more units, and add to demo-a's rows).
    const rates = (await page.locator('table.ranking tbody tr td:last-child')
      .allTextContents()).map((t) => parseFloat(t));
    expect(rates.length >= 2, `ranking rows: ${rates.length}`);
    for (let i = 1; i < rates.length; i++)
      expect(rates[i - 1] <= rates[i], `ranking not worst first: ${rates}`);
    await page.locator('table.ranking tr', { hasText: '武汉市武昌区示例商贸有限公司' }).waitFor();
    await shot(page, 'jiandu.png');
    await page.goto(page.url().replace(/\/jiandu.*$/, '/jiandu/returns'));
    await page.getByRole('heading', { name: /回退原因统计/ }).waitFor();
    await page.locator('table.reasons tr', { hasText: REASON }).waitFor();
    await shot(page, 'jiandu-returns.png');
  } finally {
    await browser.close();
    sql(`UPDATE tasks SET state = '退单' WHERE seq_no IN ('${OLD}', '${NEW}')`);
    sql(`DELETE FROM timeliness_items WHERE idno LIKE 'JDB-%'`);
  }
});
