import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import type { CmdbAttachment } from '../api/types';
import { ObjectAttachments } from './ObjectAttachments';

const LIST = 'GET /api/v1/cmdb/objects/PS-31/attachments';
const UPLOAD = 'POST /api/v1/cmdb/objects/PS-31/attachments';

const runbook: CmdbAttachment = {
  id: 7,
  filename: 'runbook.pdf',
  mimeType: 'application/pdf',
  size: 2_560,
  created: '2026-11-20T09:00:00.000Z',
  author: { username: 'alana', displayName: 'Alana Grant' },
  content: '/api/v1/cmdb/attachments/7/content',
};

function stored(id: number, filename: string, size: number): CmdbAttachment {
  return { ...runbook, id, filename, size, mimeType: 'text/plain', content: `/api/v1/cmdb/attachments/${id}/content` };
}

/** The file part of a multipart/form-data request: its name and its text. */
async function uploadedFile(request: Request): Promise<{ filename: string; text: string }> {
  const boundary = request.headers.get('content-type')?.match(/boundary=(.+)$/)?.[1];
  const body = await request.text();
  const part = body.match(/filename="([^"]*)"[^]*?\r\n\r\n([^]*?)\r\n--/);
  if (!boundary || !part) throw new Error(`not a multipart upload: ${body.slice(0, 200)}`);
  return { filename: part[1]!, text: part[2]! };
}

/** The server's list, which uploads add to and deletes take from. */
function fakeServer(initial: CmdbAttachment[], handlers: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  const list = [...initial];
  const uploads: { filename: string; text: string }[] = [];
  const fetch = stubServer({
    [LIST]: () => jsonResponse(200, { attachments: list }),
    [UPLOAD]: async (request) => {
      const file = await uploadedFile(request);
      uploads.push(file);
      const a = stored(100 + uploads.length, file.filename, file.text.length);
      list.push(a);
      return jsonResponse(201, a);
    },
    ...handlers,
  });
  return { list, uploads, fetch };
}

function renderAttachments() {
  return renderWithProviders(<ObjectAttachments objectKey="PS-31" />);
}

function section() {
  return screen.getByRole('region', { name: 'Attachments' });
}

