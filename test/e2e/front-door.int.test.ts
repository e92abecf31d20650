// The web app's front door in a real browser: Debian's /usr/bin/chromium driven by
// playwright-core against `vitalis serve` (embedded mode, a fresh data folder). Screenshots of
// every step go to test-artifacts/e2e/.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { childEnv, runCli, startServer, type RunningServer } from '../support/processes.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const repo = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));
const ARTIFACTS = repo('test-artifacts/e2e');
const WEB = repo('web');
const STEP_MS = 15_000;

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

/** `npm test` builds the web app first; when run alone, build it here if it is missing or stale. */
async function ensureWebBuild(): Promise<void> {
  const built = path.join(WEB, 'dist', 'index.html');
  const sources = Math.max(newestMtime(path.join(WEB, 'src')), newestMtime(path.join(WEB, 'index.html')), newestMtime(path.join(WEB, 'vite.config.ts')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  const child = spawn(process.execPath, [repo('node_modules/vite/bin/vite.js'), 'build', '--config', path.join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  assert.equal(code, 0, `vite build failed:\n${output}`);
}

/** Polls the embedded outbox (newest first) until a mail to `to` carries a link to `pathname`. */
async function linkFromOutbox(env: NodeJS.ProcessEnv, to: string, pathname: string, timeoutMs = 20_000): Promise<URL> {
  const deadline = Date.now() + timeoutMs;
  const pattern = new RegExp(`https?://[^\\s"'<>\\\\]+${pathname.replace(/[/]/g, '\\/')}\\?token=[^\\s"'<>\\\\]+`);
  let last = '';
  while (Date.now() < deadline) {
    const result = await runCli(['outbox', '--to', to, '--json'], env);
    last = `${result.stdout}${result.stderr}`;
    const match = result.code === 0 ? pattern.exec(result.stdout) : null;
    if (match) return new URL(match[0]);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no mail to ${to} with a ${pathname} link within ${timeoutMs} ms; last outbox answer:\n${last}`);
}

interface BrowserPage {
  page: Page;
  /** Script errors and CSP violations seen so far. */
  problems: string[];
  shot(name: string): Promise<unknown>;
  close(): Promise<void>;
}

async function openPage(browser: Browser, width = 1280, height = 860): Promise<BrowserPage> {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_MS);
  page.setDefaultNavigationTimeout(STEP_MS);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return {
    page,
    problems,
    shot: (name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true }),
    close: () => context.close(),
  };
}

async function api<T>(base: string, method: string, pathname: string, body?: unknown, accessToken?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${pathname}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(STEP_MS),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const totpStep = () => Math.floor(Date.now() / 30_000);

/** A code is accepted once: wait (at most one step) until the authenticator shows a new one. */
async function freshTotp(secret: string, usedStep: number): Promise<string> {
  const deadline = Date.now() + 35_000;
  while (totpStep() <= usedStep) {
    assert.ok(Date.now() < deadline, 'the TOTP step did not advance');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return generate({ secret });
}

describe('the front door in a real browser', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (Debian package chromium; .ci/run installs it)` }, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  before(async () => {
    await ensureWebBuild();
    await mkdir(ARTIFACTS, { recursive: true });
    dir = await mkdtemp(path.join(tmpdir(), 'vitalis-e2e-'));
    env = childEnv({ VITALIS_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1' });
    server = await startServer(env);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
  });

  after(async () => {
    await browser?.close();
    if (server) {
      server.child.kill('SIGTERM');
      const stopped = await Promise.race([server.exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 15_000))]);
      if (stopped === 'timeout') server.child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('signs up, verifies the email, signs in, enrols MFA, signs out and back in with a code, and lands on the dashboard', { timeout: 180_000 }, async (t: TestContext) => {
    const url = server!.url;
    const probe = await api<unknown>(url, 'POST', '/api/v1/auth/sign-up', {});
    if (probe.status === 404) {
      t.skip('POST /api/v1/auth/sign-up answers 404: the identity routes are not served yet');
      return;
    }

    const { page, problems, shot, close } = await openPage(browser!);
    const email = `e2e-${randomUUID().slice(0, 8)}@example.org`;
    const password = 'quiet-harbour-lantern-1987';
    const name = 'Ada Lovelace';

    try {
      // Sign up (the home page sends a signed-out visitor to sign in, which links to sign-up).
      await page.goto(`${url}/`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByRole('link', { name: 'Create an account' }).click();
      await page.getByRole('heading', { name: 'Create your account' }).waitFor();
      await page.getByLabel('Full name').fill(name);
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await shot('01-sign-up');
      const signedUp = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sign-up') && r.request().method() === 'POST');
      await page.getByRole('button', { name: 'Create account' }).click();
      const signUpAnswer = await signedUp;
      assert.equal(signUpAnswer.status(), 201, await signUpAnswer.text());
      const tenantName = ((await signUpAnswer.json()) as { tenant: { name: string } }).tenant.name;
      await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
      await shot('02-check-inbox');

      // The verification link, from the outbox, opened in the browser.
      const link = await linkFromOutbox(env, email, '/verify-email');
      await page.goto(`${url}${link.pathname}${link.search}`);
      await page.getByRole('heading', { name: 'Email verified' }).waitFor();
      await shot('03-email-verified');

      // Sign in with the password alone.
      await page.getByRole('link', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(`${url}/dashboard`);
      await page.getByRole('heading', { level: 1, name: tenantName }).waitFor();
      await shot('04-dashboard');

      // Enrol TOTP: the QR code as an image, the secret as text; confirm with a computed code.
      await page.getByRole('link', { name: 'Security' }).click();
      await page.getByRole('heading', { level: 1, name: 'Security' }).waitFor();
      await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
      const secretText = await page.locator('#mfa-secret').textContent();
      const secret = (secretText ?? '').replace(/\s+/g, '');
      assert.match(secret, /^[A-Z2-7]{16,}=*$/, `a base32 secret on the page, got ${secretText}`);
      const qr = page.getByRole('img', { name: /QR code/ });
      await qr.waitFor();
      assert.equal(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), true, 'the QR image renders');
      assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml/);
      await shot('05-mfa-scan');
      const confirmStep = totpStep();
      await page.getByLabel('6-digit code').fill(await generate({ secret }));
      await page.getByRole('button', { name: 'Turn on' }).click();
      const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
      await codes.first().waitFor();
      assert.equal(await codes.count(), 10);
      await shot('06-recovery-codes');
      await page.getByRole('button', { name: 'I have saved my codes' }).click();
      await page.getByText('Two-factor authentication is on.').waitFor();

      // Sign out, then back in: the password, then a fresh code.
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      const codeField = page.getByLabel('Authentication code');
      await codeField.waitFor();
      await shot('07-mfa-step');
      await codeField.fill(await freshTotp(secret, confirmStep));
      await page.getByRole('button', { name: 'Verify and sign in' }).click();
      await page.waitForURL(`${url}/dashboard`);
      await page.getByRole('heading', { level: 1, name: tenantName }).waitFor();
      await shot('08-dashboard-after-mfa');

      // The same page on a phone.
      await page.setViewportSize({ width: 375, height: 812 });
      await shot('09-dashboard-375px');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at 375 px (overflow ${overflow}px)`);

      assert.deepEqual(problems, [], 'no script errors or CSP violations');
    } catch (error) {
      await shot('failure').catch(() => undefined);
      throw error;
    } finally {
      await close();
    }
  });

  it('lets the admin of a white-label clinic invite a clinician, who signs up and joins; the admin then changes the role and removes them', { timeout: 180_000 }, async (t: TestContext) => {
    const url = server!.url;
    const probe = await api<unknown>(url, 'POST', '/api/v1/invitations/0000000000000000/accept');
    if (probe.status === 404 && (await api<unknown>(url, 'GET', '/api/v1/tenants/00000000-0000-4000-8000-000000000000/members')).status === 404) {
      t.skip('the member and invitation routes are not served yet');
      return;
    }

    // The admin: an account made through the API, then made the first admin of a white-label tenant.
    const suffix = randomUUID().slice(0, 8);
    const adminEmail = `e2e-admin-${suffix}@example.org`;
    const password = 'steady-maple-compass-2041';
    assert.equal((await api(url, 'POST', '/api/v1/auth/sign-up', { email: adminEmail, password, name: 'Dr. Mara Quinn' })).status, 201);
    const adminLink = await linkFromOutbox(env, adminEmail, '/verify-email');
    assert.equal((await api(url, 'POST', '/api/v1/auth/verify-email', { token: adminLink.searchParams.get('token') })).status, 200);
    const clinic = 'Harbour Heart Clinic';
    const created = await runCli(['create-tenant', '--slug', `harbour-${suffix}`, '--name', clinic, '--type', 'white_label', '--admin-email', adminEmail], env);
    assert.equal(created.code, 0, created.stderr);
    const signedIn = await api<{ accessToken: string }>(url, 'POST', '/api/v1/auth/sign-in', { email: adminEmail, password });
    assert.equal(signedIn.status, 200);
    const me = await api<{ memberships: Array<{ tenantId: string; tenantName: string }> }>(url, 'GET', '/api/v1/me', undefined, signedIn.body.accessToken);
    const clinicId = me.body.memberships.find((m) => m.tenantName === clinic)!.tenantId;
    const brandColor = '#8a1c4a';
    const branded = await api(url, 'PATCH', `/api/v1/tenants/${clinicId}`, { branding: { primaryColor: brandColor } }, signedIn.body.accessToken);
    assert.equal(branded.status, 200, JSON.stringify(branded.body));

    const admin = await openPage(browser!);
    const colleague = await openPage(browser!, 375, 812);
    const colleagueEmail = `e2e-clinician-${suffix}@example.org`;
    try {
      // The admin signs in and switches to the clinic, which then looks like its own product.
      const { page } = admin;
      await page.goto(`${url}/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill(adminEmail);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(`${url}/dashboard`);
      await page.getByLabel('Workspace').selectOption({ label: clinic });
      await page.getByRole('heading', { level: 1, name: clinic }).waitFor();
      assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()), brandColor);
      assert.equal(await page.locator('.topbar .brand-mark__name').textContent(), clinic, 'the product name is the clinic');
      assert.match(await page.title(), new RegExp(clinic));
      await admin.shot('10-white-label-dashboard');

      // Invite a clinician.
      await page.getByRole('link', { name: 'Members' }).click();
      await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
      await page.getByLabel('Email address').fill(colleagueEmail);
      await page.getByLabel('Role', { exact: true }).selectOption('clinician');
      await page.getByRole('button', { name: 'Send invitation' }).click();
      await page.getByText(`Invitation sent to ${colleagueEmail}.`).waitFor();
      await page.getByRole('heading', { name: 'Pending invitations' }).waitFor();
      await page.locator('.invitations__email', { hasText: colleagueEmail }).waitFor();
      await admin.shot('11-members-invited');

      // The colleague opens the invitation on a phone, creates an account, verifies it and accepts.
      const invitation = await linkFromOutbox(env, colleagueEmail, '/invitations/accept');
      const phone = colleague.page;
      await phone.goto(`${url}${invitation.pathname}${invitation.search}`);
      await phone.getByRole('heading', { name: 'You have been invited' }).waitFor();
      await colleague.shot('12-invitation-signed-out-375px');
      await phone.getByRole('link', { name: 'Create an account' }).click();
      await phone.getByLabel('Full name').fill('Sam Okafor');
      await phone.getByLabel('Email', { exact: true }).fill(colleagueEmail);
      await phone.getByLabel('Password', { exact: true }).fill(password);
      await phone.getByRole('button', { name: 'Create account' }).click();
      await phone.getByRole('heading', { name: 'Check your inbox' }).waitFor();
      const verify = await linkFromOutbox(env, colleagueEmail, '/verify-email');
      await phone.goto(`${url}${verify.pathname}${verify.search}`);
      await phone.getByRole('heading', { name: 'Email verified' }).waitFor();
      await phone.getByRole('link', { name: 'Sign in' }).click();
      await phone.getByLabel('Email', { exact: true }).fill(colleagueEmail);
      await phone.getByLabel('Password', { exact: true }).fill(password);
      await phone.getByRole('button', { name: 'Sign in', exact: true }).click();
      await phone.getByRole('heading', { name: 'Accept the invitation' }).waitFor();
      await phone.getByRole('button', { name: 'Accept invitation' }).click();
      await phone.getByRole('heading', { name: `Welcome to ${clinic}` }).waitFor();
      await phone.getByRole('link', { name: 'Go to the dashboard' }).click();
      await phone.getByRole('heading', { level: 1, name: clinic }).waitFor();
      assert.equal(await phone.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()), brandColor);
      await colleague.shot('13-clinician-dashboard-375px');

      // The admin sees the clinician, makes them a member, then removes them.
      await page.reload();
      const row = page.getByRole('row', { name: /Sam Okafor/ });
      await row.waitFor();
      const roleSelect = page.getByLabel('Role of Sam Okafor');
      assert.equal(await roleSelect.inputValue(), 'clinician');
      await roleSelect.selectOption('member');
      await row.getByRole('button', { name: 'Save role' }).click();
      await page.getByText('Role of Sam Okafor changed to Member.').waitFor();
      assert.equal(await page.locator('.invitations__email', { hasText: colleagueEmail }).count(), 0, 'the accepted invitation is no longer pending');
      await row.getByRole('button', { name: 'Remove Sam Okafor' }).click();
      await admin.shot('14-members-confirm-removal');
      await row.getByRole('button', { name: 'Remove', exact: true }).click();
      await page.getByText(`Sam Okafor was removed from ${clinic}.`).waitFor();
      assert.equal(await page.getByRole('row', { name: /Sam Okafor/ }).count(), 0);
      await admin.shot('15-members-after-removal');

      assert.deepEqual([...admin.problems, ...colleague.problems], [], 'no script errors or CSP violations');
    } catch (error) {
      await admin.shot('failure-admin').catch(() => undefined);
      await colleague.shot('failure-colleague').catch(() => undefined);
      throw error;
    } finally {
      await admin.close();
      await colleague.close();
    }
  });
});
