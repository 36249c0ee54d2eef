import { Button } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { EmptyState } from '@/components/EmptyState';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';

export function NotFoundPage() {
  usePageTitle('Not found');
  return (
    <EmptyState
      icon={<IconMapOff size={30} />}
      title="Page not found"
      description="There is no page at this address."
      action={
        <Button component={Link} to={paths.home()} variant="light">
          Go home
        </Button>
      }
    />
  );
}
