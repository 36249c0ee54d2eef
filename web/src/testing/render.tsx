/** Render helpers for tests: the app's providers around a component, at a given URL. */
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import type { ReactElement } from 'react';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import type { RouteObject } from 'react-router-dom';
import { ROUTER_FUTURE, ROUTER_PROVIDER_FUTURE } from '@/app/routerFuture';
import { theme } from '@/app/theme';

export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
}

export interface RenderOptions {
  /** Start URL (default `/`) */
  url?: string;
  /** The route pattern the element is mounted at (default `*`) */
  path?: string;
  /** More routes, e.g. where a redirect goes */
  routes?: RouteObject[];
  queryClient?: QueryClient;
}

export function renderWithProviders(
  element: ReactElement,
  { url = '/', path = '*', routes = [], queryClient = createTestQueryClient() }: RenderOptions = {},
): RenderResult & { user: ReturnType<typeof userEvent.setup>; queryClient: QueryClient; router: ReturnType<typeof createMemoryRouter> } {
  const router = createMemoryRouter([{ path, element }, ...routes], {
    initialEntries: [url],
    future: ROUTER_FUTURE,
  });
  const result = render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} future={ROUTER_PROVIDER_FUTURE} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...result, user: userEvent.setup(), queryClient, router };
}

/** A JSON Response as the server sends it. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

type Handler = (request: Request) => Response | Promise<Response>;

/**
 * Stubs the global fetch with a tiny fake server: one handler per "METHOD /path" (no query
 * string). An unexpected request fails the test with its method and path.
 */
export function stubServer(handlers: Record<string, Handler>) {
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const handler = handlers[key];
    if (!handler) throw new Error(`unexpected request ${key}`);
    return handler(request);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
