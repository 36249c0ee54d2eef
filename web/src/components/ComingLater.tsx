import { Text } from '@mantine/core';
import { IconHourglassEmpty } from '@tabler/icons-react';
import { EmptyState } from './EmptyState';

export interface ComingLaterProps {
  /** Page title, e.g. "Change calendar" */
  title: string;
  /** The capability that will fill the page, e.g. "change enablement" */
  capability: string;
  /** The section of the product specification, e.g. "S6" */
  spec?: string;
  /** What the page will show */
  description?: string;
}

/** A page that a later capability fills; says which one, so nobody takes it for a bug. */
export function ComingLater({ title, capability, spec, description }: ComingLaterProps) {
  return (
    <EmptyState
      icon={<IconHourglassEmpty size={30} />}
      title={`${title} is coming`}
      description={
        <>
          <Text component="span">
            This page arrives with {capability}
            {spec ? ` (${spec})` : ''}.
          </Text>{' '}
          {description && <Text component="span">{description}</Text>}
        </>
      }
    />
  );
}
