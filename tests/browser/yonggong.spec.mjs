// yonggong.spec.mjs: 用工备案, 备案查询 and 撤销 in a real browser, as a
// clerk of demo-vip (a VIP unit: 系统自动审核 decides both tasks at once,
// so the test does not depend on the reviewer desk).
//
// 1. 用工备案: a person the hall has never seen (a valid GB 11643 number
//    made here), the form filled, saved, the 劳动合同 scan uploaded,
//    submitted; the employment is 在职.
// 2. 备案查询: found by 姓名, its detail opened, 《用工备案表》 printed on
//    one A4 page with its 回执编号 and 验证码.
// 3. 撤销 of another registration of the unit (made in the store, not
//    insured, so 其他 needs no 减员 first): 备案查询 → 详情 → 撤销, reason
//    其他 with a written explanation, the materials it lists uploaded,
//    submitted; the 撤销申请编号 read off the page is found by 撤销申请查询,
//    and 备案查询 shows the registration 已撤销.
// Screenshots (tests/out): yonggong-refused.png (性别 against the
// 身份证号), yonggong-form.png, yonggong-done.png,
// yonggong-beian.png, yonggong-reg.png, yonggong-table.{pdf,png},
// yonggong-chexiao-refused.png (a vague 说明), yonggong-chexiao-form.png,
// yonggong-chexiao-done.png, yonggong-chexiao-receipt.{pdf,png},
// yonggong-chexiao-lookup.png, yonggong-revoked.png.
import path from 'node:path';
import { execFileSync } from 'node:child_process';
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

/** The hall's date (UTC+8) days from today, YYYY-MM-DD. */
function hallDate(days) {
  const t = new Date(Date.now() + 8 * 3600e3 + days * 86400e3);
  return t.toISOString().slice(0, 10);
}

/** A 3-digit sequence code from the pid: odd for a man, even for a woman. */
function seq(odd) {
  return String(100 + (process.pid % 400) * 2 + (odd ? 1 : 0)).slice(-3);
}

/** Clicks selector and waits for the page it loads. */
async function clickAndLoad(page, selector) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.click(selector)]);
}

/** Uploads file as material code on a task page with the materials table. */
async function upload(page, code, file) {
  await page.setInputFiles(`#m-${code} input[type="file"]`, file);
  await clickAndLoad(page, `#m-${code} button[type="submit"]`);
  expect(await page.locator(`#m-${code}`).getByText(path.basename(file)).count() > 0,
    `${code}: ${path.basename(file)} not shown as uploaded`);
}

/** Searches 备案查询 by 姓名 and returns the rows of the result. */
async function searchByName(page, name) {
  await page.goto(`${env.url}/beian`);
  await page.fill('input[name="name"]', name);
  await clickAndLoad(page, 'form.query button[type="submit"]');
  return page.locator('table.registrations tbody tr', { hasText: name });
}

/** Another 在职 registration of demo-vip, registered two months ago,
 *  its person not insured at the unit. */
function otherRegistration() {
  const idno = idcard('42010219900704' + seq(false));
  const start = hallDate(-60);
  const cno = `BR-CX-${process.pid}`;
  sql(`INSERT INTO persons (idno, name, sex, birth, hukou_type, mobile)
         VALUES ('${idno}', '柏撤销', '女', '1990-07-04', '城镇', '13900002222');
       INSERT INTO employments (person_id, unit_id, contract_no, start_date,
         end_date, post, registered_at, hire_date)
         SELECT p.id, a.unit_id, '${cno}', '${start}', NULL, '文员', '${start}', '${start}'
         FROM persons p, accounts a WHERE p.idno = '${idno}' AND a.username = 'demo-vip';`);
  const id = sql(`SELECT id FROM employments WHERE contract_no = '${cno}'`);
  expect(/^\d+$/.test(id), `no registration made: ${id}`);
  return { idno, cno, id, name: '柏撤销' };
}

const NEW = {
  name: '欧阳备案',
  idno: idcard('42010619950315' + seq(true)),
  birth: '1995-03-15',
  contract: `BR-YG-${process.pid}`,
};

