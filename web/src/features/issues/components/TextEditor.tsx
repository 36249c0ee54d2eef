import { Button, Group, Stack, Textarea } from '@mantine/core';

interface TextEditorProps {
  /** The accessible name of the text area (the field's name) */
  label: string;
  value: string;
  error?: string | null;
  minRows: number;
  maxRows: number;
  saving: boolean;
  saveLabel: string;
  onChange: (value: string) => void;
  onSave: () => void;
  onCancel: () => void;
}

/**
 * The in-place editor of a long text field of the issue view (description, a change's plans): an
 * autosizing text area with Save and Cancel; Escape cancels and Ctrl/⌘+Enter saves.
 */
export function TextEditor({
  label,
  value,
  error,
  minRows,
  maxRows,
  saving,
  saveLabel,
  onChange,
  onSave,
  onCancel,
}: TextEditorProps) {
  return (
    <Stack gap="xs">
      <Textarea
        aria-label={label}
        autosize
        minRows={minRows}
        maxRows={maxRows}
        autoFocus
        value={value}
        error={error}
        onChange={(e) => onChange(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) onSave();
        }}
      />
      <Group gap="xs">
        <Button size="xs" onClick={onSave} loading={saving}>
          {saveLabel}
        </Button>
        <Button size="xs" variant="subtle" color="gray" onClick={onCancel}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
