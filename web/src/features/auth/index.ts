/**
 * Public surface of the auth feature: its routes, the route guard and sign-out. app/ composes
 * these; other features never import this folder (they read the user from @/api/session).
 */
import type { RouteObject } from 'react-router-dom';

export { RequireAuth } from './components/RequireAuth';
export type { RequireAuthProps } from './components/RequireAuth';
export { useLogout } from './api/logout';

/** Public routes (outside the guard). */
export const authRoutes: RouteObject[] = [
  {
    path: 'login',
    lazy: async () => ({ Component: (await import('./routes')).LoginPage }),
  },
];