test('用工备案: register a new person, 备案查询, print 《用工备案表》 (VIP)', async () => {
  expect(sql(`SELECT COUNT(*) FROM persons WHERE idno = '${NEW.idno}'`) === '0',
    `${NEW.idno} already known to the hall`);
  const hire = hallDate(-3);
  const { browser, page } = await launch('demo-vip');
  try {
    await login(page, 'demo-vip');
    // Reached from the menu, as a clerk would.
    await page.goto(`${env.url}/home`);
    await clickAndLoad(page, 'a[href="/yonggong"]');
    await page.getByRole('heading', { name: /用工备案/ }).first().waitFor();
    await page.fill('input[name="name"]', NEW.name);
    await page.fill('input[name="sfzh"]', NEW.idno);
    // 性别 first chosen against the 身份证号: refused, nothing typed lost.
    await page.selectOption('select[name="sex"]', '女');
    await page.fill('input[name="birth"]', NEW.birth);
    await page.selectOption('select[name="hukou_type"]', '城镇');
    await page.fill('input[name="phone"]', '13712345678');
    await page.selectOption('select[name="education"]', '大学本科');
    await page.selectOption('select[name="work_form"]', '全日制');
    await page.selectOption('select[name="category"]', '合同制');
    await page.fill('input[name="hire_date"]', hire);
    await page.fill('input[name="contract_no"]', NEW.contract);
    await page.fill('input[name="contract_start"]', hire);
    await page.fill('input[name="contract_end"]', hallDate(3 * 365));
    await page.fill('input[name="post"]', '软件工程师');
    await page.fill('input[name="job_type"]', '计算机程序设计员');
    await page.fill('input[name="wage"]', '8500.00');
    await clickAndLoad(page, '#btn-save');
    expect(await page.locator('.field-error, .msg-error').count() > 0,
      'a 性别 against the 身份证号 was accepted');
    for (const [sel, v] of [['input[name="name"]', NEW.name],
      ['input[name="sfzh"]', NEW.idno], ['input[name="contract_no"]', NEW.contract],
      ['input[name="wage"]', '8500.00'], ['select[name="education"]', '大学本科'],
      ['select[name="category"]', '合同制'], ['input[name="hire_date"]', hire]])
      expect(await page.inputValue(sel) === v, `${sel} lost on the refusal`);
    expect(!/\bYG_[A-Z_]+/.test(await page.textContent('body')),
      'a raw code is shown on the page');
    await shot(page, 'yonggong-refused.png');
    await page.selectOption('select[name="sex"]', '男');
    await shot(page, 'yonggong-form.png');
    await Promise.all([page.waitForURL(/\/yonggong\?id=\d+/), page.click('#btn-save')]);
    const taskId = new URL(page.url()).searchParams.get('id');
    expect(await page.locator('.msg-error').count() === 0,
      `save refused: ${await page.locator('.msg-error').first().textContent().catch(() => '')}`);
    // Typed values survive the save.
    expect(await page.inputValue('input[name="job_type"]') === '计算机程序设计员',
      '工种 lost on save');
    expect(await page.locator('#m-hetong_copy').getByText('劳动合同').count() > 0,
      'the 劳动合同 material is not listed');
    await upload(page, 'hetong_copy', PDF);
    await clickAndLoad(page, '#btn-submit');
    expect(await page.getByText('系统自动审核').first().isVisible(),
      'not reviewed by the system');
    expect(await page.locator('.state-done').first().isVisible(), 'not 结束');
    expect(await page.locator('#btn-print').count() === 1, 'no print button');
    expect(await page.locator(`#go-beian[href="/beian?idno=${NEW.idno}"]`).count() === 1,
      'no link to the registration in 备案查询');
    await shot(page, 'yonggong-done.png');
    const emp = sql(`SELECT e.status || '|' || e.reg_task_id || '|' || e.work_form ||
      '|' || e.late FROM employments e WHERE e.contract_no = '${NEW.contract}'`);
    expect(emp === `在职|${taskId}|全日制|0`, `the employment in the store: ${emp}`);

    // 备案查询 by 姓名: exactly the new registration.
    const rows = await searchByName(page, NEW.name);
    expect(await rows.count() === 1, `rows for ${NEW.name}: ${await rows.count()}`);
    const row = rows.first();
    expect(await row.getByText(NEW.idno).count() === 1, 'the 身份证号 is not in the row');
    expect(await row.getByText(NEW.contract).count() === 1, 'the 合同编号 is not in the row');
    expect(await row.locator('.state', { hasText: '在职' }).count() === 1, 'not 在职');
    await shot(page, 'yonggong-beian.png');
    await clickAndLoad(page, `table.registrations tr:has-text("${NEW.idno}") a:has-text("查看")`);
    expect(new URL(page.url()).pathname === '/beian/reg', `detail at ${page.url()}`);
    await page.getByText('用工备案详情').first().waitFor();
    expect(await page.locator('table.registration').getByText('计算机程序设计员').count() === 1,
      'the 工种 is not in the detail');
    expect(await page.locator('table.history').getByText('用工备案').count() > 0,
      'the history does not show the 用工备案');
    await shot(page, 'yonggong-reg.png');
    await clickAndLoad(page, 'a.action-print');
    expect(new URL(page.url()).pathname === '/print/yonggong', `print at ${page.url()}`);
    await page.getByRole('heading', { name: '用工备案表' }).waitFor();
    const body = await page.textContent('body');
    for (const s of [NEW.name, NEW.idno, NEW.contract, '软件工程师'])
      expect(body.includes(s), `${s} is not on the 用工备案表`);
    expect(/回执编号[::]\s*YG\d+/.test(body), 'no YG 回执编号');
    expect(/验证码[::]\s*[2-9A-HJ-NP-Z]{8}/.test(body), 'no 验证码');
    const { pdf } = await printed(page, 'yonggong-table');
    let info = '';
    try {
      info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    } catch (e) {
      info = ''; // poppler-utils absent: the page count is not checked
    }
    expect(info === '' || /Pages:\s+1\b/.test(info), `not one A4 page: ${info}`);
  } finally {
    await browser.close();
  }
});

