// Browser tests of Automation against the real binary with the demo loaded: an administrator
// opens Automation from the sidebar and builds a rule in the editor ("Issue created", an
// "Issue fields condition" on the summary, a "Comment on issue" action with a smart value),
// saves it, and once someone raises a matching issue sees a SUCCESS run for it in the rule's
// audit log, the comment rendered on the issue; a manual rule shows in an issue's ⚡ Automation
// menu for an agent, and running it leads to a SUCCESS entry in its audit log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, launchBrowser, login, screenshot, startServer } from './harness.mjs';

let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  assert.equal(code, 0, 'steward exits cleanly on SIGTERM');
});

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

/** Picks an option of a Mantine Select (or Autocomplete) by clicking the input. */
async function choose(scope, label, option) {
  await scope.getByRole('textbox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
}

test('an administrator builds a rule in the editor and sees it run in the audit log', async () => {
  const name = `E2E thank printer reporters ${Date.now()}`;
  await login(page, server.baseURL, 'admin');
  await page.waitForURL(/\/projects\//);
  await page.getByRole('navigation', { name: 'Project navigation' }).getByRole('link', { name: 'Automation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Automation' }).waitFor();
  await page.getByRole('table', { name: 'Rules' }).waitFor();
  await screenshot(page, 'automation-rules');

  await page.getByRole('link', { name: 'Create rule' }).click();
  await page.getByRole('heading', { level: 1, name: 'New rule' }).waitFor();

  // The rule's details.
  const details = page.getByRole('complementary', { name: 'Rule details' });
  await details.getByRole('textbox', { name: /^Name/ }).fill(name);

  // When: an issue is created.
  const chain = page.getByRole('region', { name: 'Rule components' });
  await choose(chain, /^Trigger/, /^Issue created/);

  // If: the summary contains "printer".
  await chain.getByRole('button', { name: 'Add component to the rule' }).click();
  await page.getByRole('menuitem', { name: /^Issue fields condition/ }).click();
  const condition = chain.getByRole('region', { name: 'Issue fields condition' });
  await condition.getByRole('textbox', { name: /^Field/ }).fill('summary');
  await page.keyboard.press('Escape');
  await choose(condition, /^Check/, /^contains$/);
  await condition.getByRole('textbox', { name: /^Value/ }).fill('printer');

  // Then: comment with a smart value, tried first through the preview.
  await chain.getByRole('button', { name: 'Add component to the rule' }).click();
  await page.getByRole('menuitem', { name: /^Comment on issue/ }).click();
  const action = chain.getByRole('region', { name: 'Comment on issue' });
  await action.getByRole('textbox', { name: /^Comment/ }).fill('Thanks {{issue.reporter.displayName}}');
  await action.getByRole('button', { name: 'Try Comment' }).click();
  await page.getByRole('textbox', { name: 'Issue key' }).fill('ITO-2075');
  await page.getByRole('button', { name: 'Render' }).click();
  const rendered = page.getByRole('status', { name: 'Rendered text' });
  await rendered.waitFor();
  assert.match(await rendered.innerText(), /^Result\s+Thanks \S+/);
  await page.keyboard.press('Escape');
  await screenshot(page, 'automation-rule-editor');

  await page.getByRole('button', { name: 'Create rule' }).click();
  await page.waitForURL(/\/automation\/rules\/\d+$/);
  await page.getByRole('heading', { level: 1, name }).waitFor();
  const ruleId = Number(/\/automation\/rules\/(\d+)$/.exec(page.url())[1]);

  // The server has the rule as built.
  const admin = await apiSession(server.baseURL, 'admin');
  const rule = await admin.get(`/api/v1/automation/rules/${ruleId}`);
  assert.deepEqual(rule.trigger, { type: 'issueCreated' });
  assert.deepEqual(rule.components, [
    { type: 'issueFields', field: 'summary', operator: 'contains', value: 'printer' },
    { type: 'comment', body: 'Thanks {{issue.reporter.displayName}}' },
  ]);
  assert.deepEqual(rule.projects, []);
  assert.equal(rule.enabled, true);

  // Someone raises a printer issue, and another that does not match.
  const agent = await apiSession(server.baseURL, 'alana');
  const issue = await agent.post('/api/v1/issues', {
    project: 'ITO',
    issueType: 'Incident',
    summary: `E2E: the printer on floor 3 jams ${Date.now()}`,
  });
  const other = await agent.post('/api/v1/issues', {
    project: 'ITO',
    issueType: 'Incident',
    summary: `E2E: a new monitor ${Date.now()}`,
  });

  // The audit log (it refreshes by itself) shows the run on the printer issue as SUCCESS.
  await page.getByRole('tab', { name: 'Audit log' }).click();
  await page.waitForURL(/\/automation\/rules\/\d+\/audit$/);
  const log = page.getByRole('table', { name: 'Audit log' });
  const row = log
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: issue.key, exact: true }) })
    .filter({ hasText: 'SUCCESS' });
  await row.waitFor({ timeout: 30000 });
  // The other issue's run did nothing.
  await log
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: other.key, exact: true }) })
    .filter({ hasText: 'NO_ACTIONS' })
    .waitFor({ timeout: 30000 });
  await row.getByRole('button', { name: /^Details of run/ }).click();
  await page.getByRole('list', { name: 'Changed' }).first().waitFor();
  await screenshot(page, 'automation-audit-log');

  // The comment is on the issue, its smart value rendered.
  const { values: comments } = await agent.get(`/api/v1/issues/${issue.key}/comments`);
  assert.ok(
    comments.some((c) => c.body === 'Thanks Alana Grant'),
    `the rule's comment is on ${issue.key}: ${JSON.stringify(comments.map((c) => c.body))}`,
  );
  const { values: otherComments } = await agent.get(`/api/v1/issues/${other.key}/comments`);
  assert.ok(!otherComments.some((c) => c.body.startsWith('Thanks')), 'no comment on the issue that does not match');

  // The rule list shows it: global, last run SUCCESS.
  await page.getByRole('link', { name: 'Automation', exact: true }).first().click();
  const listed = page.getByRole('table', { name: 'Rules' }).getByRole('row').filter({ hasText: name });
  await listed.getByText('Global').waitFor();
  await listed.getByText(/SUCCESS|NO_ACTIONS/).waitFor();
});

