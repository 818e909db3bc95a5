// tuigong.spec.mjs: 退工登记 in a real browser.  demo-vip logs in with
// its client certificate, opens the form prefilled from the store by
// 身份证号, chooses 合同到期终止, saves, uploads the three materials the
// reason asks for, submits (a VIP unit: 系统自动审核 ends it at once),
// and prints the 《退工登记证明》.  Screenshots of the form, the finished
// task, the 首页 and the printed 证明 go to tests/out/.
import { test, launch, login, shot, printed, expect, env, sql } from './hall.mjs';
import path from 'node:path';

const FILES = path.resolve('../unit/fixtures/files');

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

/** Makes a demo-vip employee whose contract ended two days ago, with
 *  contributions already stopped (减员 done). */
function makeEmployee() {
  const idno = idcard('11010219880612' + String(100 + (process.pid % 400) * 2 + 1).slice(-3));
  const end = hallDate(-2);
  const start = hallDate(-2 - 3 * 365);
  const cno = `BR-${process.pid}`;
  sql(`INSERT INTO persons (idno, name, sex, birth, hukou_type, mobile)
         VALUES ('${idno}', '韩浏览', '男', '1988-06-12', '城镇', '13900001111');
       INSERT INTO employments (person_id, unit_id, contract_no, start_date,
         end_date, post, registered_at)
         SELECT p.id, a.unit_id, '${cno}', '${start}', '${end}', '技术员', '${start}'
         FROM persons p, accounts a WHERE p.idno = '${idno}' AND a.username = 'demo-vip';
       INSERT INTO insurance (person_id, unit_id, sb_no, start_month, status,
         stop_month, last_paid_month)
         SELECT p.id, a.unit_id, '4201990001', substr('${start}', 1, 7), '暂停缴费',
           substr('${end}', 1, 7), substr('${end}', 1, 7)
         FROM persons p, accounts a WHERE p.idno = '${idno}' AND a.username = 'demo-vip';`);
  return { idno, end, cno };
}

/** Clicks a submit button and waits for the page it loads. */
async function clickAndLoad(page, selector) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.click(selector)]);
}

test('退工登记: fill, upload, submit, print (VIP)', async () => {
  const who = makeEmployee();
  const { browser, page } = await launch('demo-vip');
  try {
    await login(page, 'demo-vip');
    await page.goto(`${env.url}/tuigong?sfzh=${who.idno}`);
    expect(await page.inputValue('input[name="name"]') === '韩浏览',
      'the form was not prefilled from the store');
    expect(await page.inputValue('input[name="contract_no"]') === who.cno,
      'the contract was not prefilled');
    await page.selectOption('select[name="reason"]', '合同到期终止');
    await page.fill('input[name="end_date"]', who.end);
    await page.fill('input[name="handler_name"]', '李晓敏');
    await page.fill('input[name="handler_title"]', '人事专员');
    await page.fill('input[name="handler_phone"]', '027-85551234');
    await clickAndLoad(page, '#btn-save');
    expect(await page.getByText('已保存').first().isVisible(),
      'no 已保存 message');
    // The materials of 合同到期终止 are listed before any upload.
    for (const name of ['解除/终止劳动合同证明书', '员工身份证复印件', '劳动合同复印件'])
      expect(await page.locator('table.materials').getByText(name).first().isVisible(),
        `material ${name} not listed`);
    await shot(page, 'tuigong-form.png');
    const uploads = [['jiechu_zhengming', 'ok.pdf'], ['sfz_copy', 'ok.jpg'],
      ['hetong_copy', 'ok.pdf']];
    for (const [code, file] of uploads) {
      await page.setInputFiles(`#m-${code} input[type="file"]`,
        path.join(FILES, file));
      await clickAndLoad(page, `#m-${code} button[type="submit"]`);
      expect(await page.locator(`#m-${code}`).getByText(file).isVisible(),
        `${code} not uploaded`);
    }
    // The submit form as it is now, to post it once more below.
    const submitForm = await page.locator('form[action="/tuigong/submit"]')
      .evaluate((f) => f.outerHTML);
    await clickAndLoad(page, '#btn-submit');
    expect(await page.getByText('系统自动审核').first().isVisible(),
      'not reviewed by the system');
    expect(await page.locator('.state-done').first().isVisible(), 'not 结束');
    await shot(page, 'tuigong-done.png');
    // The second click of a double click arrives after the first: the
    // task's page saying it is done, not an error page.
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      page.evaluate((html) => {
        document.body.insertAdjacentHTML('beforeend', html);
        document.querySelector('form[action="/tuigong/submit"]').submit();
      }, submitForm)]);
    expect(new URL(page.url()).searchParams.get('repeat') === '1',
      `the repeated submit went to ${page.url()}`);
    expect(await page.getByText('该业务已办结,无需再次提交').first().isVisible(),
      'no 已办结 message after the repeated submit');
    expect(!(await page.content()).includes('BAD_STATE'),
      'the repeated submit showed an error');
    expect(sql(`SELECT status FROM employments WHERE contract_no = '${who.cno}'`) === '已退工',
      'the employment is not 已退工');

    await page.goto(`${env.url}/home`);
    await shot(page, 'tuigong-home.png');

    await page.goto(`${env.url}/tuigong?id=${sql(`SELECT t.id FROM tasks t JOIN tuigong g ON g.task_id = t.id WHERE g.contract_no = '${who.cno}'`)}`);
    await clickAndLoad(page, '#btn-print');
    expect(new URL(page.url()).pathname === '/print/tuigong', `at ${page.url()}`);
    expect(await page.getByText('退工登记证明').first().isVisible(),
      'no 退工登记证明 on the print page');
    await printed(page, 'tuigong-certificate');
  } finally {
    await browser.close();
  }
});