test('撤销: another registration, 其他, 撤销申请查询, 已撤销 (VIP)', async () => {
  const reg = otherRegistration();
  const { browser, page } = await launch('demo-vip');
  try {
    await login(page, 'demo-vip');
    const rows = await searchByName(page, reg.name);
    expect(await rows.count() === 1, `rows for ${reg.name}: ${await rows.count()}`);
    await clickAndLoad(page, `table.registrations tr:has-text("${reg.idno}") a:has-text("查看")`);
    await clickAndLoad(page, 'a.action-chexiao');
    expect(new URL(page.url()).pathname === '/chexiao' &&
      new URL(page.url()).searchParams.get('emp') === reg.id, `撤销 at ${page.url()}`);
    expect(await page.locator('#registration').getByText(reg.cno).count() === 1,
      'the form does not show the registration');
    await page.selectOption('select[name="reason"]', '其他');
    // A vague explanation is refused and the typed values stay.
    await page.fill('textarea[name="explanation"]', '其他');
    await page.fill('input[name="handler_name"]', '李晓敏');
    await page.fill('input[name="handler_phone"]', '027-85551234');
    await page.check('input[name="handler_is_rep"][value="1"]');
    await clickAndLoad(page, '#btn-save');
    expect(await page.locator('.field-error, .msg-error').count() > 0,
      'a vague explanation was accepted');
    expect(await page.inputValue('select[name="reason"]') === '其他',
      'the 撤销原因 was lost on the refusal');
    await shot(page, 'yonggong-chexiao-refused.png');
    expect(await page.inputValue('input[name="handler_name"]') === '李晓敏',
      'the 经办人 was lost on the refusal');
    expect(!(await page.textContent('body')).includes('CX_'),
      'a raw code is shown on the page');
    const why = '员工入职当日即提出不再到岗,劳动合同未实际履行';
    await page.fill('textarea[name="explanation"]', why);
    await Promise.all([page.waitForURL(/\/chexiao\?id=\d+/), page.click('#btn-save')]);
    // 其他: the unit's papers and the 经办人's ID, no 授权委托书 (the
    // 经办人 is the 法定代表人).
    for (const code of ['yingye_zhizhao', 'fading_sfz', 'jingbanren_sfz'])
      expect(await page.locator(`#m-${code}`).count() === 1, `${code} not listed`);
    expect(await page.locator('#m-shouquan_weituoshu').count() === 0,
      '授权委托书 asked of a 法定代表人');
    await shot(page, 'yonggong-chexiao-form.png');
    await upload(page, 'yingye_zhizhao', PDF);
    // 营业执照 or 统一社会信用代码: the other one is no longer wanted.
    expect(await page.locator('#m-tongyi_daima').getByText('无需上传').count() === 1,
      '统一社会信用代码证书 still shown as missing');
    await upload(page, 'fading_sfz', JPG);
    await upload(page, 'jingbanren_sfz', JPG);
    await clickAndLoad(page, '#btn-submit');
    expect(await page.locator('.state-done').first().isVisible(), '撤销 not 结束');
    const no = (await page.textContent('#apply-no')).trim();
    expect(/^CX\d+$/.test(no), `撤销申请编号: ${no}`);
    expect(await page.getByText('用工登记状态为“已撤销”').count() === 1,
      'no 已撤销 message');
    await shot(page, 'yonggong-chexiao-done.png');
    const cxUrl = new URL(page.url());
    await clickAndLoad(page, '#btn-print');
    expect(new URL(page.url()).pathname === '/print/chexiao', `print at ${page.url()}`);
    expect((await page.textContent('body')).includes(no),
      'the 撤销申请回执 does not show the 撤销申请编号');
    await printed(page, 'yonggong-chexiao-receipt');

    // 撤销申请查询 from the menu of 就业失业.
    await page.goto(`${env.url}/beian`);
    await clickAndLoad(page, 'aside.leftmenu a:has-text("撤销申请查询")');
    expect(new URL(page.url()).pathname === '/chexiao/lookup', `lookup at ${page.url()}`);
    await page.fill('#lookup-form input[name="no"]', no);
    await clickAndLoad(page, '#lookup-form button[type="submit"]');
    expect(new URL(page.url()).pathname === '/chexiao' &&
      new URL(page.url()).searchParams.get('id') === cxUrl.searchParams.get('id'),
      `the lookup of ${no} went to ${page.url()}`);
    expect((await page.textContent('#apply-no')).trim() === no, 'another 撤销 found');
    await shot(page, 'yonggong-chexiao-lookup.png');

    const after = await searchByName(page, reg.name);
    expect(await after.locator('.state', { hasText: '已撤销' }).count() === 1,
      'not 已撤销 in 备案查询');
    await shot(page, 'yonggong-revoked.png');
    expect(sql(`SELECT status FROM employments WHERE id = ${reg.id}`) === '已撤销',
      'not 已撤销 in the store');
  } finally {
    await browser.close();
  }
});
