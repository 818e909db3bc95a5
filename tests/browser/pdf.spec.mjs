// pdf.spec.mjs: a receipt's PDF in a real browser (issue 14): the print
// page of an approved task shows its QR code (inline SVG), the office's
// seal (/print/seal.png) over the issuing authority and a 下载 PDF link; the browser downloads the PDF, whose first page is saved as a
// PNG (pdftoppm) under the test output, and which carries the 回执编号
// and 验证码 the page shows.
import { test, launch, login, shot, expect, env, sql } from './hall.mjs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SEQ = '2026000099000014';

test('回执 PDF: downloaded, first page saved as PNG', async () => {
  sql(`INSERT OR IGNORE INTO tasks (seq_no, business, unit_id, state, summary,
    created_at, submitted_at, decided_at, decided_by, updated_at)
    SELECT '${SEQ}', 'fixture', unit_id, '结束', '浏览器测试 李归档',
    strftime('%s','now') - 2 * 86400 - 600, strftime('%s','now') - 2 * 86400 - 300,
    strftime('%s','now') - 2 * 86400, 0, strftime('%s','now') - 2 * 86400
    FROM accounts WHERE username = 'demo-vip'`);
  const id = sql(`SELECT id FROM tasks WHERE seq_no = '${SEQ}'`);
  expect(/^\d+$/.test(id), `no task ${SEQ}: '${id}'`);
  const { browser, page } = await launch('demo-vip');
  try {
    await login(page, 'demo-vip');
    await page.goto(`${env.url}/print/zonghe?id=${id}`);
    await page.getByRole('heading', { name: '综合业务处理单' }).waitFor();
    const qr = page.locator('svg.receipt-qr');
    expect(await qr.count() === 1, 'no QR code on the print page');
    const box = await qr.boundingBox();
    expect(box && box.width > 50 && box.height > 50, 'the QR code is not drawn');
    const seal = page.locator('img.receipt-seal');
    expect(await seal.count() === 1, 'no seal over the issuing authority');
    const loaded = await seal.evaluate((i) => i.complete && i.naturalWidth > 0);
    expect(loaded, 'the seal image does not load');
    await shot(page, 'receipt-qr.png');
    const body = await page.textContent('body');
    const no = body.match(/回执编号:\s*(ZH\d+)/);
    const code = body.match(/验证码:\s*([2-9A-HJ-NP-Z]{8})/);
    expect(no && code, 'no receipt number or code on the page');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '下载 PDF' }).click(),
    ]);
    expect(/\.pdf$/.test(download.suggestedFilename()),
      `download named ${download.suggestedFilename()}`);
    mkdirSync(env.out, { recursive: true });
    const pdf = path.join(env.out, 'receipt-zonghe.pdf');
    await download.saveAs(pdf);
    const head = readFileSync(pdf).subarray(0, 5).toString('latin1');
    expect(head === '%PDF-', `not a PDF: ${head}`);
    // The first page as a PNG beside it: receipt-zonghe-page1.png.
    const stem = path.join(env.out, 'receipt-zonghe-page1');
    execFileSync('pdftoppm', ['-r', '100', '-f', '1', '-l', '1', '-singlefile',
      '-png', pdf, stem]);
    expect(existsSync(`${stem}.png`) && statSync(`${stem}.png`).size > 10000,
      'no PNG of the first page');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'],
      { encoding: 'utf8' });
    expect(text.includes(no[1]), `the PDF lacks ${no[1]}`);
    expect(text.includes(code[1]), `the PDF lacks ${code[1]}`);
    expect(text.includes('综合业务处理单'), 'the PDF lacks its title');
  } finally {
    await browser.close();
  }
});
