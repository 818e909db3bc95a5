// jianguan.spec.mjs: the unit's 监管与预警 page in a real browser.  A
// store prepared for demo-a (departures of last month: three on time,
// one late; two of the month before, both late; an open departure due
// in 2 days; a person still paying after 退工) is reached from the 首页
// link; the two charts are SVG bars drawn without script (12 each, last
// month's at 75%), the 预警 line links to 退工登记 for that person, the
// deadline message is in the 消息中心; a full-page screenshot is saved.
import { test, launch, login, shot, expect, env, sql } from './hall.mjs';

/** YYYY-MM-DD of today + days in the hall's time zone (UTC+8). */
function day(days) {
  const t = new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000);
  return t.toISOString().slice(0, 10);
}

/** The month n months before this one, YYYY-MM. */
function monthBack(n) {
  const t = new Date(Date.now() + 8 * 3600 * 1000);
  const m = t.getUTCFullYear() * 12 + t.getUTCMonth() - n;
  return `${Math.floor(m / 12)}-${String(m % 12 + 1).padStart(2, '0')}`;
}

/** Inserts a 退工 row of demo-a. */
function item(idno, name, ref, due, done, late) {
  sql(`INSERT INTO timeliness_items (unit_id, kind, idno, name, ref_date,
    due_date, done_on, late) SELECT unit_id, 'tuigong', '${idno}', '${name}',
    '${ref}', '${due}', ${done ? `'${done}'` : 'NULL'}, ${late}
    FROM accounts WHERE username = 'demo-a'`);
}

test('单位监管与预警: charts, 预警 and the message', async () => {
  const m1 = monthBack(1);
  const m2 = monthBack(2);
  item('BR0000000000000001', '浏览甲', `${m1}-02`, `${m1}-17`, `${m1}-10`, 0);
  item('BR0000000000000002', '浏览乙', `${m1}-03`, `${m1}-18`, `${m1}-12`, 0);
  item('BR0000000000000003', '浏览丙', `${m1}-04`, `${m1}-19`, `${m1}-19`, 0);
  item('BR0000000000000004', '浏览丁', `${m1}-05`, `${m1}-20`, `${m1}-25`, 1);
  item('BR0000000000000005', '浏览戊', `${m2}-05`, `${m2}-20`, `${m2}-26`, 1);
  item('BR0000000000000006', '浏览己', `${m2}-06`, `${m2}-21`, `${m2}-27`, 1);
  item('BR0000000000000007', '预警庚', day(-13), day(2), '', 0);
  const { browser, page } = await launch('demo-a');
  try {
    await login(page, 'demo-a');
    await page.getByRole('link', { name: '单位监管与预警' }).click();
    await page.waitForURL((u) => u.pathname === '/jianguan');
    await page.getByRole('heading', { name: /单位监管与预警/ }).first()
      .waitFor();
    const bars = page.locator('#chart-tuigong svg rect');
    expect(await bars.count() === 12, `tuigong bars: ${await bars.count()}`);
    expect(await page.locator('#chart-yonggong svg rect').count() === 12,
      'yonggong bars');
    // Last month: 3 of 4 on time; the month before: 0 of 2.
    const r1 = await page.locator(`#chart-tuigong rect[data-period="${m1}"]`)
      .getAttribute('data-rate');
    expect(r1 === '750', `last month's rate ${r1}`);
    const r2 = await page.locator(`#chart-tuigong rect[data-period="${m2}"]`)
      .getAttribute('data-rate');
    expect(r2 === '0', `the month before's rate ${r2}`);
    const h1 = Number(await page.locator(
      `#chart-tuigong rect[data-period="${m1}"]`).getAttribute('height'));
    expect(h1 === 90, `last month's bar height ${h1}`);
    expect(await page.locator('svg script').count() === 0,
      'script in the chart');
    const row = page.locator('table[data-list="tuigong-due"] tr',
      { hasText: '预警庚' });
    await row.waitFor();
    expect((await row.textContent()).includes('剩余2天'), 'state');
    const href = await row.getByRole('link', { name: '办理退工登记' })
      .getAttribute('href');
    expect(href === '/tuigong?sfzh=BR0000000000000007', `href ${href}`);
    await shot(page, 'jianguan.png');
    const n = sql(`SELECT COUNT(*) FROM messages m JOIN accounts a ON
      a.unit_id = m.unit_id WHERE a.username = 'demo-a'
      AND m.title LIKE '%预警庚%'`);
    expect(n === '1', `messages: ${n}`);
    await page.goto(`${env.url}/home`);
    await page.getByText(/退工登记预警:预警庚/).first().waitFor();
    await page.goto(`${env.url}/jianguan`);
    await page.getByRole('heading', { name: /单位监管与预警/ }).first()
      .waitFor();
    const again = sql(`SELECT COUNT(*) FROM messages m JOIN accounts a ON
      a.unit_id = m.unit_id WHERE a.username = 'demo-a'
      AND m.title LIKE '%预警庚%'`);
    expect(again === '1', `messages after a second view: ${again}`);
  } finally {
    await browser.close();
  }
});
