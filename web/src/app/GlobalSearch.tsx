import { Kbd, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { forwardRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { textSearchJql } from '@/lib/jql';
import { paths } from '@/lib/paths';

export interface GlobalSearchProps {
  /** Show the `/` shortcut hint */
  withShortcutHint?: boolean;
}

/** The header's search box: Enter runs `text ~ "<words>"` on the search page. */
export const GlobalSearch = forwardRef<HTMLInputElement, GlobalSearchProps>(function GlobalSearch(
  { withShortcutHint = false },
  ref,
) {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const words = text.trim();
    navigate(words ? paths.search(textSearchJql(words)) : paths.search());
    setText('');
  };
  return (
    <form role="search" onSubmit={onSubmit} style={{ width: '100%' }}>
      <TextInput
        ref={ref}
        type="search"
        aria-label="Search issues"
        placeholder="Search issues"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={withShortcutHint && text === '' ? <Kbd size="xs">/</Kbd> : undefined}
        rightSectionPointerEvents="none"
      />
    </form>
  );
});
