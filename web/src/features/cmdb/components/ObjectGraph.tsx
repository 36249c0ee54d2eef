import { Alert, Anchor, Group, Loader, SegmentedControl, Select, Skeleton, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { Suspense, lazy, useId } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PageError } from '@/components/PageError';
import { paths } from '@/lib/paths';
import { useObjectGraph } from '../api/objects';
import type { CmdbGraph, GraphDirection } from '../api/types';
import { typeColour } from '../lib/typeColour';
import classes from './Cmdb.module.css';

const GraphCanvas = lazy(async () => ({ default: (await import('./GraphCanvas')).GraphCanvas }));

export interface ObjectGraphProps {
  objectKey: string;
  label: string;
  depth: number;
  direction: GraphDirection;
  onDepth: (depth: number) => void;
  onDirection: (direction: GraphDirection) => void;
}

const DIRECTIONS: { value: GraphDirection; label: string }[] = [
  { value: 'both', label: 'Both directions' },
  { value: 'outbound', label: 'What it refers to' },
  { value: 'inbound', label: 'What refers to it' },
];

/**
 * The object's neighbourhood up to `depth` references away, drawn as an interactive graph (click
 * an object to open it), with the same objects listed by distance below for keyboards, screen
 * readers and small screens.
 */
export function ObjectGraph({ objectKey, label, depth, direction, onDepth, onDirection }: ObjectGraphProps) {
  const graph = useObjectGraph(objectKey, depth, direction);
  const depthLabelId = useId();
  const navigate = useNavigate();
  const open = (key: string) => {
    if (key.toUpperCase() !== objectKey.toUpperCase()) navigate(`${paths.cmdbObject(key)}?tab=graph`);
  };

  return (
    <Stack gap="sm">
      <Group gap="md" wrap="wrap" align="flex-end">
        <div>
          <Text size="sm" fw={500} id={depthLabelId} mb={4}>
            Depth
          </Text>
          <SegmentedControl
            aria-labelledby={depthLabelId}
            size="xs"
            value={String(depth)}
            onChange={(v) => onDepth(Number(v))}
            data={['1', '2', '3', '4', '5']}
          />
        </div>
        <Select
          label="Direction"
          size="xs"
          data={DIRECTIONS}
          value={direction}
          onChange={(v) => v && onDirection(v as GraphDirection)}
          allowDeselect={false}
          w={200}
          comboboxProps={{ withinPortal: true }}
        />
        {graph.isFetching && <Loader size="xs" aria-label="Loading the graph" />}
      </Group>
      {graph.isPending ? (
        <Skeleton className={classes.graph} role="status" aria-label="Loading the graph" />
      ) : graph.isError ? (
        <PageError error={graph.error} onRetry={() => void graph.refetch()} />
      ) : (
        <>
          {graph.data.truncated && (
            <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
              The neighbourhood is large: some objects are left out. Lower the depth or choose one direction.
            </Alert>
          )}
          {graph.data.nodes.length <= 1 ? (
            <Text size="sm" c="dimmed">
              No object is connected to {label} {direction === 'both' ? '' : 'in this direction '}by a reference.
            </Text>
          ) : (
            <Suspense fallback={<Skeleton className={classes.graph} />}>
              <GraphCanvas
                graph={graph.data}
                onOpen={open}
                colourOf={typeColour}
                className={classes.graph}
                label={`Reference graph of ${label}: ${graph.data.nodes.length} objects, ${graph.data.edges.length} references`}
              />
            </Suspense>
          )}
          <GraphLegend graph={graph.data} />
          <GraphList graph={graph.data} />
        </>
      )}
    </Stack>
  );
}

/** Which colour is which object type. */
function GraphLegend({ graph }: { graph: CmdbGraph }) {
  const types = [...new Set(graph.nodes.map((n) => n.objectType))].sort();
  if (graph.nodes.length <= 1) return null;
  return (
    <Group gap="md" wrap="wrap" aria-hidden>
      {types.map((t) => (
        <Group key={t} gap={6} wrap="nowrap">
          <span style={{ width: 10, height: 10, borderRadius: 5, background: typeColour(t), display: 'inline-block' }} />
          <Text size="xs" c="dimmed">
            {t}
          </Text>
        </Group>
      ))}
    </Group>
  );
}

function GraphList({ graph }: { graph: CmdbGraph }) {
  const levels = new Map<number, CmdbGraph['nodes']>();
  for (const n of graph.nodes) {
    if (n.key === graph.root) continue;
    levels.set(n.depth, [...(levels.get(n.depth) ?? []), n]);
  }
  if (levels.size === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-label="Objects in the graph">
      {[...levels.entries()]
        .sort(([a], [b]) => a - b)
        .map(([depth, nodes]) => (
          <div key={depth}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {depth === 1 ? '1 reference away' : `${depth} references away`}
            </Text>
            <Group gap="xs" wrap="wrap" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {nodes.map((n) => (
                <li key={n.key}>
                  <Anchor component={Link} to={paths.cmdbObject(n.key)} size="sm">
                    {n.label}
                  </Anchor>{' '}
                  <Text span size="xs" c="dimmed">
                    {n.key} · {n.objectType}
                  </Text>
                </li>
              ))}
            </Group>
          </div>
        ))}
    </Stack>
  );
}
