// dabao.spec.mjs: 入职打包 (打包快办) in a real browser, as a clerk of
// demo-vip (a VIP unit: 系统自动审核 decides each task at once, so the
// test does not depend on the reviewer desk).
//
// The form (用工备案 + 增员 of a person the hall has never seen, the
// fields both share asked once) reached from the 打包快办 menu, saved:
// two tasks, each with its 业务顺序号; both steps' materials uploaded
// from the package's page and 提交: the 用工备案 ends and the hall
// submits the 增员 in the same transaction (Wuhan's 增员 needs the
// registration), which ends too; the package 已办结, the 首页 shows the
// messages, and 《企业参保人员增员表》 of the 增员 prints.
// Screenshots (tests/out): dabao-ruzhi-form.png, dabao-ruzhi-pkg.png,
// dabao-ruzhi-done.png, dabao-home.png, dabao-zengyuan-table.{pdf,png}.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, launch, login, shot, printed, expect, sql, env } from './hall.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PDF = path.resolve(here, '../unit/fixtures/files/ok.pdf');
const JPG = path.resolve(here, '../unit/fixtures/files/ok.jpg');

/** Completes a 17-digit body with its GB 11643 check digit. */
function idcard(body) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i];
  return body + '10X98765432'[sum % 11];
}

/** The hall's date (UTC+8) today, YYYY-MM-DD. */
function hallToday() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
}

/** Clicks selector and waits for the page it loads. */
async function clickAndLoad(page, selector) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.click(selector)]);
}

/** Uploads ok.pdf for every material the package's page still needs. */
async function uploadNeeded(page) {
  for (let i = 0; i < 10; i++) {
    const row = page.locator('tr.material.need').first();
    if (await row.count() === 0) return;
    // The 电子相片 (zhaopian) is a JPG; the rest are scans.
    const id = await row.getAttribute('id');
    await row.locator('input[type="file"]').setInputFiles(
      id.endsWith('-zhaopian') ? JPG : PDF);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      row.locator('button[type="submit"]').click()]);
    expect(await page.locator('.msg-error').count() === 0,
      `upload refused: ${await page.locator('.msg-error').first().textContent().catch(() => '')}`);
  }
  throw new Error('materials still needed after 10 uploads');
}

const seqno = String(100 + (process.pid % 400) * 2 + 1).slice(-3);
const NEW = {
  name: '欧阳入职',
  idno: idcard('11010219970412' + seqno),
  birth: '1997-04-12',
  contract: `BR-RZ-${process.pid}`,
};

test('入职打包: 用工备案 + 增员 in one form, the hall runs them in order (VIP)', async () => {
  expect(sql(`SELECT COUNT(*) FROM persons WHERE idno = '${NEW.idno}'`) === '0',
    `${NEW.idno} already known to the hall`);
  const today = hallToday();
  const { browser, page } = await launch('demo-vip');
  try {
    await login(page, 'demo-vip');
    // From the top menu 打包快办, as a clerk would.
    await page.goto(`${env.url}/home`);
    await clickAndLoad(page, 'a[href="/dabao/ruzhi"]');
    await page.getByRole('heading', { name: /入职打包/ }).first().waitFor();
    expect(await page.locator('input[name="sfzh"]').count() === 1,
      'the 身份证号 both businesses share is asked more than once');
    await page.fill('input[name="name"]', NEW.name);
    await page.fill('input[name="sfzh"]', NEW.idno);
    await page.selectOption('select[name="sex"]', '男');
    await page.fill('input[name="birth"]', NEW.birth);
    await page.selectOption('select[name="hukou_type"]', '城镇');
    await page.fill('input[name="phone"]', '13712345678');
    await page.selectOption('select[name="education"]', '大学本科');
    await page.fill('input[name="contract_no"]', NEW.contract);
    await page.fill('input[name="contract_start"]', today);
    await page.check('input[name="open_ended"]');
    await page.fill('input[name="post"]', '出纳');
    await page.fill('input[name="wage"]', '7000.00');
    await page.fill('input[name="hire_date"]', today);
    await page.fill('input[name="zy_wage"]', '7000.00');
    await page.fill('input[name="zy_hukou_addr"]', '北京市西城区');
    await shot(page, 'dabao-ruzhi-form.png');
    await Promise.all([page.waitForURL(/\/dabao\/pkg\?id=\d+/), page.click('#save')]);
    const pkgId = new URL(page.url()).searchParams.get('id');
    expect(await page.locator('#step-1 td.mono').textContent() !== '',
      'the 用工备案 has no 业务顺序号');
    await uploadNeeded(page);
    const t2 = sql(`SELECT COALESCE(task_id, 0) FROM package_steps
                     WHERE package_id = ${pkgId} AND step_no = 2`);
    expect(t2 !== '0', 'the 增员 was not saved with the 用工备案');
    await shot(page, 'dabao-ruzhi-pkg.png');
    await clickAndLoad(page, '#submit');
    if (await page.locator('tr.material.need').count() > 0) {
      expect((await page.textContent('#pkg-state')).includes('待处理'),
        'a 增员 refused for its materials is not 待处理');
      await uploadNeeded(page);
      await clickAndLoad(page, '#submit');
    }
    expect((await page.textContent('#pkg-state')).includes('已办结'),
      `package not 已办结: ${await page.textContent('#pkg-state')}`);
    expect(sql(`SELECT state FROM tasks WHERE id = ${t2}`) === '结束',
      'the 增员 did not end');
    await shot(page, 'dabao-ruzhi-done.png');
    await page.goto(`${env.url}/home`);
    await shot(page, 'dabao-home.png');
    await page.goto(`${env.url}/print/zengyuan?id=${t2}`);
    expect((await page.textContent('body')).includes(NEW.name),
      '增员表 does not name the person');
    await printed(page, 'dabao-zengyuan-table');
  } finally {
    await browser.close();
  }
});
