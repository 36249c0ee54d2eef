import { TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';

export interface HelpCenterSearchProps {
  value: string;
  onChange: (value: string) => void;
}

/** "What can we help you with?": the search box that filters request types. */
export function HelpCenterSearch({ value, onChange }: HelpCenterSearchProps) {
  return (
    <TextInput
      type="search"
      size="md"
      radius="md"
      aria-label="What can we help you with?"
      placeholder="What can we help you with?"
      leftSection={<IconSearch size={18} aria-hidden />}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      autoComplete="off"
    />
  );
}