test('a server error shows at the component it names', async () => {
  await page.goto(`${server.baseURL}/automation/rules/new`);
  await page.getByRole('heading', { level: 1, name: 'New rule' }).waitFor();
  await page.getByRole('complementary', { name: 'Rule details' }).getByRole('textbox', { name: /^Name/ }).fill(`E2E bad field ${Date.now()}`);
  const chain = page.getByRole('region', { name: 'Rule components' });
  await choose(chain, /^Trigger/, /^Issue created/);
  await chain.getByRole('button', { name: 'Add component to the rule' }).click();
  await page.getByRole('menuitem', { name: /^Issue fields condition/ }).click();
  const condition = chain.getByRole('region', { name: 'Issue fields condition' });
  await condition.getByRole('textbox', { name: /^Field/ }).fill('Bogus field');
  await page.keyboard.press('Escape');
  await condition.getByRole('textbox', { name: /^Value/ }).fill('x');
  await page.getByRole('button', { name: 'Create rule' }).click();
  // 400 automation.unknownField with field "components[0].field": under the Field input.
  await condition.getByText('no field "Bogus field"').waitFor();
  assert.match(page.url(), /\/automation\/rules\/new$/);
});

test('a manual rule runs from the issue view and succeeds', async () => {
  const admin = await apiSession(server.baseURL, 'admin');
  const name = `E2E manual triage ${Date.now()}`;
  const rule = await admin.post('/api/v1/automation/rules', {
    name,
    description: 'Adds an internal note',
    projects: ['ITO'],
    trigger: { type: 'manual' },
    components: [{ type: 'comment', body: 'Triaged by {{initiator.displayName}}', internal: true }],
  });

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  p.on('pageerror', (err) => console.error('page error:', err.message));
  await login(p, server.baseURL, 'alana');
  await p.waitForURL(/\/projects\//);
  await p.goto(`${server.baseURL}/browse/ITO-2075`);
  await p.getByRole('button', { name: /^Status:/ }).waitFor();
  await p.getByRole('button', { name: 'Automation' }).click();
  await p.getByRole('menuitem', { name: new RegExp(`^${name}`) }).click();
  await p.getByText('Rule queued').waitFor();
  await screenshot(p, 'automation-manual-run');

  const entry = await eventually(async () => {
    const { values } = await admin.get(`/api/v1/automation/rules/${rule.id}/audit`);
    return values.find((e) => e.issue === 'ITO-2075' && e.outcome !== 'IN_PROGRESS');
  }, 20000, 'the manual run in the audit log');
  assert.equal(entry.outcome, 'SUCCESS', JSON.stringify(entry));
  assert.equal(entry.trigger, 'automation.manual');

  const { values: comments } = await admin.get('/api/v1/issues/ITO-2075/comments');
  assert.ok(comments.some((c) => c.body === 'Triaged by Alana Grant' && c.internal), 'the internal note is there');

  // The administrator sees it in the rule's audit log.
  await page.goto(`${server.baseURL}/automation/rules/${rule.id}/audit`);
  await page
    .getByRole('table', { name: 'Audit log' })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: 'ITO-2075', exact: true }) })
    .filter({ hasText: 'SUCCESS' })
    .waitFor();
  await ctx.close();
});
