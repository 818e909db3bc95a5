// jianyuan.spec.mjs: 城镇职工减少 in a real browser.  demo-vip (a VIP
// unit: the system reviews at once) queries its insured persons,
// selects two with 减少原因 停缴费, saves, attaches to each the proof
// rule 4 asks for (neither has a 退工 yet), submits, and the next day
// prints the 《综合业务处理单》.  Screenshots: jianyuan-query.png,
// jianyuan-task.png (materials demanded), jianyuan-uploaded.png,
// jianyuan-done.png, jianyuan-zonghe-notyet.png (the 处理单 asked for on
// the day of approval), jianyuan-table (《企业参保人员减员表》) and
// jianyuan-zonghe (the printed 处理单, PDF and PNG) in tests/out.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, launch, login, shot, printed, expect, sql, setClock, env } from './hall.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PDF = path.resolve(here, '../unit/fixtures/files/ok.pdf');
const JPG = path.resolve(here, '../unit/fixtures/files/ok.jpg');

/** Hall time (UTC+8) of now + secs as "YYYY-MM-DD HH:MM:SS". */
function hallTime(secs) {
  const d = new Date(Date.now() + (8 * 3600 + secs) * 1000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** Two 参保缴费 合同制 persons of demo-vip with no arrears, 退工 or 减员. */
function twoPersons() {
  const rows = sql("SELECT p.id || '|' || p.name FROM persons p JOIN insurance i " +
    "ON i.person_id = p.id JOIN employments e ON e.person_id = p.id AND " +
    "e.unit_id = i.unit_id JOIN accounts a ON a.unit_id = i.unit_id WHERE " +
    "a.username = 'demo-vip' AND i.status = '参保缴费' AND e.status = '在职' " +
    "AND e.category = '合同制' AND e.is_legal_rep = 0 AND i.multi_injury = 0 " +
    "AND NOT EXISTS (SELECT 1 FROM arrears r WHERE r.person_id = p.id AND " +
    "r.settled = 0) AND NOT EXISTS (SELECT 1 FROM jianyuan j WHERE " +
    "j.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM tuigong g WHERE " +
    "g.person_id = p.id) ORDER BY p.id DESC LIMIT 2").split('\n');
  expect(rows.length === 2 && rows[1], `two persons wanted, got ${rows}`);
  return rows.map((r) => { const [id, name] = r.split('|'); return { id, name }; });
}

test('城镇职工减少: two persons, attachments, submit, 综合业务处理单', async () => {
  const sod = (Date.now() / 1000 + 8 * 3600) % 86400;
  const nowShift = sod > 86400 - 600 ? 900 : 0;
  setClock(hallTime(nowShift));
  // The 12-21..01-15 window asks for the annual declaration first.
  sql("INSERT OR IGNORE INTO wage_declarations (unit_id, year, declared_at) " +
    "SELECT id, CAST(strftime('%Y','now') AS INTEGER), 0 FROM units; " +
    "INSERT OR IGNORE INTO wage_declarations (unit_id, year, declared_at) " +
    "SELECT id, CAST(strftime('%Y','now') AS INTEGER) + 1, 0 FROM units");
  const [p1, p2] = twoPersons();
  const { browser, page } = await launch('demo-vip');
  try {
    await login(page, 'demo-vip');
    await page.goto(`${env.url}/jianyuan`);
    await page.getByRole('heading', { name: /城镇职工减少/ }).first().waitFor();
    await page.selectOption('select[name="reason"]', '停缴费');
    await page.check(`#pid-${p1.id}`);
    await page.check(`#pid-${p2.id}`);
    await shot(page, 'jianyuan-query.png');
    await Promise.all([page.waitForURL(/\/jianyuan\?id=\d+/),
      page.click('button[type="submit"]:has-text("保存")')]);
    const id = new URL(page.url()).searchParams.get('id');
    // Each person's row shows rule 4's words and an upload form.
    for (const p of [p1, p2]) {
      const row = page.locator('tr', { hasText: p.name });
      expect(await row.getByText('退工花名册').count() > 0,
        `${p.name}: rule 4 materials not shown`);
    }
    await shot(page, 'jianyuan-task.png');
    // Submitting without the files is refused, naming the persons.
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/jianyuan/submit')),
      page.click('button[type="submit"]:has-text("提交")')]);
    await page.waitForLoadState('load');
    expect(await page.getByText(`${p1.name}(`).count() > 0,
      'the refusal does not name the person');
    for (const [p, file, mat] of [[p1, PDF, 'jiechu_guanxi_zhengming'],
      [p2, JPG, 'xin_yonggong_beian']]) {
      const form = page.locator('tr', { hasText: p.name }).locator('form.upload');
      await form.locator('select[name="material"]').selectOption(mat);
      await form.locator('input[type="file"]').setInputFiles(file);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/jianyuan/upload')),
        form.locator('button:has-text("上传附件")').click()]);
      await page.waitForLoadState('load');
    }
    expect(await page.getByText('已上传').count() >= 2, 'uploads not shown');
    // 提交 / 退单 / 打印减员表 stand apart on one line.
    const boxes = [];
    for (const name of ['提交', '退单', '打印减员表']) {
      const el = name === '打印减员表' ? page.getByRole('link', { name })
        : page.getByRole('button', { name, exact: true });
      boxes.push(await el.boundingBox());
    }
    for (let i = 1; i < boxes.length; i++) {
      const gap = boxes[i].x - (boxes[i - 1].x + boxes[i - 1].width);
      expect(gap >= 8, `buttons ${i - 1} and ${i} touch: gap ${gap}px`);
    }
    await shot(page, 'jianyuan-uploaded.png');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/jianyuan/submit')),
      page.click('button[type="submit"]:has-text("提交")')]);
    await page.getByText('减员已办结').waitFor();
    // The day of approval: no link to the 处理单 yet, only the day.
    expect(await page.locator('a[href^="/print/zonghe"]').count() === 0,
      'the 处理单 is linked on the day of approval');
    expect(await page.locator('.print-later', { hasText: /可于 \d{4}-\d{2}-\d{2} 起打印综合业务处理单/ }).count() === 1,
      'no note saying from when the 处理单 prints');
    await shot(page, 'jianyuan-done.png');
    const early = await page.goto(`${env.url}/print/zonghe?id=${id}`);
    expect(early.status() === 409, `处理单 on the day: ${early.status()}`);
    await page.getByRole('heading', { name: '暂不能打印' }).waitFor();
    expect(await page.getByText('业务状态已变化').count() === 0, 'shown as an error');
    await shot(page, 'jianyuan-zonghe-notyet.png');
    const stopped = sql(`SELECT COUNT(*) FROM insurance WHERE person_id IN (${p1.id}, ${p2.id}) AND status = '暂停缴费'`);
    expect(stopped === '2', `stopped: ${stopped}`);
    await page.goto(`${env.url}/jianyuan/table?id=${id}`);
    await printed(page, 'jianyuan-table');
    // The 处理单 from the next day on.
    const nextDay = hallTime(86400 - sod + 60 + nowShift);
    setClock(nextDay.slice(0, 10) + ' 09:00:00');
    await login(page, 'demo-vip');
    await page.goto(`${env.url}/print/zonghe?id=${id}`);
    await page.getByText(p1.name).first().waitFor();
    // One row per person in the persons table, the number on one line.
    const rows = page.locator('table.receipt-persons tbody tr');
    expect(await rows.count() === 2, `persons rows: ${await rows.count()}`);
    for (const p of [p1, p2]) {
      const cell = rows.filter({ hasText: p.name }).locator('td.idno');
      const box = await cell.boundingBox();
      const lh = await cell.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight) ||
        parseFloat(getComputedStyle(e).fontSize) * 1.6);
      expect(box.height < 2 * lh + 12, `${p.name}: 社会保障号码 wraps (${box.height}px)`);
    }
    await printed(page, 'jianyuan-zonghe');
  } finally {
    setClock(null);
    await browser.close();
  }
});
