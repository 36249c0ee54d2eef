import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { STATUS_CATEGORY_COLORS, StatusBadge, statusColor } from './StatusBadge';

function renderBadge(ui: React.ReactElement) {
  return render(<MantineProvider>{ui}</MantineProvider>);
}

describe('StatusBadge', () => {
  it('shows the status name and its category', () => {
    renderBadge(<StatusBadge status={{ name: 'Investigating', category: 'in_progress' }} />);

    const badge = screen.getByText('Investigating').closest('[data-category]');
    expect(badge).toHaveAttribute('data-category', 'in_progress');
    expect(badge).toHaveAttribute('title', 'Investigating (In progress)');
  });

  it('colours each category differently: grey to do, blue in progress, green done', () => {
    expect(statusColor('todo')).toBe('gray');
    expect(statusColor('in_progress')).toBe('blue');
    expect(statusColor('done')).toBe('green');
    expect(new Set(Object.values(STATUS_CATEGORY_COLORS)).size).toBe(3);
  });

  it('uses the category colour in the rendered badge', () => {
    renderBadge(
      <>
        <StatusBadge status={{ name: 'Open', category: 'todo' }} />
        <StatusBadge status={{ name: 'Resolved', category: 'done' }} />
      </>,
    );

    const open = screen.getByText('Open').closest('.mantine-Badge-root');
    const resolved = screen.getByText('Resolved').closest('.mantine-Badge-root');
    expect(open?.getAttribute('style')).toContain('gray');
    expect(resolved?.getAttribute('style')).toContain('green');
  });

  it('says so when an issue has no status', () => {
    renderBadge(<StatusBadge status={null} />);

    expect(screen.getByText('No status')).toBeInTheDocument();
  });
});
