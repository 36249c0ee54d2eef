import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/api/keys';
import { createTestQueryClient, jsonResponse, renderWithProviders } from '@/testing/render';
import type { AutomationRule } from '../api/types';
import { nightlyRule, printerRule, session, stubAutomationServer } from '../testing/fixtures';
import { NewRulePage } from './NewRulePage';
import { RulePage } from './RulePage';

const rulePageRoute = { path: '/automation/rules/:ruleId/:tab?', element: <RulePage /> };

function renderNew() {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(queryKeys.session(), session);
  return renderWithProviders(<NewRulePage />, {
    url: '/automation/rules/new',
    path: '/automation/rules/new',
    routes: [rulePageRoute],
    queryClient,
  });
}

function renderRule(id: number) {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(queryKeys.session(), session);
  return renderWithProviders(<RulePage />, {
    url: `/automation/rules/${id}`,
    path: '/automation/rules/:ruleId/:tab?',
    routes: [{ path: '/automation', element: <p>The rule list</p> }],
    queryClient,
  });
}

const chain = () => screen.getByRole('region', { name: 'Rule components' });
const details = () => screen.getByRole('complementary', { name: 'Rule details' });

async function pick(user: ReturnType<typeof renderNew>['user'], input: HTMLElement, option: RegExp | string) {
  await user.click(input);
  await user.click(await screen.findByRole('option', { name: option }));
}

async function addComponent(user: ReturnType<typeof renderNew>['user'], item: RegExp, where = 'to the rule', what = 'component') {
  await user.click(within(chain()).getAllByRole('button', { name: `Add ${what} ${where}` })[0]!);
  await user.click(await screen.findByRole('menuitem', { name: item }));
  // The menu closes before the next one opens (its items would be found twice).
  await waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument());
}

