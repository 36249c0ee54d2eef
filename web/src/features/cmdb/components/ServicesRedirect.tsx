import { Navigate } from 'react-router-dom';
import { paths } from '@/lib/paths';

/** /projects/:projectKey/services (the sidebar's former placeholder) → the Services schema. */
export function ServicesRedirect() {
  return <Navigate to={paths.services()} replace />;
}
