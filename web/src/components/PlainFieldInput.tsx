import { NumberInput, Textarea, TextInput } from '@mantine/core';
import type { KeyboardEvent, ReactNode } from 'react';

/** What labels an input, shared by the agent's field editors and the portal's request form. */
export interface FieldInputChrome {
  id?: string | undefined;
  label?: ReactNode;
  'aria-label'?: string | undefined;
  description?: ReactNode;
  error?: ReactNode;
  disabled?: boolean | undefined;
  autoFocus?: boolean | undefined;
  withAsterisk?: boolean | undefined;
  required?: boolean | undefined;
  'aria-required'?: boolean | undefined;
  inputWrapperOrder?: ('label' | 'description' | 'input' | 'error')[] | undefined;
}

export interface PlainFieldInputProps {
  /** The field type: paragraph, number, date, datetime, url; anything else is one line of text */
  type: string;
  chrome: FieldInputChrome;
  value: string | number;
  /** A number input reports a number, or a string while it is not one ('' when empty) */
  onChange: (value: string | number) => void;
  /** On the one-line inputs (e.g. Enter to save) */
  onKeyDown?: ((event: KeyboardEvent) => void) | undefined;
  /** Dates, times and numbers in a narrow box (the label and help keep the full width) */
  narrow?: boolean;
  /** Minimum and maximum rows of a paragraph */
  paragraphRows?: [number, number];
}

const NARROW = { wrapper: { maxWidth: 260 } };

/**
 * The input of a field whose value is text or a number — paragraph, number, date, datetime, url,
 * text. Presentational: the value and its labelling come from the caller.
 */
export function PlainFieldInput({
  type,
  chrome,
  value,
  onChange,
  onKeyDown,
  narrow = false,
  paragraphRows = [3, 14],
}: PlainFieldInputProps) {
  const text = String(value);
  const styles = narrow ? NARROW : undefined;
  switch (type) {
    case 'paragraph':
      return (
        <Textarea
          {...chrome}
          autosize
          minRows={paragraphRows[0]}
          maxRows={paragraphRows[1]}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'number':
      return <NumberInput {...chrome} value={value} onChange={onChange} onKeyDown={onKeyDown} styles={styles} />;
    case 'date':
    case 'datetime':
      return (
        <TextInput
          {...chrome}
          type={type === 'date' ? 'date' : 'datetime-local'}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          styles={styles}
        />
      );
    case 'url':
      return (
        <TextInput
          {...chrome}
          type="url"
          inputMode="url"
          placeholder="https://"
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
      );
    default:
      return <TextInput {...chrome} value={text} onChange={(e) => onChange(e.currentTarget.value)} onKeyDown={onKeyDown} />;
  }
}