describe('the rule editor', () => {
  it('builds a new rule: trigger, a condition and an action, then POSTs it and opens it', async () => {
    let posted: unknown;
    const created: AutomationRule = { ...printerRule, id: 9, name: 'Printers', projects: [] };
    stubAutomationServer({
      'POST /api/v1/automation/rules': async (request) => {
        posted = await request.json();
        return jsonResponse(201, created);
      },
      'GET /api/v1/automation/rules/9': () => jsonResponse(200, created),
    });
    const { user, router } = renderNew();

    await pick(user, await screen.findByRole('textbox', { name: 'Trigger' }), /^Issue created/);
    expect(within(chain()).getByText('When an issue is created.', { selector: 'p' })).toBeInTheDocument();

    await addComponent(user, /^Issue fields condition/);
    const condition = within(chain()).getByRole('region', { name: 'Issue fields condition' });
    await user.type(within(condition).getByRole('textbox', { name: 'Field' }), 'summary');
    expect(within(condition).getByRole('textbox', { name: 'Check' })).toHaveValue('equals');
    await pick(user, within(condition).getByRole('textbox', { name: 'Check' }), 'contains');
    await user.type(within(condition).getByRole('textbox', { name: 'Value' }), 'printer');
    expect(within(condition).getByText('summary contains printer')).toBeInTheDocument();

    await addComponent(user, /^Comment on issue/);
    const action = within(chain()).getByRole('region', { name: 'Comment on issue' });
    await user.click(within(action).getByRole('textbox', { name: 'Comment' }));
    await user.paste('Thanks {{issue.reporter.displayName}}');
    // Another issue than the rule's is under "More options".
    expect(within(action).queryByRole('textbox', { name: 'Issue' })).not.toBeInTheDocument();
    await user.click(within(action).getByRole('button', { name: 'More options' }));
    expect(within(action).getByRole('textbox', { name: 'Issue' })).toHaveValue('');

    await user.type(within(details()).getByRole('textbox', { name: 'Name' }), 'Printers');
    await user.click(screen.getByRole('button', { name: 'Create rule' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/automation/rules/9'));
    expect(posted).toEqual({
      name: 'Printers',
      description: '',
      enabled: true,
      projects: [],
      trigger: { type: 'issueCreated' },
      components: [
        { type: 'issueFields', field: 'summary', operator: 'contains', value: 'printer' },
        { type: 'comment', body: 'Thanks {{issue.reporter.displayName}}' },
      ],
      allowRuleTrigger: false,
      notifyOnError: true,
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Printers' })).toBeInTheDocument();
  });

  it('says what is missing before sending anything', async () => {
    stubAutomationServer();
    const { user } = renderNew();
    await screen.findByRole('textbox', { name: 'Trigger' });
    await addComponent(user, /^Comment on issue/);
    await user.click(screen.getByRole('button', { name: 'Create rule' }));

    expect(within(details()).getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(/A rule needs a name/);
    expect(await screen.findByText('Choose what starts the rule')).toBeInTheDocument();
    const action = within(chain()).getByRole('region', { name: 'Comment on issue' });
    expect(within(action).getByRole('textbox', { name: 'Comment' })).toHaveAccessibleDescription('Comment is required');
    // Fixing a setting clears its message.
    await user.type(within(action).getByRole('textbox', { name: 'Comment' }), 'Hello');
    expect(within(action).queryByText('Comment is required')).not.toBeInTheDocument();
  });

  it('shows a server error at the nested component and input it names', async () => {
    const rule: AutomationRule = {
      ...printerRule,
      id: 11,
      components: [
        {
          type: 'ifElse',
          branches: [
            { conditions: [{ type: 'issueFields', field: 'Bogus', operator: 'equals', value: 'x' }], components: [{ type: 'log', message: 'a' }] },
          ],
          else: [],
        },
      ],
    };
    let put: unknown;
    stubAutomationServer({
      'GET /api/v1/automation/rules/11': () => jsonResponse(200, rule),
      'PUT /api/v1/automation/rules/11': async (request) => {
        put = await request.json();
        return jsonResponse(400, {
          error: {
            code: 'automation.unknownField',
            message: 'no field "Bogus"',
            field: 'components[0].branches[0].conditions[0].field',
          },
        });
      },
    });
    const { user } = renderRule(11);

    await user.click(await screen.findByRole('button', { name: 'Save' }));
    const branch = await screen.findByRole('region', { name: 'If' });
    const condition = within(branch).getByRole('region', { name: 'Issue fields condition' });
    await waitFor(() => expect(within(condition).getByRole('textbox', { name: 'Field' })).toHaveAccessibleDescription('no field "Bogus"'));
    expect(within(condition).getByRole('textbox', { name: 'Field' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('The rule was not saved')).not.toBeInTheDocument();
    expect(put).toMatchObject({ components: rule.components });
  });

  it('shows an error without a field above the rule', async () => {
    stubAutomationServer({
      'PUT /api/v1/automation/rules/7': () =>
        jsonResponse(403, { error: { code: 'automation.forbidden', message: 'managing automation rules needs the administrator role' } }),
    });
    const { user } = renderRule(7);
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The rule was not saved');
    expect(alert).toHaveTextContent('managing automation rules needs the administrator role');
  });

  it('moves and removes components, and sends them in their new order', async () => {
    let put: { components?: unknown } | undefined;
    stubAutomationServer({
      'PUT /api/v1/automation/rules/7': async (request) => {
        put = (await request.json()) as typeof put;
        return jsonResponse(200, printerRule);
      },
    });
    const { user } = renderRule(7);

    await user.click(await screen.findByRole('button', { name: 'Move Comment on issue up' }));
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Move Comment on issue up' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(put?.components).toEqual([
        { type: 'comment', body: 'Thanks {{issue.reporter.displayName}}' },
        { type: 'issueFields', field: 'summary', operator: 'contains', value: 'printer' },
      ]),
    );
    await waitFor(() => expect(screen.queryByText('Unsaved changes')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Remove Issue fields condition' }));
    expect(within(chain()).queryByRole('region', { name: 'Issue fields condition' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(put?.components).toEqual([{ type: 'comment', body: 'Thanks {{issue.reporter.displayName}}' }]));
  });

  it('builds an if/else block with a condition in its branch and an action in else', async () => {
    let put: { components?: unknown } | undefined;
    stubAutomationServer({
      'PUT /api/v1/automation/rules/7': async (request) => {
        put = (await request.json()) as typeof put;
        return jsonResponse(200, printerRule);
      },
    });
    const { user } = renderRule(7);
    await screen.findByRole('button', { name: 'Save' });

    await addComponent(user, /^If \/ else block/);
    await addComponent(user, /^JQL condition/, 'to If', 'condition');
    const branch = screen.getByRole('region', { name: 'If' });
    // Only conditions go in a branch's conditions.
    await user.click(within(branch).getByRole('button', { name: 'Add condition to If' }));
    expect(await screen.findByRole('menuitem', { name: /^Issue fields condition/ })).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: /^Comment on issue/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: /^If \/ else block/ })).not.toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument());
    await user.type(within(branch).getByRole('textbox', { name: 'JQL' }), 'priority = High');
    await addComponent(user, /^Log action/, 'to Else');
    const elseList = screen.getByRole('region', { name: 'Else' });
    await user.click(within(elseList).getByRole('textbox', { name: 'Message' }));
    await user.paste('Not urgent: {{issue.key}}');
    await user.click(screen.getByRole('button', { name: 'Add else-if' }));
    expect(screen.getByRole('region', { name: 'Else if 1' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove branch Else if 1' }));

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(put?.components).toEqual([
        ...printerRule.components,
        {
          type: 'ifElse',
          branches: [{ conditions: [{ type: 'jql', jql: 'priority = High' }], components: [] }],
          else: [{ type: 'log', message: 'Not urgent: {{issue.key}}' }],
        },
      ]),
    );
  });

  it('edits an issue’s fields as rows or as JSON, refusing JSON that does not parse', async () => {
    let put: { components?: unknown[] } | undefined;
    stubAutomationServer({
      'PUT /api/v1/automation/rules/7': async (request) => {
        put = (await request.json()) as typeof put;
        return jsonResponse(200, printerRule);
      },
    });
    const { user } = renderRule(7);
    await screen.findByRole('button', { name: 'Save' });

    await addComponent(user, /^Edit issue/);
    const edit = within(chain()).getByRole('region', { name: 'Edit issue' });
    await user.type(within(edit).getByRole('textbox', { name: 'Fields: field 1' }), 'Priority');
    await user.type(within(edit).getByRole('textbox', { name: 'Fields: value 1' }), 'High');
    await user.click(within(edit).getByRole('button', { name: 'Add field' }));
    await user.type(within(edit).getByRole('textbox', { name: 'Fields: field 2' }), 'labels');
    await user.click(within(edit).getByRole('textbox', { name: 'Fields: value 2' }));
    await user.paste('["printer", "floor-3"]');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(put?.components?.[2]).toEqual({ type: 'editIssue', fields: { Priority: 'High', labels: ['printer', 'floor-3'] } }));

    await user.click(within(edit).getByRole('radio', { name: 'JSON' }));
    const json = within(edit).getByRole('textbox', { name: 'Fields (JSON)' });
    expect(JSON.parse((json as HTMLTextAreaElement).value)).toEqual({ Priority: 'High', labels: ['printer', 'floor-3'] });
    await user.clear(json);
    await user.click(json);
    await user.paste('{"Priority": ');
    expect(within(edit).getByText(/^Not valid JSON/)).toBeInTheDocument();
    put = undefined;
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(put).toBeUndefined();
  });

  it('renders a template through the preview', async () => {
    let asked: unknown;
    stubAutomationServer({
      'POST /api/v1/automation/preview': async (request) => {
        asked = await request.json();
        return jsonResponse(200, { rendered: 'Thanks Jennifer Evans' });
      },
    });
    const { user } = renderRule(7);
    await user.click(await screen.findByRole('button', { name: 'Try Comment' }));
    await user.type(await screen.findByRole('textbox', { name: 'Issue key' }), 'ito-2075');
    await user.click(screen.getByRole('button', { name: 'Render' }));
    expect(await screen.findByRole('status', { name: 'Rendered text' })).toHaveTextContent('Thanks Jennifer Evans');
    expect(asked).toEqual({ template: 'Thanks {{issue.reporter.displayName}}', issue: 'ITO-2075' });
  });

  it('adds a smart value from the help to the template', async () => {
    stubAutomationServer();
    const { user } = renderRule(7);
    await user.click(await screen.findByRole('button', { name: 'Smart values for Comment' }));
    await user.click(await screen.findByRole('button', { name: /\{\{issue\.key\}\}/ }));
    const action = within(chain()).getByRole('region', { name: 'Comment on issue' });
    expect(within(action).getByRole('textbox', { name: 'Comment' })).toHaveValue('Thanks {{issue.reporter.displayName}}{{issue.key}}');
  });

  it('shows a new webhook rule’s secret URL once', async () => {
    const created: AutomationRule = {
      ...printerRule,
      id: 12,
      name: 'Hook',
      trigger: { type: 'incomingWebhook' },
      hasWebhook: true,
      webhookUrl: '/api/v1/automation/webhooks/whk_secret',
    };
    stubAutomationServer({
      'POST /api/v1/automation/rules': () => jsonResponse(201, created),
      'GET /api/v1/automation/rules/12': () => jsonResponse(200, { ...created, webhookUrl: undefined }),
    });
    const { user, router } = renderNew();
    await pick(user, await screen.findByRole('textbox', { name: 'Trigger' }), /^Incoming webhook/);
    expect(screen.getByText(/secret URL is shown once/)).toBeInTheDocument();
    await user.type(within(details()).getByRole('textbox', { name: 'Name' }), 'Hook');
    await user.click(screen.getByRole('button', { name: 'Create rule' }));

    const dialog = await screen.findByRole('dialog', { name: 'Incoming webhook URL' });
    expect(router.state.location.pathname).toBe('/automation/rules/12');
    expect(dialog).toHaveTextContent(`${window.location.origin}/api/v1/automation/webhooks/whk_secret`);
    expect(within(dialog).getByRole('button', { name: 'Copy URL' })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Incoming webhook URL' })).not.toBeInTheDocument());
  });

  it('shows a rule the user may not manage read-only', async () => {
    stubAutomationServer();
    renderRule(8);
    expect(await screen.findByText(/You can see this rule but not change it/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Add component/ })).not.toBeInTheDocument();
    expect(within(details()).getByRole('textbox', { name: 'Name' })).toBeDisabled();
    const log = within(chain()).getByRole('region', { name: 'Log action' });
    expect(within(log).getByRole('textbox', { name: 'Message' })).toBeDisabled();
    expect(screen.getByText(nightlyRule.name, { selector: 'h1' })).toBeInTheDocument();
  });

  it('deletes a rule after confirmation and goes back to the list', async () => {
    let deleted = false;
    stubAutomationServer({
      'DELETE /api/v1/automation/rules/7': () => {
        deleted = true;
        return jsonResponse(204, null);
      },
    });
    const { user, router } = renderRule(7);
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    expect(await screen.findByText(/Delete “Thank printer reporters” and its audit log\?/)).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Delete' }).at(-1)!);
    await waitFor(() => expect(router.state.location.pathname).toBe('/automation'));
    expect(deleted).toBe(true);
  });

  it('asks before leaving with unsaved changes', async () => {
    stubAutomationServer();
    const { user, router } = renderRule(7);
    await screen.findByRole('button', { name: 'Save' });
    await user.type(within(details()).getByRole('textbox', { name: 'Name' }), ' (copy)');
    // The audit log tab keeps the changes.
    await user.click(screen.getByRole('tab', { name: 'Audit log' }));
    expect(router.state.location.pathname).toBe('/automation/rules/7/audit');
    await user.click(screen.getByRole('link', { name: 'Automation' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(router.state.location.pathname).toBe('/automation/rules/7/audit');
    await user.click(screen.getByRole('link', { name: 'Automation' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Leave without saving?' })).getByRole('button', { name: 'Leave' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/automation'));
  });
});
