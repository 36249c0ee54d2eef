import { Anchor, Breadcrumbs, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useSession } from '@/api/session';
import { PageError } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { useSchema } from '../api/schemas';
import type { CmdbTypeNode } from '../api/types';
import { defaultType, findType } from '../lib/typeTree';
import classes from './Cmdb.module.css';
import { ObjectTypeFormDialog } from './ObjectTypeFormDialog';
import { ObjectsPanel } from './ObjectsPanel';
import { TypeAdminControls } from './TypeAdminControls';
import { TypeTree } from './TypeTree';

/**
 * /cmdb/:schemaKey — a schema's browser: the object type tree on the left, the chosen type's
 * objects on the right with an AQL filter and pages. The type, the query and the page are in the
 * URL (`?type=7&aql=...&start=25`); without a type the first type with objects is shown.
 */
export function SchemaPage() {
  const { schemaKey = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const schema = useSchema(schemaKey);
  const isAdmin = useSession().data?.user.kind === 'admin';
  const [creatingType, setCreatingType] = useState(false);
  usePageTitle(schema.data ? `${schema.data.name} · Assets` : 'Assets');

  const typeParam = Number(params.get('type'));
  const selected: CmdbTypeNode | undefined = useMemo(() => {
    if (!schema.data) return undefined;
    const roots = schema.data.objectTypes;
    return (Number.isInteger(typeParam) && typeParam > 0 ? findType(roots, typeParam) : undefined) ?? defaultType(roots);
  }, [schema.data, typeParam]);

  const update = (changes: Record<string, string | null>, replace = false) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace },
    );

  if (schema.isPending) return <PageLoader variant="skeleton" label="Loading the schema" />;
  if (schema.isError) {
    return (
      <Stack gap="sm">
        <SchemaBreadcrumbs />
        <PageError error={schema.error} onRetry={() => void schema.refetch()} />
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Stack gap={2}>
        <SchemaBreadcrumbs />
        <Group gap="xs" align="baseline">
          <Title order={1} size="h2">
            {schema.data.name}
          </Title>
          <Text c="dimmed" size="sm">
            {schema.data.key}
          </Text>
        </Group>
        {schema.data.description && (
          <Text size="sm" c="dimmed">
            {schema.data.description}
          </Text>
        )}
      </Stack>
      <div className={classes.browser}>
        <Paper withBorder radius="md" p="sm">
          {isAdmin && (
            <Button
              size="xs"
              variant="light"
              fullWidth
              mb="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => setCreatingType(true)}
            >
              New object type
            </Button>
          )}
          {isAdmin && selected && (
            <TypeAdminControls
              schemaKey={schema.data.key}
              type={selected}
              types={schema.data.objectTypes}
              onDeleted={() => update({ type: null, aql: null, start: null })}
            />
          )}
          <TypeTree
            types={schema.data.objectTypes}
            selectedId={selected?.id}
            onSelect={(t) => update({ type: String(t.id), aql: null, start: null })}
          />
        </Paper>
        <ObjectsPanel
          schemaKey={schema.data.key}
          type={selected}
          aqlParam={params.get('aql')}
          start={Math.max(0, Number(params.get('start')) || 0)}
          onQuery={(aql) => update({ aql, start: null })}
          onPage={(start) => update({ start: start > 0 ? String(start) : null })}
          types={schema.data.objectTypes}
        />
      </div>
      {isAdmin && (
        <ObjectTypeFormDialog
          opened={creatingType}
          onClose={() => setCreatingType(false)}
          schemaKey={schema.data.key}
          types={schema.data.objectTypes}
          onCreated={(t) => update({ type: String(t.id), aql: null, start: null })}
        />
      )}
    </Stack>
  );
}

function SchemaBreadcrumbs() {
  return (
    <Breadcrumbs separator="/" separatorMargin={6}>
      <Anchor component={Link} to={paths.cmdb()} size="sm" c="dimmed">
        Assets
      </Anchor>
      <Text size="sm" c="dimmed">
        Object schema
      </Text>
    </Breadcrumbs>
  );
}
