import { ActionIcon, Box, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { EditorDef, FieldFormValue } from '../lib/fieldValues';
import { FieldEditor } from './FieldEditor';
import classes from './IssuePage.module.css';

export interface DetailEditor {
  def: EditorDef;
  initial: FieldFormValue;
  onSave: (value: unknown) => Promise<unknown>;
}

export interface DetailRowProps {
  label: string;
  children: ReactNode;
  /** Makes the value click-to-edit */
  editor?: DetailEditor | undefined;
  /** Under the value (e.g. "Assign to me") */
  footer?: ReactNode;
}

/** One row of the details panel: label, value, and (for agents) an inline editor. */
export function DetailRow({ label, children, editor, footer }: DetailRowProps) {
  const [editing, setEditing] = useState(false);
  const valueId = useId();
  const labelId = useId();

  let body: ReactNode;
  if (editor && editing) {
    body = <FieldEditor {...editor} onClose={() => setEditing(false)} />;
  } else if (editor) {
    body = (
      <div
        className={classes.editable}
        onClick={(e) => {
          // Links inside the value keep working; anywhere else starts editing (Jira style).
          if (!(e.target as HTMLElement).closest('a')) setEditing(true);
        }}
      >
        <Box id={valueId} style={{ minWidth: 0, flex: 1 }}>
          {children}
        </Box>
        <ActionIcon
          className={classes.editButton}
          variant="subtle"
          color="gray"
          size="sm"
          aria-label={`Edit ${label}`}
          aria-describedby={valueId}
          onClick={(e) => {
            e.stopPropagation();
            setEditing(true);
          }}
        >
          <IconPencil size={14} />
        </ActionIcon>
      </div>
    );
  } else {
    body = (
      <Box id={valueId} className={classes.readonly}>
        {children}
      </Box>
    );
  }

  return (
    <div className={classes.detailRow} role="group" aria-labelledby={labelId}>
      <Text size="sm" c="dimmed" fw={600} className={classes.detailLabel} id={labelId}>
        {label}
      </Text>
      <Box style={{ minWidth: 0 }}>
        {body}
        {footer && !editing && <Box px={6}>{footer}</Box>}
      </Box>
    </div>
  );
}
