import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import { changeRisk } from '../testing/fixtures';
import { RiskPanel } from './RiskPanel';

describe('RiskPanel', () => {
  it('shows the level, score, CAB note, reasons and a short-notice warning', async () => {
    stubServer({ 'GET /api/v1/issues/ITO-2091/risk': () => jsonResponse(200, changeRisk) });
    renderWithProviders(<RiskPanel issueKey="ITO-2091" />);

    const panel = await screen.findByRole('group', { name: 'Risk assessment' });
    const badge = within(panel).getByText('Critical risk');
    expect(badge.closest('[data-risk]')).toHaveAttribute('data-risk', 'Critical');
    expect(within(panel).getByText('Score 10')).toBeInTheDocument();
    expect(within(panel).getByText('CAB review required')).toBeInTheDocument();

    const rows = within(within(panel).getByRole('table', { name: 'Risk reasons' })).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'During Business HoursNo0',
      'Testing CompleteNo+3',
      'Easily Rolled BackNo+3',
      'Service tierPayment Processing: Tier 1+4',
    ]);
    expect(within(panel).getByText('Short notice')).toBeInTheDocument();
    expect(within(panel).getByText(/3 days after the change was raised; critical-risk changes need 14 days/)).toBeInTheDocument();
  });

  it('says the lead time is met, without CAB note for a low risk', async () => {
    stubServer({
      'GET /api/v1/issues/ITO-7/risk': () =>
        jsonResponse(200, {
          ...changeRisk,
          score: 3,
          level: 'Low',
          requiresCab: false,
          leadTime: { requiredDays: 2, noticeDays: 20.25, ok: true },
        }),
    });
    renderWithProviders(<RiskPanel issueKey="ITO-7" />);

    const panel = await screen.findByRole('group', { name: 'Risk assessment' });
    expect(within(panel).getByText('Low risk')).toBeInTheDocument();
    expect(within(panel).queryByText('CAB review required')).not.toBeInTheDocument();
    expect(within(panel).getByText(/Lead time met: 20.3 days of notice, 2 days needed for low-risk changes/)).toBeInTheDocument();
    expect(within(panel).queryByText('Short notice')).not.toBeInTheDocument();
  });

  it('shows nothing for a change without an assessment (404)', async () => {
    const fetch = stubServer({
      'GET /api/v1/issues/ITO-2052/risk': () =>
        jsonResponse(404, { error: { code: 'changes.noRiskAssessment', message: 'this issue has no risk assessment' } }),
    });
    renderWithProviders(<RiskPanel issueKey="ITO-2052" />);
    await new Promise((r) => setTimeout(r, 50));
    expect(fetch).toHaveBeenCalled();
    expect(screen.queryByRole('heading', { name: 'Risk' })).not.toBeInTheDocument();
  });
});
