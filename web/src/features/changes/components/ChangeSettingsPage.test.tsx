import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User } from '@/api/types';
import { createTestQueryClient, jsonResponse, renderWithProviders } from '@/testing/render';
import type { ChangeSettings } from '../api/types';
import { admin, alana, settings, signIn, stubChangesServer } from '../testing/fixtures';
import { ChangeSettingsPage } from './ChangeSettingsPage';

function renderSettings(user: User = admin) {
  const queryClient = createTestQueryClient();
  signIn(queryClient, user);
  return renderWithProviders(<ChangeSettingsPage />, { url: '/settings/change-management', queryClient });
}

describe('ChangeSettingsPage', () => {
  it('shows the gating switches, lead time, risk model and approval steps', async () => {
    stubChangesServer();
    renderSettings();

    const environments = await screen.findByRole('table', { name: 'Environment types' });
    expect(within(environments).getByRole('switch', { name: 'Opens a change request: Production' })).toBeChecked();
    expect(within(environments).getByRole('switch', { name: 'Gated: Production' })).toBeChecked();
    expect(within(environments).getByRole('switch', { name: 'Gated: Staging' })).not.toBeChecked();
    expect(screen.getByRole('switch', { name: /Block "Request approval"/ })).not.toBeChecked();
    expect(screen.getByRole('table', { name: 'Risk questions' })).toHaveTextContent('Testing completed for this change request?');
    const steps = within(screen.getByRole('table', { name: 'Approval steps' })).getAllByRole('row').slice(1);
    expect(steps[1]).toHaveTextContent('CAB review');
    expect(steps[1]).toHaveTextContent('Normal · High, Critical risk');
    expect(steps[1]).toHaveTextContent('Team Change Advisory Board');
    expect(steps[1]).toHaveTextContent('2 approvals');
    expect(steps[0]).toHaveTextContent('Approved automatically');
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  });

  it('saves the switches with PUT and shows a server error at the part it names', async () => {
    const bodies: ChangeSettings[] = [];
    stubChangesServer({
      'PUT /api/v1/changes/settings': async (request) => {
        const body = (await request.json()) as ChangeSettings;
        bodies.push(body);
        if (bodies.length === 1) {
          return jsonResponse(400, {
            error: { code: 'changes.badSettings', message: 'no status "Nowhere" in the Change workflow', field: 'approvalSteps[1].status' },
          });
        }
        return jsonResponse(200, body);
      },
    });
    const { user } = renderSettings();

    await user.click(await screen.findByRole('switch', { name: 'Gated: Staging' }));
    await user.click(screen.getByRole('switch', { name: 'Opens a change request: Staging' }));
    await user.click(screen.getByRole('switch', { name: /Block "Request approval"/ }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]!.deployments).toEqual({
      project: 'ITO',
      changeEnvironmentTypes: ['staging', 'production'],
      gatedEnvironmentTypes: ['staging', 'production'],
    });
    expect(bodies[0]!.leadTime).toEqual({ objectType: 'Lead Time', block: true });
    expect(bodies[0]!.riskModel).toEqual(settings.riskModel);
    expect(await screen.findByText('no status "Nowhere" in the Change workflow')).toBeInTheDocument();
    const steps = within(screen.getByRole('table', { name: 'Approval steps' })).getAllByRole('row').slice(1);
    expect(steps[1]).toHaveAttribute('aria-invalid', 'true');

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    await waitFor(() => expect(screen.queryByText('no status "Nowhere" in the Change workflow')).not.toBeInTheDocument());
  });

  it('edits the approval steps as JSON, checked before sending', async () => {
    const bodies: ChangeSettings[] = [];
    stubChangesServer({
      'PUT /api/v1/changes/settings': async (request) => {
        bodies.push((await request.json()) as ChangeSettings);
        return jsonResponse(200, bodies.at(-1));
      },
    });
    const { user } = renderSettings();

    await user.click(await screen.findByRole('button', { name: 'Edit as JSON' }));
    const json = screen.getByRole('textbox', { name: /Approval steps \(JSON\)/ });
    await user.clear(json);
    await user.paste('[{"name": "Only step"');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/Not valid JSON/)).toBeInTheDocument();
    expect(bodies).toHaveLength(0);

    await user.clear(json);
    const step = { ...settings.approvalSteps[1]!, name: 'Only step' };
    await user.paste(JSON.stringify([step]));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]!.approvalSteps).toEqual([step]);
  });

  it('is read-only for agents', async () => {
    stubChangesServer();
    renderSettings(alana);

    expect(await screen.findByText(/Only administrators change these settings/)).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Gated: Production' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit as JSON' })).not.toBeInTheDocument();
  });
});
