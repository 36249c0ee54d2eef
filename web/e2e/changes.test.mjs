// Browser tests of change enablement against the real binary with the demo loaded: a customer
// raises a standard change from the help center (MongoDB Atlas, Add Backup Node) and an agent
// finds it pre-approved with the catalog's sub-tasks and plans; an agent moves a normal change on
// Payment Processing to approval in the issue view, sees its Critical risk and the pending CAB
// review, and two CAB members approve it in the UI until it awaits implementation; a customer
// named as approver approves a change from the help center; a gated
// production deployment opens a change request that the approver approves in the UI while
// `steward gate --wait` waits and then exits 0; the deployments page shows it; an incident on the
// same service selects that change as its potential cause; an administrator adds a freeze window
// on the change calendar (month and week views) and deletes it; the change management settings
// and the "Changes by type" report.
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, launchBrowser, login, screenshot, startServer, stewardBin } from './harness.mjs';

const BUSINESS_HOURS = 'Will this change be completed during business hours?';
const TESTING = 'Testing completed for this change request?';
const ROLLBACK = 'Is the change easily rolled back?';
const DAY = 24 * 3600 * 1000;

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  assert.equal(code, 0, 'steward exits cleanly on SIGTERM');
});

/** A page in its own browser context, signed in as `username`. */
async function signedIn(username, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`page error (${username}):`, err.message));
  await login(page, server.baseURL, username);
  await page.waitForURL(username === 'customer' ? /\/portal/ : /\/projects\//);
  return page;
}

