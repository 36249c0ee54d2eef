import { Anchor, Badge, Breadcrumbs, Button, Group, Paper, Skeleton, Stack, Tabs, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBox, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { PageError } from '@/components/PageError';
import { RelativeTime } from '@/components/RelativeTime';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { useObject } from '../api/objects';
import { useObjectType } from '../api/objectTypes';
import type { CmdbAttribute, CmdbObjectDetail, GraphDirection } from '../api/types';
import { AttributeValue } from './AttributeValue';
import classes from './Cmdb.module.css';
import { ConnectedIssues } from './ConnectedIssues';
import { DeleteObjectDialog } from './DeleteObjectDialog';
import { ObjectAttachments } from './ObjectAttachments';
import { ObjectFormDialog } from './ObjectFormDialog';
import { ObjectGraph } from './ObjectGraph';
import { ObjectHistory } from './ObjectHistory';
import { ReferenceList } from './ReferenceList';

type Tab = 'details' | 'graph' | 'history';
const TABS: readonly Tab[] = ['details', 'graph', 'history'];
const DIRECTIONS: readonly GraphDirection[] = ['both', 'inbound', 'outbound'];

/**
 * /cmdb/objects/:objectKey — one object: its attributes, the references it holds and those that
 * point at it, the issues connected to it, its attachments, its history and its reference graph.
 * The tab and the graph's depth and direction are in the URL (`?tab=graph&depth=2&direction=both`).
 */
export function ObjectPage() {
  const { objectKey = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const object = useObject(objectKey);
  usePageTitle(object.data ? `${object.data.label} (${object.data.key})` : objectKey.toUpperCase());

  const tabParam = params.get('tab') as Tab | null;
  const tab: Tab = tabParam && TABS.includes(tabParam) ? tabParam : 'details';
  const depth = Math.min(5, Math.max(1, Number(params.get('depth')) || 2));
  const directionParam = params.get('direction') as GraphDirection | null;
  const direction: GraphDirection = directionParam && DIRECTIONS.includes(directionParam) ? directionParam : 'both';
  const set = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  if (object.isPending) return <ObjectSkeleton />;
  if (object.isError) {
    return (
      <Stack gap="sm">
        <Breadcrumbs separator="/" separatorMargin={6}>
          <Anchor component={Link} to={paths.cmdb()} size="sm" c="dimmed">
            Assets
          </Anchor>
          <Text size="sm" c="dimmed">
            {objectKey.toUpperCase()}
          </Text>
        </Breadcrumbs>
        <PageError error={object.error} onRetry={() => void object.refetch()} />
      </Stack>
    );
  }
  const o = object.data;

  return (
    <Stack gap="md">
      <ObjectHeader object={o} />
      <Tabs value={tab} onChange={(v) => set({ tab: v === 'details' ? null : v })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="details">Details</Tabs.Tab>
          <Tabs.Tab value="graph">Graph</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <ObjectDetails object={o} />
        </Tabs.Panel>
        <Tabs.Panel value="graph" pt="md">
          <ObjectGraph
            objectKey={o.key}
            label={o.label}
            depth={depth}
            direction={direction}
            onDepth={(d) => set({ depth: d === 2 ? null : String(d) })}
            onDirection={(d) => set({ direction: d === 'both' ? null : d })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <ObjectHistory objectKey={o.key} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ObjectHeader({ object: o }: { object: CmdbObjectDetail }) {
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const typeLink = paths.cmdbSchema(o.schema.key, { type: o.objectType.id });

  return (
    <Stack gap={4}>
      <Breadcrumbs separator="/" separatorMargin={6} styles={{ root: { flexWrap: 'wrap' } }}>
        <Anchor component={Link} to={paths.cmdb()} size="sm" c="dimmed">
          Assets
        </Anchor>
        <Anchor component={Link} to={paths.cmdbSchema(o.schema.key)} size="sm" c="dimmed">
          {o.schema.name}
        </Anchor>
        <Anchor component={Link} to={typeLink} size="sm" c="dimmed">
          {o.objectType.name}
        </Anchor>
      </Breadcrumbs>
      <Group justify="space-between" gap="sm" wrap="wrap" align="flex-start">
        <Group gap="sm" wrap="nowrap" align="center" style={{ minWidth: 0 }}>
          <ThemeIcon size={40} radius="md" variant="light" aria-hidden>
            <IconBox size={22} />
          </ThemeIcon>
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
              {o.label}
            </Title>
            <Group gap={6}>
              <Badge variant="outline" color="gray" radius="sm" tt="none">
                {o.key}
              </Badge>
              <Text size="sm" c="dimmed">
                {o.objectType.name}
              </Text>
            </Group>
          </Stack>
        </Group>
        <Group gap="xs">
          <Button variant="default" size="sm" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
            Edit
          </Button>
          <Button
            variant="default"
            color="red"
            size="sm"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => setDeleting(true)}
          >
            Delete
          </Button>
        </Group>
      </Group>
      <ObjectFormDialog opened={editing} onClose={() => setEditing(false)} mode={{ kind: 'edit', object: o }} />
      <DeleteObjectDialog
        object={o}
        opened={deleting}
        onClose={() => setDeleting(false)}
        onDeleted={() => {
          setDeleting(false);
          notifications.show({ color: 'green', message: `${o.key} ${o.label} was deleted` });
          navigate(typeLink, { replace: true });
        }}
      />
    </Stack>
  );
}

/** The attributes in the type's order (once the type is known; the object's order until then). */
function orderedAttributes(object: CmdbObjectDetail, attrs: readonly CmdbAttribute[] | undefined) {
  if (!attrs) {
    return Object.keys(object.attributes).map((name) => ({ attribute: { name, type: 'text' as const }, key: name }));
  }
  return attrs.map((a) => ({ attribute: a, key: String(a.id) }));
}

function ObjectDetails({ object: o }: { object: CmdbObjectDetail }) {
  const type = useObjectType(o.objectType.id);
  const rows = orderedAttributes(o, type.data?.attributes);

  return (
    <div className={classes.objectLayout}>
      <Stack gap="md" style={{ minWidth: 0 }}>
        <Paper withBorder radius="md" p="md" component="section" aria-label="Attributes">
          <Title order={2} size="h5" mb="sm">
            Attributes
          </Title>
          {rows.length === 0 ? (
            <Text size="sm" c="dimmed">
              This object type has no attributes.
            </Text>
          ) : (
            <dl className={classes.attributes}>
              {rows.map(({ attribute, key }) => (
                <div key={key} style={{ display: 'contents' }}>
                  <dt>{attribute.name}</dt>
                  <dd>
                    <AttributeValue attribute={attribute} value={o.attributes[attribute.name]} />
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </Paper>
        <Paper withBorder radius="md" p="md" component="section" aria-label="Outbound references">
          <Title order={2} size="h5" mb="sm">
            Outbound references
          </Title>
          <ReferenceList references={o.references.outbound} direction="outbound" />
        </Paper>
        <Paper withBorder radius="md" p="md" component="section" aria-label="Connected issues">
          <Title order={2} size="h5" mb="sm">
            Connected issues
          </Title>
          <ConnectedIssues objectKey={o.key} />
        </Paper>
      </Stack>
      <Stack gap="md" style={{ minWidth: 0 }}>
        <Paper withBorder radius="md" p="md" component="section" aria-label="Dates">
          <Stack gap={4}>
            <Text size="sm">
              <Text span c="dimmed">
                Created
              </Text>{' '}
              <RelativeTime value={o.created} />
            </Text>
            <Text size="sm">
              <Text span c="dimmed">
                Updated
              </Text>{' '}
              <RelativeTime value={o.updated} />
            </Text>
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="md" component="section" aria-label="Inbound references">
          <Title order={2} size="h5" mb="sm">
            Inbound references
          </Title>
          <ReferenceList references={o.references.inbound} direction="inbound" />
        </Paper>
        <ObjectAttachments objectKey={o.key} />
      </Stack>
    </div>
  );
}

function ObjectSkeleton() {
  return (
    <Stack gap="md" role="status" aria-label="Loading the object">
      <Skeleton height={14} width={240} />
      <Skeleton height={32} width="50%" />
      <Skeleton height={28} width={280} />
      <div className={classes.objectLayout}>
        <Stack gap="sm">
          {[0, 1, 2, 3, 4].map((i) => (
            <Skeleton key={i} height={28} />
          ))}
        </Stack>
        <Skeleton height={160} />
      </div>
    </Stack>
  );
}
