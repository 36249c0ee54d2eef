import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SearchHit } from '@/api/types';
import { renderWithProviders } from '@/testing/render';
import { IssueTable, countText, formatValue } from './IssueTable';

const hits: SearchHit[] = [
  {
    id: 2075,
    key: 'ITO-2075',
    fields: {
      issuetype: { id: 2, name: 'Incident' },
      summary: 'Customer payments are rejected',
      status: { id: 1, name: 'Open', category: 'todo' },
      assignee: { username: 'mitch', displayName: 'Mitch Davis' },
      reporter: { username: 'jennifer', displayName: 'Jennifer Evans' },
      created: '2026-11-25T18:12:47.435Z',
      'Change risk': 'High',
    },
  },
  {
    id: 2088,
    key: 'ITO-2088',
    fields: {
      issuetype: { id: 2, name: 'Incident' },
      summary: 'Order processing drops connections',
      status: { id: 9, name: 'Requires triage', category: 'todo' },
      assignee: null,
      reporter: { username: 'paul', displayName: 'Paul Buffington' },
      created: '2026-11-26T02:40:08.568Z',
      'Change risk': null,
    },
  },
];

const columns = ['issuetype', 'key', 'summary', 'reporter', 'assignee', 'status', 'created', 'Change risk'];

describe('IssueTable', () => {
  it('renders the columns and a row per issue, keys linking to the issue', () => {
    renderWithProviders(<IssueTable issues={hits} columns={columns} label="Open incidents" />);
    const table = screen.getByRole('table', { name: 'Open incidents' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Type', 'Key', 'Summary', 'Reporter', 'Assignee', 'Status', 'Created', 'Change risk']);
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByRole('link', { name: 'ITO-2075' })).toHaveAttribute('href', '/projects/ITO/issues/ITO-2075');
    const second = within(table).getAllByRole('row')[2]!;
    expect(within(second).getByRole('img', { name: 'Incident' })).toBeInTheDocument();
    expect(within(second).getByText('Unassigned')).toBeInTheDocument();
    expect(within(second).getByText('Requires triage')).toBeInTheDocument();
    expect(within(table).getByText('High')).toBeInTheDocument();
    // Without a sort handler, headers are plain text.
    expect(within(table).queryByRole('button')).not.toBeInTheDocument();
  });

  it('sorts by clicking an orderable header: newest first for dates, then toggles', async () => {
    const onSortChange = vi.fn();
    const { user } = renderWithProviders(
      <IssueTable issues={hits} columns={columns} label="Queue" sort={{ field: 'created', direction: 'DESC' }} onSortChange={onSortChange} />,
    );
    const created = screen.getByRole('columnheader', { name: 'Created' });
    expect(created).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByRole('columnheader', { name: 'Summary' })).not.toHaveAttribute('aria-sort');

    await user.click(within(created).getByRole('button', { name: 'Created' }));
    expect(onSortChange).toHaveBeenLastCalledWith({ field: 'created', direction: 'ASC' });

    await user.click(screen.getByRole('button', { name: 'Reporter' }));
    expect(onSortChange).toHaveBeenLastCalledWith({ field: 'reporter', direction: 'ASC' });

    // A custom field is not orderable unless the caller says so; the type column is.
    expect(screen.queryByRole('button', { name: 'Change risk' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Type' })).toBeInTheDocument();
  });

  it('shows the total and loads more on request', async () => {
    const onLoadMore = vi.fn();
    const { user } = renderWithProviders(
      <IssueTable issues={hits} columns={columns} label="Queue" total={83} hasMore onLoadMore={onLoadMore} />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Showing 2 of 83 issues');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(onLoadMore).toHaveBeenCalledOnce();
  });

  it('moves between rows with the arrow keys and j/k', async () => {
    const { user } = renderWithProviders(<IssueTable issues={hits} columns={columns} label="Queue" />);
    await user.keyboard('j');
    expect(screen.getByRole('link', { name: 'ITO-2075' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('link', { name: 'ITO-2088' })).toHaveFocus();
    await user.keyboard('k');
    expect(screen.getByRole('link', { name: 'ITO-2075' })).toHaveFocus();
  });

  it('words the count', () => {
    expect(countText(1, 1)).toBe('1 issue');
    expect(countText(7, 7)).toBe('7 issues');
    expect(countText(50, 1000, true)).toBe('Showing 50 of 1,000+ issues');
  });
});

describe('formatValue', () => {
  it('names CMDB objects by their label', () => {
    expect(formatValue([{ id: 1, key: 'SVC-443', label: 'Oracle CRM' }, { id: 2, key: 'SVC-444', label: 'MongoDB Atlas' }])).toBe(
      'Oracle CRM, MongoDB Atlas',
    );
  });
});