describe('ObjectAttachments', () => {
  it('lists the files as download links with size, author and date', async () => {
    fakeServer([runbook, { ...runbook, id: 8, filename: 'diagram.png', mimeType: 'image/png', size: 3_400_000, author: null, content: '/api/v1/cmdb/attachments/8/content' }]);
    renderAttachments();

    const list = await screen.findByRole('list', { name: 'Attached files' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const link = within(items[0]!).getByRole('link', { name: 'runbook.pdf' });
    expect(link).toHaveAttribute('href', '/api/v1/cmdb/attachments/7/content');
    expect(link).toHaveAttribute('download', 'runbook.pdf');
    expect(items[0]).toHaveTextContent('2.5 KB · Alana Grant ·');
    expect(within(items[0]!).getByRole('time')).toHaveAttribute('dateTime', '2026-11-20T09:00:00.000Z');
    expect(items[1]).toHaveTextContent('3.2 MB · Steward ·');
    expect(screen.getByRole('heading', { name: 'Attachments (2)' })).toBeInTheDocument();
    expect(screen.queryByText('There are no attachments')).not.toBeInTheDocument();
  });

  it('shows a loader, then says when there are none', async () => {
    let answer: (r: Response) => void = () => {};
    stubServer({ [LIST]: () => new Promise<Response>((resolve) => (answer = resolve)) });
    renderAttachments();

    expect(await screen.findByRole('status', { name: 'Loading the attachments' })).toBeInTheDocument();
    answer(jsonResponse(200, { attachments: [] }));
    expect(await screen.findByText('There are no attachments')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(within(section()).getByText('The maximum file upload size is 20.0 MB.')).toBeInTheDocument();
  });

  it('shows why the list could not be loaded', async () => {
    stubServer({
      [LIST]: () => jsonResponse(404, { error: { code: 'cmdb.objectNotFound', message: 'no object PS-31' } }),
    });
    renderAttachments();

    expect(await screen.findByRole('alert')).toHaveTextContent('no object PS-31');
  });

  it('attaches the files picked with "Attach files", one request each', async () => {
    const server = fakeServer([]);
    const { user } = renderAttachments();
    await screen.findByText('There are no attachments');

    await user.upload(screen.getByLabelText('Files to attach'), [
      new File(['first line\n'], 'notes.txt', { type: 'text/plain' }),
      new File(['a,b\n'], 'export.csv', { type: 'text/csv' }),
    ]);

    const list = await screen.findByRole('list', { name: 'Attached files' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(within(list).getByRole('link', { name: 'notes.txt' })).toHaveAttribute('href', '/api/v1/cmdb/attachments/101/content');
    expect(within(list).getByRole('link', { name: 'export.csv' })).toBeInTheDocument();
    expect(server.uploads).toEqual([
      { filename: 'notes.txt', text: 'first line\n' },
      { filename: 'export.csv', text: 'a,b\n' },
    ]);
    expect(screen.queryByText('There are no attachments')).not.toBeInTheDocument();
  });

  it('attaches files dropped on the section', async () => {
    const server = fakeServer([runbook]);
    renderAttachments();
    await screen.findByRole('link', { name: 'runbook.pdf' });

    const file = new File(['dropped'], 'dropped.log', { type: 'text/plain' });
    const dataTransfer = { types: ['Files'], files: [file] };
    fireEvent.dragOver(section(), { dataTransfer });
    expect(screen.getByText('Drop files to attach').parentElement).toHaveAttribute('data-active');
    fireEvent.drop(section(), { dataTransfer });

    expect(await screen.findByRole('link', { name: 'dropped.log' })).toBeInTheDocument();
    expect(server.uploads).toEqual([{ filename: 'dropped.log', text: 'dropped' }]);
    expect(screen.getByText('Drop files to attach').parentElement).not.toHaveAttribute('data-active');
  });

  it("ignores drags of things that are not files", async () => {
    const server = fakeServer([]);
    renderAttachments();
    await screen.findByText('There are no attachments');

    const dataTransfer = { types: ['text/plain'], files: [] };
    fireEvent.dragOver(section(), { dataTransfer });
    fireEvent.drop(section(), { dataTransfer });
    expect(screen.getByText('Drop files to attach').parentElement).not.toHaveAttribute('data-active');
    expect(server.fetch).toHaveBeenCalledTimes(1); // the list only
  });

  it("shows the server's message for a file it refused and attaches the others", async () => {
    const server = fakeServer([], {
      [UPLOAD]: async (request) => {
        const file = await uploadedFile(request);
        if (file.filename === 'bad.txt') {
          return jsonResponse(400, {
            error: { code: 'cmdb.badFilename', message: 'give a file name of 1-255 characters without slashes', field: 'filename' },
          });
        }
        const a = stored(201, file.filename, file.text.length);
        server.list.push(a);
        return jsonResponse(201, a);
      },
    });
    const { user } = renderAttachments();
    await screen.findByText('There are no attachments');

    await user.upload(screen.getByLabelText('Files to attach'), [
      new File(['x'], 'bad.txt', { type: 'text/plain' }),
      new File(['y'], 'good.txt', { type: 'text/plain' }),
    ]);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('A file was not attached');
    expect(alert).toHaveTextContent('bad.txt: give a file name of 1-255 characters without slashes');
    expect(await screen.findByRole('link', { name: 'good.txt' })).toBeInTheDocument();

    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  });

  it('does not send a file above 20 MB', async () => {
    const server = fakeServer([]);
    const { user } = renderAttachments();
    await screen.findByText('There are no attachments');

    const big = new File(['x'], 'disk.img');
    Object.defineProperty(big, 'size', { value: 20 * 1024 * 1024 + 1 });
    await user.upload(screen.getByLabelText('Files to attach'), big);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'disk.img: 20.0 MB is more than the 20.0 MB an attachment may have',
    );
    expect(server.uploads).toEqual([]);
  });

  it('deletes a file after confirmation', async () => {
    const deleted: string[] = [];
    const server = fakeServer([runbook, stored(9, 'old.txt', 10)], {
      'DELETE /api/v1/cmdb/attachments/9': () => {
        deleted.push('9');
        server.list.splice(1, 1);
        return jsonResponse(204, null);
      },
    });
    const { user } = renderAttachments();

    await user.click(await screen.findByRole('button', { name: 'Delete old.txt' }));
    expect(await screen.findByText('Delete old.txt? This cannot be undone.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(deleted).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Delete old.txt' }));
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'old.txt' })).not.toBeInTheDocument());
    expect(deleted).toEqual(['9']);
    expect(screen.getByRole('link', { name: 'runbook.pdf' })).toBeInTheDocument();
  });

  it("shows the server's message when a delete fails", async () => {
    fakeServer([runbook], {
      'DELETE /api/v1/cmdb/attachments/7': () =>
        jsonResponse(404, { error: { code: 'cmdb.attachmentNotFound', message: 'no attachment 7' } }),
    });
    const { user } = renderAttachments();

    await user.click(await screen.findByRole('button', { name: 'Delete runbook.pdf' }));
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('no attachment 7');
  });
});
