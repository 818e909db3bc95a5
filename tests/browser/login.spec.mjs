// login.spec.mjs: certificate login in a real browser: demo-vip with
// its client certificate and a fresh initial password, the forced
// change of the initial password, the 首页 with its 待办任务列表; a
// session that ends while the clerk types loses nothing (the form kept,
// offered again after the login, 继续提交), and a page opened after
// the session ended returns after the login.
import { test, launch, login, shot, expect, env, resetPassword, sql, PASSWORD } from './hall.mjs';

/** Ends every session of user, as 30 idle minutes would. */
function endSessions(user) {
  sql(`DELETE FROM sessions WHERE account_id = (SELECT id FROM accounts WHERE username = '${user}')`);
}

test('证书登录: initial password changed, 首页 shown', async () => {
  const { browser, page } = await launch('demo-vip');
  try {
    const initial = resetPassword('demo-vip');
    await page.goto(`${env.url}/login`);
    await shot(page, 'login.png');
    await page.fill('input[name="username"]', 'demo-vip');
    await page.fill('input[name="password"]', initial);
    await page.click('button[type="submit"]:has-text("登录")');
    await page.waitForURL((u) => u.pathname === '/login/password');
    await page.fill('input[name="old"]', initial);
    await page.fill('input[name="pw"]', PASSWORD);
    await page.fill('input[name="pw2"]', PASSWORD);
    await page.click('button[type="submit"]:has-text("确认修改")');
    await page.waitForURL((u) => u.pathname === '/home');
    const heading = page.getByRole('heading', { name: '待办任务列表' });
    await heading.waitFor({ state: 'visible' });
    expect(await heading.isVisible(), '待办任务列表 is not visible');
    expect(await page.getByText('已办任务列表').first().isVisible(),
      '已办任务列表 is not visible');
    await shot(page, 'home.png');
  } finally {
    await browser.close();
  }
});

test('证书登录: helper login() lands on 首页 again', async () => {
  const { browser, page } = await launch('demo-vip');
  try {
    await login(page, 'demo-vip');
    expect(new URL(page.url()).pathname === '/home', `at ${page.url()}`);
  } finally {
    await browser.close();
  }
});

test('no certificate: nginx refuses the hall', async () => {
  const { browser, page } = await launch('');
  try {
    const res = await page.goto(`${env.url}/login`).catch((e) => e);
    // nginx answers 400 after the handshake when no certificate is sent.
    expect(!(res instanceof Error) ? res.status() === 400 : true,
      'the hall answered without a certificate');
  } finally {
    await browser.close();
  }
});

test('public verification page without a certificate', async () => {
  const { browser, page } = await launch('');
  try {
    const res = await page.goto(`${env.pubUrl}/verify`);
    expect(res.status() === 200, `status ${res.status()}`);
    await page.getByRole('heading', { name: '回执与名册真伪验证' }).waitFor();
    await shot(page, 'verify.png');
  } finally {
    await browser.close();
  }
});

test('登录超时: 填写的内容保留,登录后核对并继续提交', async () => {
  const { browser, page } = await launch('demo-a');
  try {
    await login(page, 'demo-a');
    await page.goto(`${env.url}/biangeng/unit`);
    const contact = `续登${Date.now() % 100000}`;
    await page.fill('input[name="contact"]', contact);
    endSessions('demo-a');
    const [res] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/biangeng/unit' &&
        r.request().method() === 'POST'),
      page.click('button[type="submit"]:has-text("提交")'),
    ]);
    expect(res.status() === 401, `status ${res.status()}`);
    await page.getByText('登录已超时,请重新登录。您填写的内容已保留,登录后将继续提交').waitFor();
    await shot(page, 'relogin.png');
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/login/resume'),
      page.click('button[type="submit"]:has-text("登录")')]);
    await page.getByRole('cell', { name: contact, exact: true }).waitFor();
    await shot(page, 'resume.png');
    await Promise.all([page.waitForURL((u) => u.pathname === '/biangeng/unit'),
      page.click('button[type="submit"]:has-text("继续提交")')]);
    const stored = sql("SELECT u.contact FROM units u JOIN accounts a ON a.unit_id = u.id WHERE a.username = 'demo-a'");
    expect(stored === contact, `contact is ${stored}, want ${contact}`);
    expect(sql(`SELECT COUNT(*) FROM pending_posts WHERE body LIKE '%contact=%'`) === '0',
      'the kept form was not used up');
  } finally {
    await browser.close();
  }
});

test('登录超时: 打开的页面在登录后返回', async () => {
  const { browser, page } = await launch('demo-a');
  try {
    await login(page, 'demo-a');
    endSessions('demo-a');
    await page.goto(`${env.url}/biangeng/records`);
    await page.waitForURL((u) => u.pathname === '/login' &&
      u.searchParams.get('next') === '/biangeng/records');
    await page.getByText('登录已超时,请重新登录', { exact: true }).waitFor();
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/biangeng/records'),
      page.click('button[type="submit"]:has-text("登录")')]);
    await page.locator('table.records').waitFor();
  } finally {
    await browser.close();
  }
});
