import { Anchor, Text } from '@mantine/core';
import type { TextProps } from '@mantine/core';
import type { ReactNode } from 'react';

const TOKEN_RE = /(https?:\/\/[^\s<>"']+|mailto:[^\s<>"']+|\[~[A-Za-z0-9._-]+\]|(?<![\w@])@[A-Za-z0-9._-]*[A-Za-z0-9_])/g;

/**
 * Splits user text into strings, links and mentions. Everything stays React text: user text is
 * never parsed as HTML. Only http(s) and mailto links become anchors.
 */
export function tokenize(text: string): ({ kind: 'text' | 'link' | 'mention'; value: string })[] {
  const tokens: ({ kind: 'text' | 'link' | 'mention'; value: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN_RE)) {
    let value = match[0];
    const start = match.index;
    if (/^(https?:|mailto:)/.test(value)) {
      // A link does not end with punctuation that closes the sentence around it.
      const trimmed = value.replace(/[.,;:!?)\]}]+$/, '');
      value = trimmed;
    }
    if (start > last) tokens.push({ kind: 'text', value: text.slice(last, start) });
    tokens.push({ kind: value.startsWith('@') || value.startsWith('[~') ? 'mention' : 'link', value });
    last = start + value.length;
  }
  if (last < text.length) tokens.push({ kind: 'text', value: text.slice(last) });
  return tokens;
}

export interface PlainTextProps extends Omit<TextProps, 'children'> {
  text: string;
}

/** User text with its line breaks, clickable links and highlighted @mentions. */
export function PlainText({ text, ...props }: PlainTextProps) {
  const parts: ReactNode[] = tokenize(text).map((token, i) => {
    if (token.kind === 'link') {
      return (
        <Anchor key={i} href={token.value} target="_blank" rel="noopener noreferrer nofollow" inherit>
          {token.value}
        </Anchor>
      );
    }
    if (token.kind === 'mention') {
      const name = token.value.startsWith('[~') ? `@${token.value.slice(2, -1)}` : token.value;
      return (
        <Text key={i} span inherit c="blue.8" bg="blue.0" px={3} style={{ borderRadius: 4 }}>
          {name}
        </Text>
      );
    }
    return token.value;
  });
  return (
    <Text size="sm" component="div" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} {...props}>
      {parts}
    </Text>
  );
}
