import { ActionIcon, Box, Group, Text } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '@/components/PageError';
import type { EditorDef, FieldFormValue } from '../lib/fieldValues';
import { toApiInput } from '../lib/fieldValues';
import { FieldInput } from './FieldInput';

/** Types saved as soon as a value is picked (like Jira's selects); the others have ✓ and ✗. */
const SAVE_ON_PICK = new Set(['select', 'yesno', 'user', 'team']);

export interface FieldEditorProps {
  def: EditorDef;
  initial: FieldFormValue;
  /** Saves the API input value (PATCH); a rejection shows its message under the input */
  onSave: (value: unknown) => Promise<unknown>;
  onClose: () => void;
}

/** The inline editor of one field in the details panel. */
export function FieldEditor({ def, initial, onSave, onClose }: FieldEditorProps) {
  const [value, setValue] = useState<FieldFormValue>(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const pickToSave = SAVE_ON_PICK.has(def.type) || (def.type === 'object' && !def.object?.multiple);
  const multiple = def.object?.multiple ?? false;

  const commit = async (next: FieldFormValue) => {
    const input = toApiInput(def.type, next, { multiple });
    if (JSON.stringify(input) === JSON.stringify(toApiInput(def.type, initial, { multiple }))) {
      onClose();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await onSave(input);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <FieldInput
        def={def}
        value={value}
        label={null}
        autoFocus
        openDropdown={pickToSave}
        disabled={saving}
        onChange={(next) => {
          setValue(next);
          if (pickToSave) void commit(next);
        }}
        onSubmit={() => void commit(value)}
        error={error}
      />
      <Group gap={4} justify="flex-end" mt={4}>
        {saving && (
          <Text size="xs" c="dimmed" role="status">
            Saving…
          </Text>
        )}
        {!pickToSave && (
          <ActionIcon
            variant="filled"
            size="md"
            aria-label={`Confirm ${def.label}`}
            onClick={() => void commit(value)}
            loading={saving}
          >
            <IconCheck size={16} />
          </ActionIcon>
        )}
        <ActionIcon variant="default" size="md" aria-label={`Cancel editing ${def.label}`} onClick={onClose}>
          <IconX size={16} />
        </ActionIcon>
      </Group>
    </Box>
  );
}