/** Polls `check` until it returns something truthy (or fails after `ms`). */
async function eventually(check, ms = 20000, what = 'the condition') {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** "2026-12-06T09:00" for a datetime-local input, `days` from now at 09:00 local time. */
function localInput(days) {
  const d = new Date(Date.now() + days * DAY);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T09:00`;
}

/** Runs `steward gate` and resolves with its exit code and output. */
function runGate(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(stewardBin, ['gate', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Picks an option of an object picker or a select: click, type, choose. */
async function pick(page, label, text, option = text) {
  const input = page.getByRole('textbox', { name: label });
  await input.click();
  if (text) await page.keyboard.type(text);
  await page.getByRole('option', { name: option }).first().click();
}

test('a customer raises a standard change; an agent finds it pre-approved with its tasks and plans', async () => {
  const customer = await signedIn('customer');
  await customer.getByText('Operations').first().click();
  await customer.getByRole('link', { name: /Request routine maintenance \(standard change\)/ }).click();
  const summary = `E2E: backup node for MongoDB ${Date.now()}`;
  await customer.getByRole('textbox', { name: 'Summary' }).fill(summary);
  await pick(customer, 'Application to Change', 'MongoDB', /MongoDB Atlas/);
  await pick(customer, 'Which type of standard change is this for?', '', /Add Backup Node/);
  await customer.getByLabel(/Planned start/).first().fill(localInput(5));
  await screenshot(customer, 'changes-portal-standard-change');
  await customer.getByRole('button', { name: 'Send' }).click();
  await customer.getByRole('heading', { name: summary }).waitFor();
  const key = /requests\/(ITO-\d+)/.exec(customer.url())?.[1];
  assert.ok(key, `request view URL ${customer.url()}`);
  await customer.context().close();

  const agent = await signedIn('alana');
  await agent.goto(`${server.baseURL}/projects/ITO/issues/${key}`);
  await agent.getByRole('heading', { level: 1, name: summary }).waitFor();
  await agent.getByRole('button', { name: 'Status: Awaiting implementation' }).waitFor();
  // The catalog's tasks arrive through Automation a moment later; the page refreshes by itself.
  const subtasks = agent.getByRole('list', { name: 'Sub-tasks' });
  await subtasks.getByText('Confirm Target').waitFor();
  await subtasks.getByText('Test Node').waitFor();
  const plans = agent.getByRole('region', { name: 'Plans' });
  await plans
    .getByRole('region', { name: 'Implementation plan' })
    .getByText('Clone from Primary backup system Add as failover node')
    .waitFor();
  // Standard changes are pre-approved: no approvals to give, no risk assessment.
  await agent.getByRole('region', { name: 'Approvals' }).getByText(/No approvals yet/).waitFor();
  assert.equal(await agent.getByRole('group', { name: 'Risk assessment' }).count(), 0);
  await screenshot(agent, 'changes-standard-change-issue');
  await agent.context().close();
});

let normalKey;

test('a normal change on a Tier 1 service goes to the CAB, and two members approve it in the UI', async () => {
  const alana = await apiSession(server.baseURL, 'alana');
  const start = Date.now() + 30 * DAY;
  const created = await alana.post('/api/v1/issues', {
    project: 'ITO',
    issueType: 'Change',
    summary: `E2E: re-shard the payments database ${Date.now()}`,
    fields: {
      'Change type': 'Normal',
      'Affected services': ['Payment Processing'],
      [BUSINESS_HOURS]: 'Yes',
      [TESTING]: 'No',
      [ROLLBACK]: 'No',
      'Planned start': new Date(start).toISOString(),
      'Planned end': new Date(start + 2 * 3600 * 1000).toISOString(),
      'Implementation plan': 'Add four shards\nMove the tables one by one',
      'Backout plan': 'Point the service back at the old cluster',
    },
  });
  normalKey = created.key;

  const page = await signedIn('alana');
  await page.goto(`${server.baseURL}/projects/ITO/issues/${normalKey}`);
  await page.getByRole('button', { name: 'Status: Open' }).click();
  await page.getByRole('menuitem', { name: 'Plan' }).click();
  await page.getByRole('button', { name: 'Status: Planning' }).click();
  await page.getByRole('menuitem', { name: 'Request approval' }).click();
  await page.getByRole('button', { name: 'Status: Awaiting approval' }).waitFor();

  const risk = page.getByRole('group', { name: 'Risk assessment' });
  await risk.getByText(/^(High|Critical) risk$/).waitFor();
  await risk.getByText('CAB review required').waitFor();
  await risk.getByRole('table', { name: 'Risk reasons' }).getByText('Payment Processing: Tier 1').waitFor();
  const approvals = page.getByRole('region', { name: 'Approvals' });
  const review = approvals.getByRole('article', { name: 'CAB review' });
  await review.getByText('Waiting for approval').waitFor();
  // Alana is not on the board: she sees the approval but cannot decide it.
  assert.equal(await review.getByRole('button', { name: 'Approve' }).count(), 0);
  await page.getByRole('region', { name: 'Plans' }).getByText('Move the tables one by one').waitFor();
  await screenshot(page, 'changes-normal-change-awaiting-approval');
  await page.context().close();

  // The board's members, from the teams API.
  const { values: teams } = await alana.get('/api/v1/teams');
  const cab = teams.find((t) => t.name === 'Change Advisory Board');
  assert.ok(cab, 'the demo has a Change Advisory Board team');
  const members = cab.members.map((m) => m.username);
  assert.ok(members.length >= 2, `the CAB has members: ${members}`);
  const [first, second] = members;

  const one = await signedIn(first);
  await one.goto(`${server.baseURL}/projects/ITO/issues/${normalKey}`);
  const firstReview = one.getByRole('region', { name: 'Approvals' }).getByRole('article', { name: 'CAB review' });
  await firstReview.getByRole('textbox', { name: /Comment/ }).fill('Tested on staging last week.');
  await screenshot(one, 'changes-cab-approval-form');
  await firstReview.getByRole('button', { name: 'Approve' }).click();
  await firstReview.getByText(/1 of 2 approved/).waitFor();
  await firstReview.getByText('“Tested on staging last week.”').waitFor();
  await one.getByRole('button', { name: 'Status: Awaiting approval' }).waitFor();
  await one.context().close();

  const two = await signedIn(second);
  await two.goto(`${server.baseURL}/projects/ITO/issues/${normalKey}`);
  const secondReview = two.getByRole('region', { name: 'Approvals' }).getByRole('article', { name: 'CAB review' });
  await secondReview.getByRole('button', { name: 'Approve' }).click();
  await two.getByRole('button', { name: 'Status: Awaiting implementation' }).waitFor();
  await secondReview.getByText('Approved', { exact: true }).first().waitFor();
  await screenshot(two, 'changes-normal-change-approved');
  await two.context().close();
  const issue = await alana.get(`/api/v1/issues/${normalKey}`);
  assert.equal(issue.status.name, 'Awaiting implementation');
});

test('a customer named as approver approves the change from the help center', async () => {
  const alana = await apiSession(server.baseURL, 'alana');
  const start = Date.now() + 40 * DAY;
  // Medium risk without a service: the change manager step asks the Approvers field.
  const created = await alana.post('/api/v1/issues', {
    project: 'ITO',
    issueType: 'Change',
    summary: `E2E: new invoice layout ${Date.now()}`,
    approvers: ['customer'],
    fields: {
      'Change type': 'Normal',
      [BUSINESS_HOURS]: 'Yes',
      [TESTING]: 'No',
      [ROLLBACK]: 'Yes',
      'Planned start': new Date(start).toISOString(),
      'Planned end': new Date(start + 3600 * 1000).toISOString(),
    },
  });
  for (const to of ['Planning', 'Awaiting approval']) {
    await alana.post(`/api/v1/issues/${created.key}/transitions`, { to });
  }
  const page = await signedIn('customer');
  await page.goto(`${server.baseURL}/portal/requests/${created.key}`);
  const card = page.getByRole('article', { name: 'Change manager' });
  await card.getByRole('textbox', { name: /Comment/ }).fill('The business is ready.');
  await screenshot(page, 'changes-portal-approval');
  await card.getByRole('button', { name: 'Approve' }).click();
  await eventually(
    async () => (await alana.get(`/api/v1/issues/${created.key}`)).status.name === 'Awaiting implementation',
    20000,
    'the change to await implementation',
  );
  await card.getByText('Approved', { exact: true }).first().waitFor();
  await page.context().close();
});

let gatedChange;

test('a gated production deployment waits for its change request; approving it in the UI lets `steward gate` pass', async () => {
  const alana = await apiSession(server.baseURL, 'alana');
  const { token } = await alana.post('/api/v1/tokens', { name: `e2e gate ${Date.now()}` });
  const bearer = async (method, url, body) => {
    const r = await fetch(`${server.baseURL}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    assert.ok(r.ok, `${method} ${url}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const pipeline = 'payments-api-e2e';
  const environment = 'prod-eu';
  const sequence = 901;
  const report = (state, update) => ({
    deploymentSequenceNumber: sequence,
    updateSequenceNumber: update,
    associations: [{ associationType: 'serviceIdOrKeys', values: ['Payment Processing'] }],
    displayName: `${pipeline} #${sequence}`,
    url: `https://ci.example/${pipeline}/${sequence}`,
    description: 'Release 2.4',
    lastUpdated: new Date().toISOString(),
    label: 'v2.4.0',
    state,
    pipeline: { id: pipeline, displayName: pipeline, url: 'https://ci.example' },
    environment: { id: environment, displayName: environment, type: 'production' },
    ...(update === 1 ? { commands: [{ command: 'initiate_deployment_gating' }] } : {}),
    schemaVersion: '1.0',
  });
  const result = await bearer('POST', '/rest/deployments/0.1/bulk', { deployments: [report('in_progress', 1)] });
  assert.equal(result.acceptedDeployments.length, 1, JSON.stringify(result));
  const reported = await bearer(
    'GET',
    `/rest/deployments/0.1/pipelines/${pipeline}/environments/${environment}/deployments/${sequence}`,
  );
  assert.equal(reported.gating, true);
  gatedChange = reported.changeRequest.key;
  assert.equal(reported.changeRequest.status, 'Awaiting approval');

  const gateArgs = [
    '--url', server.baseURL, '--token', token, '--pipeline', pipeline, '--environment', environment,
    '--sequence', String(sequence),
  ];
  // Not approved yet: without --wait the gate answers "awaiting" (exit 2) at once.
  const early = await runGate(gateArgs);
  assert.equal(early.code, 2, early.stdout + early.stderr);
  // The pipeline waits while the approver decides in the browser.
  const waiting = runGate([...gateArgs, '--wait', '--timeout', '60', '--interval', '0.5']);

  // The approvers of the change request (the service owner's team).
  const [approval] = (await alana.get(`/api/v1/issues/${gatedChange}/approvals`)).values;
  assert.ok(approval, 'the change request has an approval');
  const approver = approval.approvers.find((a) => a.user.username !== 'alana')?.user.username ?? 'alana';

  const page = await signedIn(approver);
  await page.goto(`${server.baseURL}/projects/ITO/issues/${gatedChange}`);
  await page.getByRole('button', { name: 'Status: Awaiting approval' }).waitFor();
  const card = page.getByRole('region', { name: 'Approvals' }).getByRole('article', { name: approval.name });
  await card.getByRole('textbox', { name: /Comment/ }).fill('Release 2.4 may go out.');
  await screenshot(page, 'changes-gated-change-request');
  await card.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('button', { name: 'Status: Awaiting implementation' }).waitFor();
  await page.context().close();

  const gate = await waiting;
  assert.equal(gate.code, 0, `steward gate --wait: ${gate.stdout}${gate.stderr}`);
  assert.match(gate.stdout, /allowed/);
  // The pipeline deploys, and the deployment fails: its change request is done with.
  await bearer('POST', '/rest/deployments/0.1/bulk', { deployments: [report('failed', 2)] });

  // The deployments page shows the deployment, gated, with its change request.
  const agent = await signedIn('alana');
  await agent
    .getByRole('navigation', { name: 'Project navigation' })
    .getByRole('link', { name: 'Deployments' })
    .click();
  const services = agent.getByRole('table', { name: 'Services' });
  await services.getByRole('button', { name: 'Payment Processing' }).click();
  const timeline = agent.getByRole('list', { name: 'Deployment timeline' });
  const item = timeline.getByRole('listitem', { name: new RegExp(`${pipeline} #${sequence}`) });
  await item.getByText('Gated').waitFor();
  await item.getByRole('link', { name: gatedChange }).waitFor();
  await screenshot(agent, 'changes-deployments');
  await agent.context().close();
});

