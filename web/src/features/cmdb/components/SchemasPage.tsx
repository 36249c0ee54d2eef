import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconDatabase } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { EmptyState } from '@/components/EmptyState';
import { PageError } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { useSchemas } from '../api/schemas';
import type { CmdbSchema } from '../api/types';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** /cmdb — the object schemas of Assets, with how many object types and objects each has. */
export function SchemasPage() {
  usePageTitle('Assets');
  const schemas = useSchemas();

  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Title order={1} size="h2">
          Assets
        </Title>
        <Text size="sm" c="dimmed">
          Object schemas of the configuration management database: services, applications, standards and more.
        </Text>
      </Stack>
      {schemas.isPending ? (
        <PageLoader variant="skeleton" label="Loading object schemas" />
      ) : schemas.isError ? (
        <PageError error={schemas.error} onRetry={() => void schemas.refetch()} />
      ) : schemas.data.length === 0 ? (
        <EmptyState
          icon={<IconDatabase size={30} />}
          title="No object schemas yet"
          description="An administrator creates object schemas, or imports them from CSV or JSON."
        />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {schemas.data.map((s) => (
            <li key={s.id}>
              <SchemaCard schema={s} />
            </li>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function SchemaCard({ schema }: { schema: CmdbSchema }) {
  return (
    <Card withBorder radius="md" padding="md" h="100%">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon size={40} radius="md" variant="light" aria-hidden>
          <IconDatabase size={22} />
        </ThemeIcon>
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Anchor component={Link} to={paths.cmdbSchema(schema.key)} fw={600} truncate>
              {schema.name}
            </Anchor>
            <Badge variant="outline" color="gray" radius="sm" tt="none">
              {schema.key}
            </Badge>
          </Group>
          {schema.description && (
            <Text size="sm" c="dimmed" lineClamp={2}>
              {schema.description}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {plural(schema.objectTypeCount, 'object type', 'object types')} ·{' '}
            {plural(schema.objectCount, 'object', 'objects')}
          </Text>
        </Stack>
      </Group>
    </Card>
  );
}
