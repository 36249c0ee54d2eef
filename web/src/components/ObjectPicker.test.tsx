import { Button } from '@mantine/core';
import { screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { ObjectValue } from '@/lib/objectValues';
import { encodeObjectContext } from '@/lib/objectValues';
import { jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import { ObjectPicker } from './ObjectPicker';

const reindex = { key: 'PS-31', label: 'Reindex columnstore indexes', objectType: 'Standard Changes' };
const patch = { key: 'PS-30', label: 'Patch System', objectType: 'Standard Changes' };
const backup = { key: 'PS-27', label: 'Add Backup Node', objectType: 'Standard Changes' };

/** What the server offers for each application (the field's issueScope depends on it). */
const APPLICABLE: Record<string, (typeof reindex)[]> = {
  'Oracle CRM': [backup, reindex],
  'MongoDB Atlas': [backup, patch],
};

function Form({ onValue }: { onValue?: (v: ObjectValue[]) => void }) {
  const [app, setApp] = useState('Oracle CRM');
  const [value, setValue] = useState<ObjectValue[]>([]);
  return (
    <>
      <Button onClick={() => setApp('MongoDB Atlas')}>Change application</Button>
      <ObjectPicker
        fieldId={6}
        multiple={false}
        label="Type of standard change"
        value={value}
        onChange={(v) => {
          setValue(v);
          onValue?.(v);
        }}
        context={encodeObjectContext({ 'Application to change': app, 'Type of standard change': value }, 'Type of standard change')}
      />
    </>
  );
}

function serve(seen: { q: string | null; context: string | null }[]) {
  return stubServer({
    'GET /api/v1/fields/6/objects': (request) => {
      const params = new URL(request.url).searchParams;
      const q = params.get('q');
      const context = params.get('context');
      seen.push({ q, context });
      const app = context ? (JSON.parse(context) as Record<string, string>)['Application to change'] ?? '' : '';
      const offered = (APPLICABLE[app] ?? []).filter((o) => !q || o.label.toLowerCase().includes(q.toLowerCase()));
      return jsonResponse(200, { objects: offered });
    },
  });
}

describe('ObjectPicker', () => {
  it("offers the field's objects for the form's other answers", async () => {
    const seen: { q: string | null; context: string | null }[] = [];
    serve(seen);
    const { user } = renderWithProviders(<Form />);

    await user.click(screen.getByRole('textbox', { name: 'Type of standard change' }));
    expect(await screen.findByRole('option', { name: /Reindex columnstore indexes/ })).toHaveTextContent(
      'Standard Changes · PS-31',
    );
    expect(screen.queryByRole('option', { name: /Patch System/ })).not.toBeInTheDocument();
    // The field's own value is not part of its context.
    expect(seen[0]).toEqual({ q: null, context: '{"Application to change":"Oracle CRM"}' });

    await user.type(screen.getByRole('textbox', { name: 'Type of standard change' }), 'backup');
    await waitFor(() => expect(seen.some((s) => s.q === 'backup')).toBe(true));
    await waitFor(() => expect(screen.queryByRole('option', { name: /Reindex/ })).not.toBeInTheDocument());
    expect(screen.getByRole('option', { name: /Add Backup Node/ })).toBeInTheDocument();
  });

  it('removes a choice that no longer applies when another answer changes', async () => {
    const values: ObjectValue[][] = [];
    serve([]);
    const { user } = renderWithProviders(<Form onValue={(v) => values.push(v)} />);

    const input = screen.getByRole('textbox', { name: 'Type of standard change' });
    await user.click(input);
    await user.click(await screen.findByRole('option', { name: /Reindex columnstore indexes/ }));
    expect(input).toHaveValue('Reindex columnstore indexes');

    await user.click(screen.getByRole('button', { name: 'Change application' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Reindex columnstore indexes no longer applies and was removed.');
    expect(input).toHaveValue('');
    expect(values.at(-1)).toEqual([]);
  });

  it('keeps a choice that still applies', async () => {
    const values: ObjectValue[][] = [];
    serve([]);
    const { user } = renderWithProviders(<Form onValue={(v) => values.push(v)} />);

    const input = screen.getByRole('textbox', { name: 'Type of standard change' });
    await user.click(input);
    await user.click(await screen.findByRole('option', { name: /Add Backup Node/ }));
    await user.click(screen.getByRole('button', { name: 'Change application' }));
    // Give the check time to answer: nothing is removed.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(input).toHaveValue('Add Backup Node');
    expect(values).toHaveLength(1);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('asks for the answers the choices wait for', async () => {
    stubServer({
      'GET /api/v1/fields/6/objects': () => jsonResponse(200, { objects: [], waitingFor: ['Application to change'] }),
    });
    const { user } = renderWithProviders(
      <ObjectPicker
        fieldId={6}
        multiple={false}
        label="Which type of standard change is this for?"
        value={[]}
        onChange={() => {}}
        context="{}"
        fieldLabels={{ 'Application to change': 'Application to Change' }}
      />,
    );
    await user.click(screen.getByRole('textbox', { name: 'Which type of standard change is this for?' }));
    expect(await screen.findByText('Answer “Application to Change” first')).toBeInTheDocument();
  });
});
