// Browser tests of the help center against the real binary with the demo loaded: a customer
// raises a request through the Operations portal, finds it in My requests, sees the agent's
// reply but never the internal note; the seed's standard-change form shows its customer-facing
// labels and help; an agent raises a request on behalf of a customer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, launchBrowser, login, screenshot, startServer } from './harness.mjs';

let server;
let browser;
let page;
let raisedKey;
const summary = `E2E: checkout page times out ${Date.now()}`;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  assert.equal(code, 0, 'steward exits cleanly on SIGTERM');
});

test('a customer lands on the help center with the announcement', async () => {
  await login(page, server.baseURL, 'customer');
  await page.waitForURL(/\/portal/);
  await page.getByText('Operations').first().click();
  await page.getByText('Active Issue on Billing Performance').waitFor();
  await page.getByText('Contact us about Change Enablement').first().waitFor();
  await screenshot(page, 'portal-operations');
});

test('the standard-change form shows the seed labels and help', async () => {
  await page.getByRole('link', { name: /Request routine maintenance \(standard change\)/ }).click();
  const app = page.getByLabel(/Application to Change/);
  await app.first().waitFor();
  await page.getByText('Which Application will be impacted?').waitFor();
  await page.getByLabel(/Which type of standard change is this for\?/).first().waitFor();
  await page.getByText(/Select from the pre-approved options/).waitFor();
  // Customers cannot raise on behalf of someone else.
  assert.equal(await page.getByLabel(/Raise this request on behalf of/).count(), 0);
  await screenshot(page, 'portal-standard-change-form');
  await page.goBack();
});

test('a customer raises a request and finds it in My requests', async () => {
  await page.getByRole('link', { name: /Report a system problem/ }).click();
  // The required summary is checked before anything is sent.
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText(/required/i).first().waitFor();
  await page.getByLabel(/What's wrong\?/).fill(summary);
  await page.getByLabel(/Describe the problem/).fill('Since 9:00 the payment step spins forever.');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: summary }).waitFor();
  const m = /requests\/(ITO-\d+)/.exec(page.url());
  assert.ok(m, `request view URL ${page.url()}`);
  raisedKey = m[1];
  await page.getByText(/waiting for support/i).first().waitFor();
  await screenshot(page, 'portal-request-view');

  await page.goto(`${server.baseURL}/portal/requests`);
  await page.getByRole('heading', { name: 'My requests' }).waitFor();
  await page.getByRole('link', { name: raisedKey }).first().waitFor();
  await screenshot(page, 'portal-my-requests');
});

test('the customer sees the agent reply but never the internal note', async () => {
  const agent = await apiSession(server.baseURL, 'alana');
  const secret = 'SECRET internal: suspect the EMEA payment gateway';
  const reply = 'Thanks, we are looking at the checkout service now.';
  await agent.post(`/api/v1/issues/${raisedKey}/comments`, { body: secret, internal: true });
  await agent.post(`/api/v1/issues/${raisedKey}/comments`, { body: reply, internal: false });
  await page.goto(`${server.baseURL}/portal/requests/${raisedKey}`);
  const activity = page.getByRole('region', { name: 'Activity' });
  await activity.getByText(reply).waitFor();
  assert.equal(await page.getByText(secret).count(), 0, 'the internal note is not on the page');
  // Nor can the customer's own session fetch it from the API.
  const res = await page.request.get(`${server.baseURL}/api/v1/issues/${raisedKey}/comments`);
  const body = await res.json();
  assert.ok(body.values.every((c) => !c.internal && c.body !== secret));

  // The customer replies from the portal; the agent sees a public comment.
  const answer = 'It happens on every browser.';
  await page.getByRole('textbox', { name: 'Reply' }).fill(answer);
  await page.getByRole('button', { name: 'Add reply' }).click();
  await activity.getByText(answer).waitFor();
  const comments = await agent.get(`/api/v1/issues/${raisedKey}/comments`);
  const stored = comments.values.find((c) => c.body === answer);
  assert.ok(stored && stored.internal === false);
});

test('a comment body is shown as text, never as HTML', async () => {
  const agent = await apiSession(server.baseURL, 'alana');
  await agent.post(`/api/v1/issues/${raisedKey}/comments`, {
    body: '<img src=x onerror="window.__pwned=1"><b>bold?</b>',
    internal: false,
  });
  await page.reload();
  await page.getByText('<b>bold?</b>', { exact: false }).waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test('an agent raises a request on behalf of a customer', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  await login(p, server.baseURL, 'alana');
  await p.waitForURL(/\/projects\//);
  await p.goto(`${server.baseURL}/portal`);
  await p.getByText('Operations').first().click();
  await p.getByRole('link', { name: /Get IT help/ }).first().click();
  const behalf = p.getByLabel(/Raise this request on behalf of/);
  await behalf.first().waitFor();
  await behalf.first().fill('customer');
  // A user picker may offer a suggestion to choose.
  const option = p.getByRole('option', { name: /Casey Morgan|customer/ });
  if (await option.count()) await option.first().click();
  const title = `E2E on behalf ${Date.now()}`;
  await p.getByLabel(/What do you need help with\?/).fill(title);
  await p.getByRole('button', { name: 'Send' }).click();
  await p.getByRole('heading', { name: title }).waitFor();
  await screenshot(p, 'portal-on-behalf');
  await ctx.close();
  // Casey sees it among her requests.
  const casey = await apiSession(server.baseURL, 'customer');
  const mine = await casey.get(`/api/v1/requests?filter=mine&q=${encodeURIComponent(title)}`);
  assert.equal(mine.values.length, 1);
  assert.equal(mine.values[0].reporter.username, 'customer');
});