test('an incident on the service selects the recent change as its potential cause', async () => {
  assert.ok(gatedChange, 'the gated deployment test ran first');
  const alana = await apiSession(server.baseURL, 'alana');
  const incident = await alana.post('/api/v1/issues', {
    project: 'ITO',
    issueType: 'Incident',
    summary: `E2E: payments time out ${Date.now()}`,
    fields: { 'Affected services': ['Payment Processing'] },
  });
  const page = await signedIn('alana');
  await page.goto(`${server.baseURL}/projects/ITO/issues/${incident.key}`);
  const causes = page.getByRole('list', { name: 'Potential causes' });
  const candidate = causes.getByRole('listitem', { name: new RegExp(`^${gatedChange} `) });
  await candidate.getByRole('button', { name: 'Select as potential cause' }).click();
  await candidate.getByText('Selected as potential cause').waitFor();
  // The link shows among the incident's linked issues.
  await page.getByRole('list', { name: 'is caused by' }).getByText(gatedChange).waitFor();
  await screenshot(page, 'changes-potential-causes');
  await page.context().close();
});

test('an administrator adds a freeze window on the change calendar and deletes it', async () => {
  const page = await signedIn('admin');
  await page
    .getByRole('navigation', { name: 'Project navigation' })
    .getByRole('link', { name: 'Change calendar' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Change calendar' }).waitFor();
  await page.getByRole('table', { name: 'Changes in this period' }).or(page.getByText('No changes are planned')).first().waitFor();
  await screenshot(page, 'changes-calendar-month');

  // A freeze over the approved normal change's day, 30 days ahead.
  const normal = await (await apiSession(server.baseURL, 'admin')).get(`/api/v1/issues/${normalKey}`);
  const start = new Date(normal.fields['Planned start']);
  const pad = (n) => String(n).padStart(2, '0');
  const day = `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`;
  await page.goto(`${server.baseURL}/projects/ITO/change-calendar?date=${day}`);
  const calendar = page.getByRole('region', { name: /^Change calendar: / });
  await calendar.getByRole('link', { name: new RegExp(normalKey) }).first().waitFor();

  const name = `E2E freeze ${Date.now()}`;
  await page.getByRole('button', { name: 'Add freeze window' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add freeze window' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('radio', { name: /^Flag/ }).check();
  await dialog.getByRole('textbox', { name: 'Services' }).click();
  await page.getByRole('option', { name: 'Payment Processing' }).click();
  await dialog.getByRole('textbox', { name: 'Name' }).click(); // closes the list
  await dialog.getByRole('button', { name: 'Add freeze window' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await calendar.getByRole('note', { name: new RegExp(`Freeze window: ${name}`) }).first().waitFor();
  // The flagging freeze puts the change in a freeze window.
  const row = page.getByRole('table', { name: 'Changes in this period' }).getByRole('row', { name: new RegExp(normalKey) });
  await row.getByText('In a freeze window').waitFor();
  await screenshot(page, 'changes-calendar-freeze');

  await page.getByRole('radiogroup', { name: 'Calendar view' }).getByText('Week', { exact: true }).click();
  await calendar.getByRole('link', { name: new RegExp(normalKey) }).first().waitFor();
  await screenshot(page, 'changes-calendar-week');

  const windows = page.getByRole('table', { name: 'Freeze windows' });
  await windows.getByRole('button', { name: `Delete ${name}` }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await windows.getByText(name).waitFor({ state: 'detached' });
  await page.context().close();
});

test('an administrator sees the change management settings and saves the lead-time policy', async () => {
  const page = await signedIn('admin');
  await page
    .getByRole('navigation', { name: 'Project navigation' })
    .getByRole('link', { name: 'Change management' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Change management' }).waitFor();
  await page.getByRole('table', { name: 'Approval steps' }).getByText('CAB review').waitFor();
  await screenshot(page, 'changes-settings');
  const block = page.getByRole('switch', { name: /Block "Request approval"/ });
  const blockLabel = page.getByText('Block "Request approval" while the notice is too short');
  assert.equal(await block.isChecked(), false);
  await blockLabel.click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Change management settings saved.').waitFor();
  const admin = await apiSession(server.baseURL, 'admin');
  assert.equal((await admin.get('/api/v1/changes/settings')).leadTime.block, true);
  // Put it back.
  await blockLabel.click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await eventually(async () => (await admin.get('/api/v1/changes/settings')).leadTime.block === false, 10000, 'the policy back off');
  await page.context().close();
});

test('the Changes by type report charts a year of changes', async () => {
  const page = await signedIn('alana');
  await page
    .getByRole('navigation', { name: 'Project navigation' })
    .getByRole('link', { name: 'Reports' })
    .click();
  await page.getByRole('link', { name: 'Changes by type' }).click();
  await page.getByRole('heading', { level: 1, name: 'Changes by type' }).waitFor();
  await page.getByRole('img', { name: /Changes by type per month/ }).waitFor();
  const rows = page.getByRole('table', { name: 'Changes by type per month' }).getByRole('row');
  assert.equal(await rows.count(), 13, 'a header and twelve months');
  await screenshot(page, 'changes-report-by-type');
  await page.context().close();
});
