import { ComingLater } from '@/components/ComingLater';
import { usePageTitle } from '@/lib/usePageTitle';

/** /portal/:portalId — one portal's request types (placeholder). */
export function PortalPage() {
  usePageTitle('Help center');
  return <ComingLater title="This portal" capability="the help center's portals and request types" spec="S10.2" />;
}

/** /portal/:portalId/create/:requestTypeId — a request type's form (placeholder). */
export function CreateRequestPage() {
  usePageTitle('Raise a request');
  return <ComingLater title="Request forms" capability="the help center's request types and forms" spec="S10.2" />;
}
