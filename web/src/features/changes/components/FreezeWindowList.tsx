import { ActionIcon, Badge, Group, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { ConfirmPopover } from '@/components/ConfirmPopover';
import { errorMessage } from '@/components/PageError';
import { formatDateTime } from '@/lib/time';
import { useDeleteFreezeWindow, useFreezeWindows } from '../api/freezeWindows';
import type { FreezeWindow } from '../api/types';
import tableClasses from '@/components/DataTable.module.css';

export interface FreezeWindowListProps {
  /** Administrators delete windows */
  canManage: boolean;
}

/**
 * Every freeze window by start: name, from, to, whether it blocks or flags changes, and the
 * services it covers ("All services" for none); past ones greyed. Administrators delete one
 * after confirming.
 */
export function FreezeWindowList({ canManage }: FreezeWindowListProps) {
  const windows = useFreezeWindows();
  const remove = useDeleteFreezeWindow();

  const del = (window: FreezeWindow) =>
    remove.mutate(window.id, {
      onSuccess: () => notifications.show({ color: 'green', message: `Freeze window ${window.name} deleted.` }),
      onError: (error) =>
        notifications.show({ color: 'red', title: `Could not delete ${window.name}`, message: errorMessage(error) }),
    });

  if (windows.isPending) return <Skeleton height={80} radius="md" aria-label="Loading freeze windows" />;
  if (windows.isError) {
    return (
      <Text size="sm" c="red.7">
        Could not load the freeze windows: {errorMessage(windows.error)}
      </Text>
    );
  }
  if (windows.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No freeze windows.{canManage ? ' Add one to stop changes over a holiday or an audit.' : ''}
      </Text>
    );
  }
  const now = Date.now();
  return (
    <div className={tableClasses.frame}>
      <Table className={tableClasses.table} aria-label="Freeze windows" verticalSpacing={6} miw={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>From</Table.Th>
            <Table.Th>To</Table.Th>
            <Table.Th>Mode</Table.Th>
            <Table.Th>Services</Table.Th>
            {canManage && <Table.Th aria-label="Actions" />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {windows.data.map((window) => {
            const past = new Date(window.end).getTime() < now;
            return (
              <Table.Tr key={window.id} c={past ? 'dimmed' : undefined}>
                <Table.Td fw={500}>{window.name}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(new Date(window.start))}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(new Date(window.end))}</Table.Td>
                <Table.Td>
                  <Badge color={window.mode === 'block' ? 'cyan' : 'grape'} variant="light" radius="sm" tt="none">
                    {window.mode === 'block' ? 'Blocks changes' : 'Flags changes'}
                  </Badge>
                </Table.Td>
                <Table.Td>{window.services.length === 0 ? 'All services' : window.services.map((s) => s.label).join(', ')}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <Group justify="flex-end">
                      <ConfirmPopover
                        message={`Delete the freeze window ${window.name}?`}
                        confirmLabel="Delete"
                        onConfirm={() => del(window)}
                      >
                        <Tooltip label="Delete">
                          <ActionIcon variant="subtle" color="red" aria-label={`Delete ${window.name}`} loading={remove.isPending && remove.variables === window.id}>
                            <IconTrash size={16} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      </ConfirmPopover>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}
