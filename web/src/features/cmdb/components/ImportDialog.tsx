import {
  Alert,
  Button,
  FileButton,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck, IconUpload } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { PageError, errorMessage } from '@/components/PageError';
import { COMBOBOX_PROPS } from '@/lib/comboboxProps';
import { useImportObjects } from '../api/import';
import type { CmdbImportReport, CmdbImportRequest } from '../api/import';
import { useObjectType } from '../api/objectTypes';
import { csvColumns, defaultMapping, jsonRows } from '../lib/importColumns';

export interface ImportDialogProps {
  typeId: number;
  typeName: string;
  opened: boolean;
  onClose: () => void;
}

type Format = 'csv' | 'json';

/**
 * Importing objects of a type (administrators): CSV or JSON pasted or read from a file, each
 * column mapped to an attribute, rows matched to existing objects by an identifier attribute.
 * "Check" runs it without writing; "Import" writes all rows or, with any error, none.
 */
export function ImportDialog({ typeId, typeName, opened, onClose }: ImportDialogProps) {
  const phone = useMediaQuery('(max-width: 48em)');
  const type = useObjectType(opened ? typeId : undefined);
  const run = useImportObjects();
  const [format, setFormat] = useState<Format>('csv');
  const [text, setText] = useState('');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [identifier, setIdentifier] = useState<string | null>(null);
  const [report, setReport] = useState<CmdbImportReport | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setText('');
    setMapping({});
    setIdentifier(null);
    setReport(null);
    run.reset();
    // A fresh form each time it opens.
  }, [opened]);

  const attributes = useMemo(() => type.data?.attributes.map((a) => a.name) ?? [], [type.data]);
  const parsed = useMemo(() => {
    if (!text.trim()) return { columns: [] as string[], error: null as string | null, rows: undefined };
    if (format === 'csv') return { columns: csvColumns(text), error: null, rows: undefined };
    const json = jsonRows(text);
    return 'error' in json ? { columns: [], error: json.error, rows: undefined } : { columns: json.columns, error: null, rows: json.rows };
  }, [text, format]);
  const columnsKey = parsed.columns.join('\n');

  // New columns: map each to the attribute of the same name.
  useEffect(() => {
    setMapping(defaultMapping(parsed.columns, attributes));
    setReport(null);
    // Only when the columns change (not at every keystroke of the data).
  }, [columnsKey, attributes]);

  const mapped = Object.values(mapping).length > 0;
  const submit = (dryRun: boolean) => {
    const body: CmdbImportRequest = {
      objectTypeId: typeId,
      format,
      data: format === 'json' && parsed.rows ? parsed.rows : text,
      mapping,
      dryRun,
    };
    if (identifier) body.identifier = identifier;
    run.mutate(body, { onSuccess: setReport });
  };

  const readFile = async (file: File | null) => {
    if (!file) return;
    setFileError(null);
    try {
      const content = await file.text();
      setFormat(/\.json$/i.test(file.name) || file.type === 'application/json' ? 'json' : 'csv');
      setText(content);
    } catch {
      setFileError(`${file.name} could not be read.`);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Import ${typeName}`}
      size="xl"
      fullScreen={phone}
      closeOnClickOutside={false}
      styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      {type.isError ? (
        <PageError error={type.error} onRetry={() => void type.refetch()} />
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Each row creates an object, or updates the one whose identifier matches. Nothing is written if any row has
            an error.
          </Text>
          <Group justify="space-between" gap="sm">
            <SegmentedControl
              aria-label="Format"
              value={format}
              onChange={(v) => setFormat(v as Format)}
              data={[
                { value: 'csv', label: 'CSV' },
                { value: 'json', label: 'JSON' },
              ]}
            />
            <FileButton onChange={(f) => void readFile(f)} accept=".csv,.json,text/csv,application/json">
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconUpload size={16} aria-hidden />}>
                  Choose a file
                </Button>
              )}
            </FileButton>
          </Group>
          {fileError && (
            <Text size="sm" c="red">
              {fileError}
            </Text>
          )}
          <Textarea
            label={format === 'csv' ? 'CSV data (the first line names the columns)' : 'JSON data (an array of objects)'}
            autosize
            minRows={5}
            maxRows={12}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={parsed.error}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />

          {parsed.columns.length > 0 && (
            <Stack gap="xs" component="section" aria-label="Column mapping">
              <Text size="sm" fw={600}>
                Columns → attributes
              </Text>
              {parsed.columns.map((c) => (
                <Group key={c} gap="sm" wrap="nowrap">
                  <Text size="sm" w={160} truncate title={c} ff="monospace">
                    {c}
                  </Text>
                  <Select
                    aria-label={`Attribute for column ${c}`}
                    size="xs"
                    data={attributes}
                    value={mapping[c] ?? null}
                    onChange={(a) =>
                      setMapping(({ [c]: _old, ...rest }) => (a ? { ...rest, [c]: a } : rest))
                    }
                    placeholder="Not imported"
                    clearable
                    style={{ flex: 1 }}
                    comboboxProps={COMBOBOX_PROPS}
                  />
                </Group>
              ))}
              <Select
                label="Match existing objects by"
                size="xs"
                data={attributes}
                value={identifier}
                onChange={setIdentifier}
                placeholder="The label attribute"
                clearable
                maw={320}
                comboboxProps={COMBOBOX_PROPS}
              />
            </Stack>
          )}

          {run.isError && (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} aria-hidden />} title="The import failed">
              {errorMessage(run.error)}
            </Alert>
          )}
          {report && <ImportReport report={report} />}

          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button variant="light" onClick={() => submit(true)} loading={run.isPending && run.variables?.dryRun} disabled={!mapped || Boolean(parsed.error)}>
              Check
            </Button>
            <Button onClick={() => submit(false)} loading={run.isPending && !run.variables?.dryRun} disabled={!mapped || Boolean(parsed.error)}>
              Import
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function ImportReport({ report }: { report: CmdbImportReport }) {
  const counts = `${report.created} to create, ${report.updated} to update, ${report.unchanged} unchanged`;
  const done = `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`;
  return (
    <Alert
      color={report.ok ? 'green' : 'red'}
      variant="light"
      icon={report.ok ? <IconCheck size={18} aria-hidden /> : <IconAlertTriangle size={18} aria-hidden />}
      title={
        !report.ok
          ? `${report.errors.length} ${report.errors.length === 1 ? 'error' : 'errors'}: nothing was imported`
          : report.dryRun
            ? 'The data can be imported'
            : 'Imported'
      }
    >
      <Stack gap="xs">
        <Text size="sm">{report.dryRun || !report.ok ? counts : done}</Text>
        {report.errors.length > 0 && (
          <Table.ScrollContainer minWidth={360}>
            <Table withRowBorders={false} verticalSpacing={2} aria-label="Import errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={60}>Row</Table.Th>
                  <Table.Th w={140}>Column</Table.Th>
                  <Table.Th>Error</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.errors.map((e, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td>{e.column ?? '—'}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Alert>
  );
}
