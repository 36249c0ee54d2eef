/** React Router v7 behaviour, opted into now so the upgrade to v7 changes nothing. */
export const ROUTER_FUTURE = {
  v7_relativeSplatPath: true,
  v7_fetcherPersist: true,
  v7_normalizeFormMethod: true,
  v7_partialHydration: true,
  v7_skipActionErrorRevalidation: true,
} as const;

/** For <RouterProvider future={...}>. */
export const ROUTER_PROVIDER_FUTURE = { v7_startTransition: true } as const;
