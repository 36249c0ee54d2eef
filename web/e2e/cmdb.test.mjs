// Browser tests of Assets (the CMDB) against the real binary with the demo loaded: an agent
// browses Practice Standards, filters the standard changes with AQL (and sees a broken query
// underlined), opens an object with its attributes, references and connected issues; a customer
// raises a standard change whose "Type of standard change" choices depend on the application
// chosen; the reference graph of Payment Processing (SVC-438) draws its dependencies; an agent
// attaches files to an object (picked and dropped), sees them in its history and deletes one; an
// administrator adds an object type and an attribute, renames and deletes the attribute, then the type;
// an administrator reorders a new type's attributes, gives one an exact cardinality (a third value is
// refused) and makes another the label.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, launchBrowser, login, screenshot, startServer } from './harness.mjs';

let server;
let browser;
let page;

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

/** Replaces the AQL filter's text and runs it (Enter). */
async function runAql(p, aql) {
  const editor = p.getByRole('textbox', { name: 'AQL query' });
  await editor.click();
  await p.keyboard.press('Control+A');
  await p.keyboard.press('Delete');
  await p.keyboard.type(aql);
  await p.keyboard.press('Enter');
}

test('an agent browses Practice Standards and filters standard changes with AQL', async () => {
  await login(page, server.baseURL, 'alana');
  await page.waitForURL(/\/projects\//);
  await page.getByRole('navigation', { name: 'Project navigation' }).getByRole('link', { name: 'Assets' }).click();
  await page.getByRole('heading', { level: 1, name: 'Assets' }).waitFor();
  await page.getByRole('link', { name: 'Practice Standards' }).click();
  await page.getByRole('heading', { level: 1, name: 'Practice Standards' }).waitFor();

  const tree = page.getByRole('navigation', { name: 'Object types' });
  await tree.getByRole('button', { name: 'Priority Matrix (16)' }).waitFor();
  await tree.getByRole('button', { name: 'Standard Changes (6)' }).click();
  const table = page.getByRole('table', { name: 'Objects' });
  await table.getByRole('link', { name: 'Storage Expansion' }).waitFor();
  await screenshot(page, 'cmdb-standard-changes');

  // Standard changes that apply to Oracle CRM: Reindex columnstore indexes, but not Storage Expansion.
  await runAql(page, 'objectType = "Standard Changes" AND "Applications Applicable" = "Oracle CRM"');
  await table.getByRole('link', { name: 'Reindex columnstore indexes' }).waitFor();
  await page.waitForFunction(() => !document.body.innerText.includes('Storage Expansion'));
  assert.match(page.url(), /aql=/);

  // A broken query: the server's message, and the unknown name underlined in the filter box.
  await runAql(page, '"Aplications Applicable" = "Oracle CRM"');
  const alert = page.getByRole('alert').filter({ hasText: 'The query cannot run' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /Aplications Applicable/);
  const underline = page.locator('.cm-lintRange-error');
  await underline.first().waitFor();
  assert.match((await underline.allInnerTexts()).join(''), /Aplications Applicable/);
  await screenshot(page, 'cmdb-aql-error');
});

test('an agent opens a standard change: attributes, references and connected issues', async () => {
  await runAql(page, '"Applications Applicable" = "Oracle CRM"');
  await page.getByRole('table', { name: 'Objects' }).getByRole('link', { name: 'Reindex columnstore indexes' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reindex columnstore indexes' }).waitFor();

  const attributes = page.getByRole('region', { name: 'Attributes' });
  await attributes.getByText('Implementation Plan').waitFor();
  await attributes.getByText('Backout Plan').waitFor();
  await attributes.getByText('Alana Grant').waitFor();
  await attributes.getByRole('link', { name: /Oracle CRM/ }).waitFor();
  await page.getByRole('region', { name: 'Inbound references' }).waitFor();
  const connected = page.getByRole('region', { name: 'Connected issues' });
  await connected.getByRole('link', { name: 'ITO-1966' }).waitFor();
  await screenshot(page, 'cmdb-object');

  // Oracle CRM is referred to by the standard changes that apply to it (inbound references).
  await attributes.getByRole('link', { name: /Oracle CRM/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Oracle CRM' }).waitFor();
  const inbound = page.getByRole('region', { name: 'Inbound references' });
  await inbound.getByRole('link', { name: 'Reindex columnstore indexes' }).waitFor();
});

test('the object view works at phone width', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const p = await ctx.newPage();
  await login(p, server.baseURL, 'alana');
  await p.waitForURL(/\/projects\//);
  await p.goto(`${server.baseURL}/cmdb/PS`);
  await p.getByRole('navigation', { name: 'Object types' }).getByRole('button', { name: 'Standard Changes (6)' }).click();
  await p.getByRole('table', { name: 'Objects' }).getByRole('link', { name: 'Patch System' }).click();
  await p.getByRole('heading', { level: 1, name: 'Patch System' }).waitFor();
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page does not scroll sideways (${overflow}px)`);
  await screenshot(p, 'cmdb-object-phone');
  await ctx.close();
});

test('the standard-change form offers only the standard changes of the chosen application', async () => {
  const agent = await apiSession(server.baseURL, 'alana');
  const { objects } = await agent.get(
    `/api/v1/cmdb/objects?aql=${encodeURIComponent('objectType = "Standard Changes"')}&limit=100`,
  );
  const appliesToOracle = (o) => o.attributes['Applications Applicable'].some((a) => a.label === 'Oracle CRM');
  const excluded = objects.filter((o) => !appliesToOracle(o)).map((o) => o.label);
  assert.ok(excluded.length > 0, 'some standard changes do not apply to Oracle CRM');

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  p.on('pageerror', (err) => console.error('page error:', err.message));
  await login(p, server.baseURL, 'customer');
  await p.waitForURL(/\/portal/);
  await p.getByText('Operations').first().click();
  await p.getByRole('link', { name: /Request routine maintenance \(standard change\)/ }).click();
  const summary = `E2E: reindex the CRM ${Date.now()}`;
  await p.getByRole('textbox', { name: 'Summary' }).fill(summary);

  await p.getByRole('textbox', { name: 'Application to Change' }).click();
  await p.keyboard.type('Oracle');
  await p.getByRole('option', { name: /Oracle CRM/ }).click();

  await p.getByRole('textbox', { name: 'Which type of standard change is this for?' }).click();
  await p.getByRole('option', { name: /Reindex columnstore indexes/ }).waitFor();
  const offered = await p.getByRole('option').allInnerTexts();
  for (const label of excluded) {
    assert.ok(!offered.some((o) => o.includes(label)), `${label} is not offered for Oracle CRM (offered: ${offered})`);
  }
  await screenshot(p, 'cmdb-portal-standard-change');
  await p.getByRole('option', { name: /Reindex columnstore indexes/ }).click();
  await p.getByRole('button', { name: 'Send' }).click();

  await p.getByRole('heading', { name: summary }).waitFor();
  const key = /requests\/(ITO-\d+)/.exec(p.url())?.[1];
  assert.ok(key, `request view URL ${p.url()}`);
  const details = p.getByRole('button', { name: 'Show details' });
  if (await details.count()) await details.click();
  await p.getByText('Oracle CRM').first().waitFor();
  await p.getByText('Reindex columnstore indexes').first().waitFor();
  await screenshot(p, 'cmdb-portal-request');

  // The issue holds the objects, and the object lists the issue among its connected issues.
  const issue = await agent.get(`/api/v1/issues/${key}`);
  assert.deepEqual(issue.fields['Application to change'].map((o) => o.label), ['Oracle CRM']);
  assert.deepEqual(issue.fields['Type of standard change'].map((o) => o.label), ['Reindex columnstore indexes']);
  await ctx.close();
});

test('the reference graph of Payment Processing draws its dependencies', async () => {
  const agent = await apiSession(server.baseURL, 'alana');
  const graph = await agent.get('/api/v1/cmdb/objects/SVC-438/graph?depth=1');
  const neighbours = graph.nodes.filter((n) => n.key !== 'SVC-438');
  assert.ok(neighbours.length > 0, 'Payment Processing has dependencies in the demo');

  await page.goto(`${server.baseURL}/cmdb/objects/SVC-438`);
  await page.getByRole('heading', { level: 1, name: 'Payment Processing' }).waitFor();
  await page.getByRole('tab', { name: 'Graph' }).click();
  const drawing = page.getByRole('img', { name: /Reference graph of Payment Processing/ });
  await drawing.waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="object-graph"]')?.dataset.nodes);
  const drawn = (await drawing.getAttribute('data-nodes')).split(' ');
  for (const n of neighbours) assert.ok(drawn.includes(n.key), `${n.label} (${n.key}) is drawn`);
  assert.ok((await drawing.locator('canvas').count()) > 0, 'Cytoscape drew on a canvas');
  // The same objects are listed as links.
  const listed = page.getByRole('region', { name: 'Objects in the graph' });
  await listed.getByRole('link', { name: neighbours[0].label }).waitFor();
  await screenshot(page, 'cmdb-graph');

  // Deeper: depth 3 reaches at least as far.
  await page.getByText('3', { exact: true }).click();
  await page.waitForURL(/depth=3/);
});

test('an agent attaches a file to an object, sees it in the history and deletes it', async () => {
  const agent = await apiSession(server.baseURL, 'alana');
  const { objects } = await agent.get(
    `/api/v1/cmdb/objects?aql=${encodeURIComponent('objectType = "Standard Changes" AND Name = "Storage Expansion"')}`,
  );
  assert.equal(objects.length, 1);
  const key = objects[0].key;

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  p.on('pageerror', (err) => console.error('page error:', err.message));
  await login(p, server.baseURL, 'alana');
  await p.waitForURL(/\/projects\//);
  await p.goto(`${server.baseURL}/cmdb/objects/${key}`);
  await p.getByRole('heading', { level: 1, name: 'Storage Expansion' }).waitFor();
  const section = p.getByRole('region', { name: 'Attachments' });
  await section.getByText('There are no attachments').waitFor();

  // Picked with "Attach files".
  const text = `Expansion notes ${Date.now()}\n`;
  const [chooser] = await Promise.all([
    p.waitForEvent('filechooser'),
    section.getByRole('button', { name: 'Attach files' }).click(),
  ]);
  await chooser.setFiles({ name: 'e2e-notes.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  const files = section.getByRole('list', { name: 'Attached files' });
  const link = files.getByRole('link', { name: 'e2e-notes.txt' });
  await link.waitFor();
  await files.getByText(/Alana Grant/).waitFor();
  assert.equal(await section.getByText('There are no attachments').count(), 0);
  // The link downloads the bytes just sent.
  const href = await link.getAttribute('href');
  assert.match(href, /^\/api\/v1\/cmdb\/attachments\/\d+\/content$/);
  const body = await p.evaluate(async (url) => (await fetch(url)).text(), href);
  assert.equal(body, text);

  // Dropped on the section.
  const dropped = await p.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['dropped bytes'], 'e2e-dropped.log', { type: 'text/plain' }));
    return dt;
  });
  await section.dispatchEvent('dragover', { dataTransfer: dropped });
  await section.dispatchEvent('drop', { dataTransfer: dropped });
  await files.getByRole('link', { name: 'e2e-dropped.log' }).waitFor();
  await section.locator('button[data-loading]').waitFor({ state: 'detached' });
  await screenshot(p, 'cmdb-attachments');

  // Both are in the object's history.
  await p.getByRole('tab', { name: 'History' }).click();
  const history = p.getByRole('list', { name: 'History' });
  await history.getByText('e2e-notes.txt').waitFor();
  assert.match(await history.getByRole('listitem').first().innerText(), /Alana Grant attached e2e-dropped\.log/);
  assert.match(await history.getByRole('listitem').nth(1).innerText(), /Alana Grant attached e2e-notes\.txt/);

  // Deleting asks first.
  await p.getByRole('tab', { name: 'Details' }).click();
  await files.getByRole('button', { name: 'Delete e2e-notes.txt' }).click();
  const confirm = p.getByRole('dialog').filter({ hasText: 'Delete e2e-notes.txt? This cannot be undone.' });
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await files.getByRole('link', { name: 'e2e-notes.txt' }).waitFor({ state: 'detached' });
  await files.getByRole('link', { name: 'e2e-dropped.log' }).waitFor();
  const left = await agent.get(`/api/v1/cmdb/objects/${key}/attachments`);
  assert.deepEqual(left.attachments.map((a) => a.filename), ['e2e-dropped.log']);
  const gone = await p.evaluate(async (url) => (await fetch(url)).status, href);
  assert.equal(gone, 404);

  await p.getByRole('tab', { name: 'History' }).click();
  await history.getByText(/removed the attachment e2e-notes\.txt/).waitFor();
  await ctx.close();
});

test('an administrator adds, edits and deletes an object type and an attribute; an agent cannot', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  p.on('pageerror', (err) => console.error('page error:', err.message));
  await login(p, server.baseURL, 'admin');
  await p.waitForURL(/\/projects\//);
  await p.goto(`${server.baseURL}/cmdb/SVC`);
  const tree = p.getByRole('navigation', { name: 'Object types' });
  await tree.waitFor();

  await p.getByRole('button', { name: 'New object type' }).click();
  const typeDialog = p.getByRole('dialog', { name: 'New object type' });
  await typeDialog.getByRole('textbox', { name: /^Name/ }).fill('Load balancers');
  await typeDialog.getByRole('textbox', { name: 'Description' }).fill('Spread traffic over the services');
  await typeDialog.getByRole('button', { name: 'Create' }).click();
  await typeDialog.waitFor({ state: 'detached' });
  await tree.getByRole('button', { name: 'Load balancers (0)' }).waitFor();

  const attributes = p.getByRole('region', { name: 'Attributes of Load balancers' });
  await attributes.getByText(/Name · text/).waitFor();
  await attributes.getByRole('button', { name: 'Add attribute' }).click();
  const attrDialog = p.getByRole('dialog', { name: 'Add attribute to Load balancers' });
  await attrDialog.getByRole('textbox', { name: /^Name/ }).fill('Region');
  await attrDialog.getByRole('combobox', { name: 'Type' }).selectOption('select');
  await attrDialog.getByRole('textbox', { name: /^Options/ }).fill('EMEA\nAmericas');
  await attrDialog.getByRole('button', { name: 'Add attribute' }).click();
  await attrDialog.waitFor({ state: 'detached' });
  await attributes.getByText('Region · select').waitFor();
  await screenshot(p, 'cmdb-admin-new-type');

  const admin = await apiSession(server.baseURL, 'admin');
  const schema = await admin.get('/api/v1/cmdb/schemas/SVC');
  const created = schema.objectTypes.find((t) => t.name === 'Load balancers');
  assert.ok(created, 'the new type is in the schema');
  const detail = await admin.get(`/api/v1/cmdb/objecttypes/${created.id}`);
  const region = detail.attributes.find((a) => a.name === 'Region');
  assert.equal(region.type, 'select');
  assert.deepEqual(region.options, ['EMEA', 'Americas']);

  const agentCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const q = await agentCtx.newPage();
  await login(q, server.baseURL, 'alana');
  await q.waitForURL(/\/projects\//);
  await q.goto(`${server.baseURL}/cmdb/SVC`);
  await q.getByRole('navigation', { name: 'Object types' }).getByRole('button', { name: 'Load balancers (0)' }).click();
  await q.getByRole('heading', { name: 'No Load balancers yet' }).waitFor();
  assert.equal(await q.getByRole('button', { name: 'New object type' }).count(), 0);
  assert.equal(await q.getByRole('button', { name: 'Add attribute' }).count(), 0);
  assert.equal(await q.getByRole('button', { name: /^(Edit|Delete) (object type|attribute)/ }).count(), 0);
  await agentCtx.close();

  // The administrator renames the attribute, deletes it, then deletes the type.
  await attributes.getByRole('button', { name: 'Edit attribute Region' }).click();
  const editDialog = p.getByRole('dialog', { name: 'Edit attribute Region' });
  assert.equal(await editDialog.getByRole('combobox', { name: /^Type/ }).isDisabled(), true);
  await editDialog.getByRole('textbox', { name: /^Name/ }).fill('Cloud region');
  await editDialog.getByRole('button', { name: 'Save' }).click();
  await editDialog.waitFor({ state: 'detached' });
  await attributes.getByText('Cloud region · select').waitFor();
  assert.equal(await attributes.getByText('Region · select', { exact: true }).count(), 0);
  const renamed = await admin.get(`/api/v1/cmdb/objecttypes/${created.id}`);
  assert.deepEqual(renamed.attributes.find((a) => a.id === region.id).options, ['EMEA', 'Americas']);

  await attributes.getByRole('button', { name: 'Delete attribute Cloud region' }).click();
  const deleteAttr = p.getByRole('dialog', { name: 'Delete the attribute Cloud region?' });
  await deleteAttr.getByRole('button', { name: 'Delete' }).click();
  await deleteAttr.waitFor({ state: 'detached' });
  await attributes.getByText('Cloud region · select').waitFor({ state: 'detached' });
  await attributes.getByText(/Name · text/).waitFor();

  await p.getByRole('button', { name: 'Delete object type Load balancers' }).click();
  const deleteType = p.getByRole('dialog', { name: 'Delete the object type Load balancers?' });
  await deleteType.getByRole('button', { name: 'Delete' }).click();
  await deleteType.waitFor({ state: 'detached' });
  await tree.getByRole('button', { name: 'Load balancers (0)' }).waitFor({ state: 'detached' });
  assert.doesNotMatch(p.url(), new RegExp(`type=${created.id}\\b`));
  const after = await admin.get('/api/v1/cmdb/schemas/SVC');
  assert.equal(after.objectTypes.some((t) => t.name === 'Load balancers'), false);
  await ctx.close();
});

test('an administrator reorders attributes, sets an exact cardinality and makes another attribute the label', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  p.on('pageerror', (err) => console.error('page error:', err.message));
  await login(p, server.baseURL, 'admin');
  await p.waitForURL(/\/projects\//);
  await p.goto(`${server.baseURL}/cmdb/SVC`);
  const tree = p.getByRole('navigation', { name: 'Object types' });
  await tree.waitFor();

  await p.getByRole('button', { name: 'New object type' }).click();
  const typeDialog = p.getByRole('dialog', { name: 'New object type' });
  await typeDialog.getByRole('textbox', { name: /^Name/ }).fill('Racks');
  await typeDialog.getByRole('button', { name: 'Create' }).click();
  await typeDialog.waitFor({ state: 'detached' });
  await tree.getByRole('button', { name: 'Racks (0)' }).waitFor();
  const attributes = p.getByRole('region', { name: 'Attributes of Racks' });
  await attributes.getByText(/Name · text/).waitFor();

  // Location (text), then Aliases: text with one or two values (a minimum of 1 makes it required).
  await attributes.getByRole('button', { name: 'Add attribute' }).click();
  let dialog = p.getByRole('dialog', { name: 'Add attribute to Racks' });
  await dialog.getByRole('textbox', { name: /^Name/ }).fill('Location');
  await dialog.getByRole('button', { name: 'Add attribute' }).click();
  await dialog.waitFor({ state: 'detached' });
  await attributes.getByText('Location · text').waitFor();

  await attributes.getByRole('button', { name: 'Add attribute' }).click();
  dialog = p.getByRole('dialog', { name: 'Add attribute to Racks' });
  await dialog.getByRole('textbox', { name: /^Name/ }).fill('Aliases');
  await dialog.getByRole('textbox', { name: /^Minimum values/ }).fill('1');
  await dialog.getByRole('textbox', { name: /^Maximum values/ }).fill('2');
  assert.equal(await dialog.getByRole('checkbox', { name: 'Required' }).isChecked(), true);
  await dialog.getByRole('button', { name: 'Add attribute' }).click();
  await dialog.waitFor({ state: 'detached' });
  await attributes.getByText('Aliases · text · 1..2 *').waitFor();

  const names = async () => (await attributes.getByRole('listitem').allInnerTexts()).map((t) => t.split(' · ')[0].trim());
  assert.deepEqual(await names(), ['Name', 'Location', 'Aliases']);
  assert.equal(await attributes.getByRole('button', { name: 'Move attribute Name up' }).isDisabled(), true);
  assert.equal(await attributes.getByRole('button', { name: 'Move attribute Aliases down' }).isDisabled(), true);
  await attributes.getByRole('button', { name: 'Move attribute Aliases up' }).click();
  await p.waitForFunction(
    () => [...document.querySelectorAll('section[aria-label="Attributes of Racks"] li')].map((li) => li.textContent.split(' · ')[0]).join(',') === 'Name,Aliases,Location',
  );
  await screenshot(p, 'cmdb-admin-reordered');
  await p.reload();
  await attributes.getByText('Location · text').waitFor();
  assert.deepEqual(await names(), ['Name', 'Aliases', 'Location']);

  const admin = await apiSession(server.baseURL, 'admin');
  const schema = await admin.get('/api/v1/cmdb/schemas/SVC');
  const racks = schema.objectTypes.find((t) => t.name === 'Racks');
  const detail = await admin.get(`/api/v1/cmdb/objecttypes/${racks.id}`);
  assert.deepEqual(detail.attributes.map((a) => [a.name, a.position]), [['Name', 0], ['Aliases', 1], ['Location', 2]]);
  const aliases = detail.attributes.find((a) => a.name === 'Aliases');
  assert.deepEqual([aliases.required, aliases.minCardinality, aliases.maxCardinality], [true, 1, 2]);

  // The object view lists the attributes in the new order, after a reload too.
  const rack = await admin.post('/api/v1/cmdb/objects', {
    objectTypeId: racks.id,
    attributes: { Name: 'Rack A1', Location: 'Room 4, row 2', Aliases: ['a1'] },
  });
  await p.goto(`${server.baseURL}/cmdb/objects/${rack.key}`);
  await p.getByRole('heading', { level: 1, name: 'Rack A1' }).waitFor();
  const objectAttributes = p.getByRole('region', { name: 'Attributes' });
  await objectAttributes.getByText('Room 4, row 2').waitFor();
  await p.reload();
  await objectAttributes.getByText('Room 4, row 2').waitFor();
  assert.deepEqual(await objectAttributes.locator('dt').allInnerTexts(), ['Name', 'Aliases', 'Location']);

  // A third alias is refused by the server, at the field; the object keeps its one alias.
  await p.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = p.getByRole('dialog', { name: `Edit Rack A1 (${rack.key})` });
  const aliasInput = edit.getByRole('textbox', { name: 'Aliases' });
  await aliasInput.click();
  for (const alias of ['a2', 'a3']) {
    await p.keyboard.type(alias);
    await p.keyboard.press('Enter');
  }
  await edit.getByRole('button', { name: 'Save' }).click();
  await edit.getByText('"Aliases" takes at most 2 values').waitFor();
  assert.equal(await edit.getByRole('alert').count(), 0, 'the error is at the field, not above the form');
  await screenshot(p, 'cmdb-cardinality-refused');
  assert.deepEqual((await admin.get(`/api/v1/cmdb/objects/${rack.key}`)).attributes.Aliases, ['a1']);
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await edit.waitFor({ state: 'detached' });

  // Location becomes the label: Name stops being it and the object is called by its location.
  await p.goto(`${server.baseURL}/cmdb/SVC?type=${racks.id}`);
  await attributes.getByText('Name · text · label *').waitFor();
  await attributes.getByRole('button', { name: 'Edit attribute Location' }).click();
  const labelDialog = p.getByRole('dialog', { name: 'Edit attribute Location' });
  const label = labelDialog.getByRole('checkbox', { name: 'Label' });
  await label.check();
  await labelDialog.getByText("Its value becomes the object's label, instead of Name").waitFor();
  assert.equal(await labelDialog.getByRole('checkbox', { name: 'Required' }).isChecked(), true);
  await screenshot(p, 'cmdb-admin-label');
  await labelDialog.getByRole('button', { name: 'Save' }).click();
  await labelDialog.waitFor({ state: 'detached' });
  await attributes.getByText('Location · text · label *').waitFor();
  assert.equal(await attributes.getByText('Name · text · label').count(), 0);
  await attributes.getByRole('button', { name: 'Edit attribute Name' }).click();
  const nameDialog = p.getByRole('dialog', { name: 'Edit attribute Name' });
  assert.equal(await nameDialog.getByRole('checkbox', { name: 'Label' }).isChecked(), false);
  await nameDialog.getByRole('button', { name: 'Cancel' }).click();
  const labelled = await admin.get(`/api/v1/cmdb/objecttypes/${racks.id}`);
  assert.deepEqual(labelled.attributes.filter((a) => a.label).map((a) => a.name), ['Location']);
  await p.goto(`${server.baseURL}/cmdb/objects/${rack.key}`);
  await p.getByRole('heading', { level: 1, name: 'Room 4, row 2' }).waitFor();
  await ctx.close();
});

test('the AQL box suggests attributes and their options', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  p.on('pageerror', (err) => console.error('page error:', err.message));
  await login(p, server.baseURL, 'alana');
  await p.waitForURL(/\/projects\//);
  await p.goto(`${server.baseURL}/cmdb/SVC`);
  await p.getByRole('navigation', { name: 'Object types' }).waitFor();

  const editor = p.getByRole('textbox', { name: 'AQL query' });
  await editor.click();
  await p.keyboard.press('Control+A');
  await p.keyboard.press('Delete');
  await p.keyboard.type('Ti');
  const list = p.locator('.cm-tooltip-autocomplete');
  const tier = list.locator('.cm-completionLabel', { hasText: /^Tier$/ });
  await tier.waitFor();
  // Picking it (Enter) inserts the name; the operators follow.
  for (let i = 0; i < 20 && (await list.locator('li[aria-selected] .cm-completionLabel').textContent()) !== 'Tier'; i++) {
    await p.keyboard.press('ArrowDown');
  }
  await p.waitForTimeout(200); // a list younger than its interaction delay ignores Enter
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.querySelector('.cm-content')?.textContent?.startsWith('Tier'));
  await p.keyboard.type(' = ');
  await list.locator('.cm-completionLabel', { hasText: '"Tier 1"' }).waitFor();
  await screenshot(p, 'cmdb-aql-completion');
  await p.waitForTimeout(200);
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => /Tier\s+=\s+"Tier 1"/.test(document.querySelector('.cm-content')?.textContent ?? ''));
  // Enter again runs the query: the Tier 1 services.
  await p.keyboard.press('Enter');
  await p.waitForURL(/aql=/);
  await p.getByRole('table', { name: 'Objects' }).getByRole('link', { name: 'Payment Processing' }).waitFor();
  await ctx.close();
});
