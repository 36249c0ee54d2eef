import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/api/keys';
import { createTestQueryClient, jsonResponse, renderWithProviders } from '@/testing/render';
import { me, session, stubIssueServer } from '../testing/fixtures';
import { CommentEditor, mentionAt } from './CommentEditor';

function renderEditor(canReply = true) {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(queryKeys.session(), session);
  return renderWithProviders(<CommentEditor issueKey="ITO-2075" me={{ ...me }} canReply={canReply} />, { queryClient });
}

describe('CommentEditor', () => {
  it('sends an internal note by default and a customer reply in "Reply to customer" mode', async () => {
    const posted: unknown[] = [];
    stubIssueServer({
      'POST /api/v1/issues/ITO-2075/comments': async (request) => {
        const body = (await request.json()) as { body: string; internal: boolean };
        posted.push(body);
        return jsonResponse(201, {
          id: posted.length,
          ...body,
          created: '2026-11-26T00:00:00.000Z',
          updated: '2026-11-26T00:00:00.000Z',
          author: me,
        });
      },
    });
    const { user } = renderEditor();

    const editor = screen.getByRole('textbox', { name: 'Comment' });
    expect(screen.getByRole('radio', { name: 'Internal note' })).toBeChecked();
    await user.click(editor);
    await user.paste('Only for the team');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(posted).toEqual([{ body: 'Only for the team', internal: true }]));
    await waitFor(() => expect(editor).toHaveValue(''));

    await user.click(screen.getByText('Reply to customer'));
    expect(screen.getByRole('radio', { name: 'Reply to customer' })).toBeChecked();
    expect(screen.getByText(/customer and request participants will see this/)).toBeInTheDocument();
    await user.click(editor);
    await user.paste('We are on it');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(posted[1]).toEqual({ body: 'We are on it', internal: false }));
  });

  it('shows the server message when the comment is refused', async () => {
    stubIssueServer({
      'POST /api/v1/issues/ITO-2075/comments': () =>
        jsonResponse(403, { error: { code: 'tickets.cannotComment', message: 'collaborators write internal notes only' } }),
    });
    const { user } = renderEditor();

    await user.type(screen.getByRole('textbox', { name: 'Comment' }), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('collaborators write internal notes only');
  });

  it('finds the @mention being typed', () => {
    expect(mentionAt('hi @mi', 6)).toEqual({ start: 3, query: 'mi' });
    expect(mentionAt('mail a@b', 8)).toBeNull();
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
  });
});
