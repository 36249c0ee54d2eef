import { Button } from '@mantine/core';
import { IconListSearch } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { paths } from '@/lib/paths';

/** A link to the search page with this JQL, for a page that shows a fixed list of issues. */
export function OpenInSearchButton({ jql }: { jql: string }) {
  return (
    <Button component={Link} to={paths.search(jql)} size="xs" variant="default" leftSection={<IconListSearch size={14} aria-hidden />}>
      Open in search
    </Button>
  );
}
