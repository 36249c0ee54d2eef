import { describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '@/testing/render';
import { ApiError, createApiClient, isApiError, parseErrorBody, setCsrfToken, unwrap } from './client';

function mockFetch(...responses: Response[]) {
  const fetch = vi.fn<(request: Request) => Promise<Response>>();
  for (const r of responses) fetch.mockResolvedValueOnce(r);
  return fetch;
}

function sentRequest(fetch: ReturnType<typeof mockFetch>, call = 0): Request {
  const request = fetch.mock.calls[call]?.[0];
  if (!request) throw new Error(`fetch was not called ${call + 1} times`);
  return request;
}

describe('ApiError', () => {
  it('takes code, message, field, position and request id from an S1.4 body', () => {
    const error = ApiError.fromResponse(400, {
      error: {
        code: 'query.unknownField',
        message: 'unknown field "asignee"; did you mean "assignee"?',
        field: 'jql',
        position: { offset: 0, line: 1, column: 1, length: 7 },
        requestId: '1a2b3c4d-42',
      },
    });

    expect(error).toBeInstanceOf(Error);
    expect(isApiError(error)).toBe(true);
    expect(error.status).toBe(400);
    expect(error.code).toBe('query.unknownField');
    expect(error.message).toBe('unknown field "asignee"; did you mean "assignee"?');
    expect(error.field).toBe('jql');
    expect(error.position).toEqual({ offset: 0, line: 1, column: 1, length: 7 });
    expect(error.requestId).toBe('1a2b3c4d-42');
  });

  it('gives a generic code and message for a body of another shape, keeping the request id header', () => {
    const error = ApiError.fromResponse(502, '<html>Bad gateway</html>', 'abc-1');

    expect(error.code).toBe('http.502');
    expect(error.message).toMatch(/unavailable/i);
    expect(error.requestId).toBe('abc-1');
  });

  it('ignores malformed parts of an error body', () => {
    expect(parseErrorBody({ error: { code: 'x.y' } })).toBeUndefined();
    expect(parseErrorBody({ error: { code: 'x.y', message: 'm', position: { line: 1 } } })).toEqual({
      code: 'x.y',
      message: 'm',
    });
    expect(parseErrorBody(null)).toBeUndefined();
  });
});

describe('unwrap', () => {
  it('returns the data of a 2xx answer', async () => {
    const fetch = mockFetch(
      jsonResponse(200, { user: { id: 1, username: 'alana', displayName: 'Alana Grant' } }),
    );
    const api = createApiClient({ baseUrl: 'http://steward.test', fetch });

    const session = await unwrap(api.GET('/api/v1/session'));

    expect(session.user.username).toBe('alana');
    expect(sentRequest(fetch).url).toBe('http://steward.test/api/v1/session');
    expect(sentRequest(fetch).credentials).toBe('same-origin');
  });

  it('throws an ApiError with the status and the server message for an error answer', async () => {
    const fetch = mockFetch(
      jsonResponse(409, {
        error: { code: 'tickets.illegalTransition', message: 'ITO-5 cannot go to Done from Open' },
      }),
    );
    const api = createApiClient({ baseUrl: 'http://steward.test', fetch });

    const call = unwrap(
      api.POST('/api/v1/issues/{key}/transitions', {
        params: { path: { key: 'ITO-5' } },
        body: { transition: 'Done' },
      }),
    );

    await expect(call).rejects.toMatchObject({
      name: 'ApiError',
      status: 409,
      code: 'tickets.illegalTransition',
      message: 'ITO-5 cannot go to Done from Open',
    });
  });

  it('turns a network failure into an ApiError with status 0', async () => {
    const fetch = vi.fn<(request: Request) => Promise<Response>>().mockRejectedValue(new TypeError('Failed to fetch'));
    const api = createApiClient({ baseUrl: 'http://steward.test', fetch });

    await expect(unwrap(api.GET('/api/v1/projects'))).rejects.toMatchObject({ status: 0, code: 'http.network' });
  });

  it('returns undefined for a 204 answer', async () => {
    const fetch = mockFetch(new Response(null, { status: 204 }));
    const api = createApiClient({ baseUrl: 'http://steward.test', fetch });

    await expect(unwrap(api.DELETE('/api/v1/session'))).resolves.toBeUndefined();
  });
});

describe('CSRF token', () => {
  it('is sent as X-CSRF-Token on POST, PUT, PATCH and DELETE but not on GET', async () => {
    setCsrfToken('csrf-123');
    const fetch = vi.fn(async (_request: Request) => jsonResponse(200, {}));
    const api = createApiClient({ baseUrl: 'http://steward.test', fetch });

    await api.GET('/api/v1/projects');
    await api.POST('/api/v1/search', { body: { jql: 'project = ITO' } });
    await api.PUT('/api/v1/queues/{id}/star', { params: { path: { id: 3 } } });
    await api.PATCH('/api/v1/issues/{key}', { params: { path: { key: 'ITO-1' } }, body: { summary: 'x' } });
    await api.DELETE('/api/v1/session');

    const sent = fetch.mock.calls.map(([r]) => [r.method, r.headers.get('X-CSRF-Token')]);
    expect(sent).toEqual([
      ['GET', null],
      ['POST', 'csrf-123'],
      ['PUT', 'csrf-123'],
      ['PATCH', 'csrf-123'],
      ['DELETE', 'csrf-123'],
    ]);
  });

  it('is not sent before the session is known', async () => {
    const fetch = mockFetch(jsonResponse(200, { issues: [], total: 0, totalCapped: false, next: null, jql: '' }));
    const api = createApiClient({ baseUrl: 'http://steward.test', fetch });

    await api.POST('/api/v1/search', { body: { jql: '' } });

    expect(sentRequest(fetch).headers.has('X-CSRF-Token')).toBe(false);
  });
});
