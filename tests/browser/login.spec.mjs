// login.spec.mjs: certificate login in a real browser: demo-vip with
// its client certificate and a fresh initial password, the forced
// change of the initial password, the 首页 with its 待办任务列表.
import { test, launch, login, shot, expect, env, resetPassword, PASSWORD } from './hall.mjs';

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
    await page.getByRole('heading', { name: '业务回执真伪验证' }).waitFor();
    await shot(page, 'verify.png');
  } finally {
    await browser.close();
  }
});
