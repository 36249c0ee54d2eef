import { Alert, Button, Group, Pagination, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDownload, IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { Suspense, lazy, useEffect, useId, useState } from 'react';
import { isApiError } from '@/api/client';
import { useSession } from '@/api/session';
import { EmptyState } from '@/components/EmptyState';
import { PageError, errorMessage } from '@/components/PageError';
import { downloadExport } from '../api/export';
import { useObjectSearch } from '../api/objects';
import { useObjectType } from '../api/objectTypes';
import type { CmdbTypeNode } from '../api/types';
import { objectTypeAql } from '../lib/aql';
import type { AqlError } from './AqlEditor';
import { ImportDialog } from './ImportDialog';
import { ObjectFormDialog } from './ObjectFormDialog';
import { ObjectTable, tableColumns } from './ObjectTable';
import { TypeAttributes } from './TypeAttributes';

const AqlEditor = lazy(async () => ({ default: (await import('./AqlEditor')).AqlEditor }));

export const PAGE_SIZE = 25;

export interface ObjectsPanelProps {
  schemaKey: string;
  /** The type chosen in the tree (its objects are the default query) */
  type: CmdbTypeNode | undefined;
  /** The query in the URL; null means the type's default query */
  aqlParam: string | null;
  start: number;
  /** A new query (null: back to the type's default) */
  onQuery: (aql: string | null) => void;
  onPage: (start: number) => void;
  /** The schema's type tree (reference targets when an administrator adds an attribute) */
  types?: readonly CmdbTypeNode[];
}

/** The objects of the chosen type, or of any AQL query, a page at a time. */
export function ObjectsPanel({ schemaKey, type, aqlParam, start, onQuery, onPage, types = [] }: ObjectsPanelProps) {
  const defaultAql = type ? objectTypeAql(type.name) : '';
  const aql = aqlParam ?? defaultAql;
  const [draft, setDraft] = useState(aql);
  useEffect(() => setDraft(aql), [aql]);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);
  const isAdmin = useSession().data?.user.kind === 'admin';
  const errorId = useId();
  const helpId = useId();

  const search = useObjectSearch({ aql, schema: schemaKey, start, limit: PAGE_SIZE });
  const typeDetail = useObjectType(type?.id);
  const columns = tableColumns(typeDetail.data?.attributes ?? []);

  const aqlError: AqlError | null =
    isApiError(search.error) && search.error.status === 400
      ? { aql, code: search.error.code, message: search.error.message, position: search.error.position }
      : null;

  const submit = (text: string) => {
    const next = text.trim();
    if (next === aql.trim()) {
      void search.refetch();
      return;
    }
    onQuery(next === defaultAql ? null : next);
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadExport(
        aqlParam === null && type ? { objectTypeId: type.id, format: 'csv' } : { aql, format: 'csv' },
        type && aqlParam === null ? type.name : `${schemaKey}-objects`,
      );
    } catch (e) {
      notifications.show({ color: 'red', title: 'The export failed', message: errorMessage(e) });
    } finally {
      setExporting(false);
    }
  };

  const data = search.data;
  const objects = data?.objects ?? [];
  const showType = type === undefined || objects.some((o) => o.objectType.id !== type.id);
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const canCreate = type !== undefined && !type.abstract;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`${helpId}-title`} style={{ minWidth: 0 }}>
      <Stack gap="sm">
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Group gap="xs" align="baseline">
            <Title order={2} size="h4" id={`${helpId}-title`}>
              {aqlParam === null && type ? type.name : 'Objects'}
            </Title>
            {data && (
              <Text size="sm" c="dimmed" aria-live="polite">
                {data.total.toLocaleString()} {data.total === 1 ? 'object' : 'objects'}
              </Text>
            )}
          </Group>
          <Group gap="xs">
            <Button
              variant="default"
              size="xs"
              leftSection={<IconDownload size={14} aria-hidden />}
              onClick={() => void exportCsv()}
              loading={exporting}
              disabled={!data || data.total === 0}
            >
              Export CSV
            </Button>
            {canCreate && isAdmin && (
              <Button
                variant="default"
                size="xs"
                leftSection={<IconFileImport size={14} aria-hidden />}
                onClick={() => setImporting(true)}
              >
                Import
              </Button>
            )}
            {canCreate && (
              <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating(true)}>
                Create object
              </Button>
            )}
          </Group>
        </Group>
        {type?.description && aqlParam === null && (
          <Text size="sm" c="dimmed">
            {type.description}
          </Text>
        )}
        {isAdmin && aqlParam === null && type && typeDetail.data?.id === type.id && (
          <TypeAttributes type={typeDetail.data} types={types} />
        )}

        <form
          role="search"
          aria-label="Filter objects"
          onSubmit={(e) => {
            e.preventDefault();
            submit(draft);
          }}
        >
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <div style={{ flex: 1, minWidth: 0 }}>
              <Suspense fallback={<Skeleton height={36} radius="sm" />}>
                <AqlEditor
                  value={draft}
                  onChange={setDraft}
                  onSubmit={submit}
                  error={aqlError}
                  describedBy={aqlError ? `${errorId} ${helpId}` : helpId}
                  placeholder='objectType = "Services" AND Tier = "Tier 1"'
                  schemaKey={schemaKey}
                />
              </Suspense>
            </div>
            <Button type="submit" variant="light" leftSection={<IconSearch size={14} aria-hidden />}>
              Filter
            </Button>
          </Group>
          <Text size="xs" c="dimmed" id={helpId} mt={4}>
            AQL, e.g. <code>objectType = "Standard Changes" AND "Applications Applicable" = "Oracle CRM"</code>. Enter
            runs it.
          </Text>
        </form>

        {aqlError ? (
          <Alert
            id={errorId}
            color="red"
            variant="light"
            role="alert"
            title="The query cannot run"
            icon={<IconAlertTriangle size={18} aria-hidden />}
          >
            {aqlError.message}
            {aqlError.position && (
              <Text size="xs" c="dimmed" mt={4}>
                At line {aqlError.position.line}, column {aqlError.position.column}.
              </Text>
            )}
          </Alert>
        ) : search.isError ? (
          <PageError error={search.error} onRetry={() => void search.refetch()} />
        ) : search.isPending ? (
          <Stack gap={6} role="status" aria-label="Loading objects">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} height={32} />
            ))}
          </Stack>
        ) : objects.length === 0 ? (
          <EmptyState
            title={aqlParam === null && type ? `No ${type.name} yet` : 'No objects match'}
            description={
              aqlParam === null ? (canCreate ? 'Create the first one.' : undefined) : 'Change the query to find more.'
            }
            action={
              canCreate && aqlParam === null ? (
                <Button size="xs" variant="light" onClick={() => setCreating(true)}>
                  Create object
                </Button>
              ) : undefined
            }
          />
        ) : (
          <Stack gap="xs" style={{ opacity: search.isPlaceholderData ? 0.6 : 1 }}>
            <ObjectTable objects={objects} columns={showType ? [] : columns} showType={showType} caption="Objects" />
            {data && data.total > PAGE_SIZE && (
              <Group justify="space-between" gap="sm" wrap="wrap">
                <Text size="sm" c="dimmed">
                  {(data.start + 1).toLocaleString()}–{(data.start + objects.length).toLocaleString()} of{' '}
                  {data.total.toLocaleString()}
                </Text>
                <Pagination
                  size="sm"
                  total={pages}
                  value={Math.floor(start / PAGE_SIZE) + 1}
                  onChange={(page) => onPage((page - 1) * PAGE_SIZE)}
                  getControlProps={(control) => ({
                    'aria-label': control === 'next' ? 'Next page' : control === 'previous' ? 'Previous page' : control,
                  })}
                  getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
                />
              </Group>
            )}
          </Stack>
        )}
      </Stack>
      {canCreate && type && (
        <ObjectFormDialog opened={creating} onClose={() => setCreating(false)} mode={{ kind: 'create', typeId: type.id }} />
      )}
      {canCreate && type && isAdmin && (
        <ImportDialog typeId={type.id} typeName={type.name} opened={importing} onClose={() => setImporting(false)} />
      )}
    </Paper>
  );
}
