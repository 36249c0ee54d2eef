import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { getCsrfToken } from '@/api/client';
import { jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import { LoginPage } from './LoginPage';

const signedOut = () =>
  jsonResponse(401, { error: { code: 'http.unauthenticated', message: 'Please sign in' } });

describe('LoginPage', () => {
  it("shows the server's message when the password is wrong", async () => {
    stubServer({
      'GET /api/v1/session': signedOut,
      'POST /api/v1/session': () =>
        jsonResponse(401, {
          error: {
            code: 'identity.loginFailed',
            message: 'Wrong username or password',
            requestId: 'r-1',
          },
        }),
    });
    const { user } = renderWithProviders(<LoginPage />, { url: '/login', path: '/login' });

    await user.type(screen.getByLabelText(/username/i), 'alana');
    await user.type(screen.getByLabelText(/password/i), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password');
    expect(screen.getByLabelText(/username/i)).toHaveValue('alana');
  });

  it('signs in, keeps the CSRF token and goes to the page it came from', async () => {
    const fetch = stubServer({
      'GET /api/v1/session': signedOut,
      'POST /api/v1/session': () =>
        jsonResponse(200, {
          user: { id: 2, username: 'alana', displayName: 'Alana Grant', kind: 'agent' },
          csrfToken: 'csrf-abc',
          expires: '2026-12-01T00:00:00.000Z',
        }),
    });
    const { user } = renderWithProviders(<LoginPage />, {
      url: '/login?next=%2Fprojects%2FITO%2Fissues%2FITO-2052',
      path: '/login',
      routes: [{ path: '/projects/:projectKey/issues/:issueKey', element: <p>Issue page</p> }],
    });

    await user.type(screen.getByLabelText(/username/i), 'alana');
    await user.type(screen.getByLabelText(/password/i), 'demo');
    await user.keyboard('{Enter}');

    expect(await screen.findByText('Issue page')).toBeInTheDocument();
    expect(getCsrfToken()).toBe('csrf-abc');
    const login = fetch.mock.calls.map(([r]) => r as Request).find((r) => r.method === 'POST');
    await waitFor(async () => expect(await login?.clone().json()).toEqual({ username: 'alana', password: 'demo' }));
  });

  it('does not follow a next parameter that leaves the site', async () => {
    stubServer({
      'GET /api/v1/session': signedOut,
      'POST /api/v1/session': () =>
        jsonResponse(200, {
          user: { id: 9, username: 'customer', displayName: 'Casey Customer', kind: 'customer' },
          csrfToken: 't',
          expires: '2026-12-01T00:00:00.000Z',
        }),
    });
    const { user, router } = renderWithProviders(<LoginPage />, {
      url: '/login?next=%2F%2Fevil.example',
      path: '/login',
      routes: [{ path: '/', element: <p>Home</p> }],
    });

    await user.type(screen.getByLabelText(/username/i), 'customer');
    await user.type(screen.getByLabelText(/password/i), 'demo');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Home')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
  });
});
