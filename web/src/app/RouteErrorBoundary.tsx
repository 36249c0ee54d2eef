import { Button } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { isRouteErrorResponse, Navigate, useLocation, useRouteError } from 'react-router-dom';
import { isApiError } from '@/api/client';
import { PageError } from '@/components/PageError';
import { paths } from '@/lib/paths';
import { NotFoundPage } from './NotFoundPage';

/**
 * errorElement of the route tree: a 404 route becomes the not-found page, a lost session the
 * login page, a failed download of a lazy page (a new version was deployed) a reload prompt,
 * anything else a PageError. Mounted inside the shells so the header and sidebar stay usable.
 */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const location = useLocation();

  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  if (isApiError(error) && error.isUnauthenticated) {
    return <Navigate to={paths.login(`${location.pathname}${location.search}`)} replace />;
  }
  if (isChunkLoadError(error)) {
    return (
      <PageError
        title="Steward was updated"
        error={new Error('This page could not be loaded, most likely because a new version was installed. Reload to get it.')}
      >
        <ReloadButton />
      </PageError>
    );
  }
  return (
    <PageError error={error} title="This page failed">
      <ReloadButton />
    </PageError>
  );
}

function ReloadButton() {
  return (
    <Button size="xs" variant="light" leftSection={<IconRefresh size={14} />} onClick={() => window.location.reload()}>
      Reload
    </Button>
  );
}

function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(
      error.message,
    )
  );
}
