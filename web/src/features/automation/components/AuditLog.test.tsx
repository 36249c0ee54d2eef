import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/api/keys';
import { createTestQueryClient, jsonResponse, renderWithProviders } from '@/testing/render';
import { AUDIT_PAGE_SIZE } from '../api/audit';
import { auditEntry, session, stubAutomationServer } from '../testing/fixtures';
import { RulePage } from './RulePage';

function renderAudit() {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(queryKeys.session(), session);
  return renderWithProviders(<RulePage />, {
    url: '/automation/rules/7/audit',
    path: '/automation/rules/:ruleId/:tab?',
    queryClient,
  });
}

describe('the audit log', () => {
  it('lists executions newest first with their outcome, and expands one to its changes and messages', async () => {
    stubAutomationServer({
      'GET /api/v1/automation/rules/7/audit': () =>
        jsonResponse(200, {
          values: [auditEntry(14, 'FAILED', 'ITO-9'), auditEntry(13, 'NO_ACTIONS', 'ITO-8'), auditEntry(12, 'SUCCESS', null)],
          next: 12,
        }),
    });
    const { user } = renderAudit();

    const table = await screen.findByRole('table', { name: 'Audit log' });
    expect(screen.getByRole('tab', { name: 'Audit log' })).toHaveAttribute('aria-selected', 'true');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-outcome'))).toEqual(['FAILED', 'NO_ACTIONS', 'SUCCESS']);
    const badge = within(rows[0]!).getByText('FAILED').closest('.mantine-Badge-root');
    expect(badge).toHaveAttribute('data-outcome', 'FAILED');
    expect(badge?.getAttribute('style')).toContain('red');
    expect(within(rows[0]!).getByRole('link', { name: 'ITO-9' })).toHaveAttribute('href', '/projects/ITO/issues/ITO-9');
    expect(within(rows[0]!).getByText('Issue created')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('13 ms')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('—')).toBeInTheDocument();
    // A short page is the last one.
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();

    await user.click(within(rows[0]!).getByRole('button', { name: 'Details of run 14' }));
    expect(within(rows[0]!).getByRole('button', { name: 'Details of run 14' })).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('list', { name: 'Messages' })).toHaveTextContent('Comment on issue: no permission');
    expect(screen.getByRole('list', { name: 'Changed' })).toHaveTextContent('ITO-9 commented');
  });

  it('loads older executions with before=next', async () => {
    const befores: (string | null)[] = [];
    const page = (from: number, n: number) => Array.from({ length: n }, (_, i) => auditEntry(from - i, 'SUCCESS', `ITO-${from - i}`));
    stubAutomationServer({
      'GET /api/v1/automation/rules/7/audit': (request) => {
        const url = new URL(request.url);
        befores.push(url.searchParams.get('before'));
        expect(url.searchParams.get('limit')).toBe(String(AUDIT_PAGE_SIZE));
        return url.searchParams.get('before') === null
          ? jsonResponse(200, { values: page(100, AUDIT_PAGE_SIZE), next: 100 - AUDIT_PAGE_SIZE + 1 })
          : jsonResponse(200, { values: page(100 - AUDIT_PAGE_SIZE, 3), next: 100 - AUDIT_PAGE_SIZE - 2 });
      },
    });
    const { user } = renderAudit();

    const table = await screen.findByRole('table', { name: 'Audit log' });
    expect(within(table).getAllByRole('row')).toHaveLength(AUDIT_PAGE_SIZE + 1);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(AUDIT_PAGE_SIZE + 4));
    expect(befores).toEqual([null, String(100 - AUDIT_PAGE_SIZE + 1)]);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('says when the rule has not run yet', async () => {
    stubAutomationServer({ 'GET /api/v1/automation/rules/7/audit': () => jsonResponse(200, { values: [] }) });
    renderAudit();
    expect(await screen.findByText('No executions yet')).toBeInTheDocument();
  });
});
