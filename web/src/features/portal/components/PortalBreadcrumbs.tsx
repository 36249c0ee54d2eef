import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { paths } from '@/lib/paths';

export interface PortalBreadcrumbsProps {
  /** The portal the page belongs to; omitted on the help center's own pages */
  portal?: { id: number; name: string } | null;
  /** The current page (not a link), e.g. a request key or a request type name; without it the portal is the current page */
  current?: string;
}

/** "Help Center / Operations / ITO-2052": the way back up, as a navigation landmark. */
export function PortalBreadcrumbs({ portal, current }: PortalBreadcrumbsProps) {
  const items = [
    <Anchor key="home" component={Link} to={paths.portal()} size="sm">
      Help Center
    </Anchor>,
  ];
  if (portal && !current) {
    items.push(
      <Text key="portal" size="sm" c="dimmed" aria-current="page">
        {portal.name}
      </Text>,
    );
  } else if (portal) {
    items.push(
      <Anchor key="portal" component={Link} to={paths.portalHome(portal.id)} size="sm">
        {portal.name}
      </Anchor>,
    );
  }
  if (current) {
    items.push(
      <Text key="current" size="sm" c="dimmed" aria-current="page" truncate maw="60vw">
        {current}
      </Text>,
    );
  }
  return (
    <nav aria-label="Breadcrumbs">
      <Breadcrumbs separatorMargin={6} styles={{ root: { flexWrap: 'wrap', rowGap: 4 } }}>
        {items}
      </Breadcrumbs>
    </nav>
  );
}
