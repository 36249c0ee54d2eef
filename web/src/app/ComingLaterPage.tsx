import { ComingLater } from '@/components/ComingLater';
import { usePageTitle } from '@/lib/usePageTitle';
import type { ComingArea } from './projectAreas';

/** The page of a project area that a later capability fills. */
export function ComingLaterPage({ area }: { area: ComingArea }) {
  usePageTitle(area.label);
  return (
    <ComingLater
      title={area.label}
      capability={area.capability}
      spec={area.spec}
      description={area.description}
    />
  );
}
