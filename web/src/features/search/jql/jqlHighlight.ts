/**
 * Syntax highlighting of JQL in CodeMirror: the scanner of lib/jqlSyntax classifies every token
 * by where it stands (a field, an operator, a keyword, a value, a string, a function), and each
 * gets a mark with the class `cm-jql-<type>`. Queries are short (16 KiB at most), so the whole
 * text is rescanned on every change.
 */
import { RangeSetBuilder } from '@codemirror/state';
import type { Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin } from '@codemirror/view';
import type { DecorationSet, ViewUpdate } from '@codemirror/view';
import { tokenizeJql } from '@/lib/jqlSyntax';
import type { JqlTokenType } from '@/lib/jqlSyntax';

const MARKS: Record<JqlTokenType, Decoration> = {
  field: Decoration.mark({ class: 'cm-jql-field' }),
  operator: Decoration.mark({ class: 'cm-jql-operator' }),
  keyword: Decoration.mark({ class: 'cm-jql-keyword' }),
  string: Decoration.mark({ class: 'cm-jql-string' }),
  value: Decoration.mark({ class: 'cm-jql-value' }),
  function: Decoration.mark({ class: 'cm-jql-function' }),
  paren: Decoration.mark({ class: 'cm-jql-paren' }),
  comma: Decoration.mark({ class: 'cm-jql-paren' }),
  invalid: Decoration.mark({ class: 'cm-jql-invalid' }),
};

/** The highlight marks of a query text. */
export function jqlDecorations(text: string): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  for (const token of tokenizeJql(text)) {
    if (token.to > token.from) builder.add(token.from, token.to, MARKS[token.type]);
  }
  return builder.finish();
}

const highlighter = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;

    constructor(view: EditorView) {
      this.decorations = jqlDecorations(view.state.doc.toString());
    }

    update(update: ViewUpdate) {
      if (update.docChanged) this.decorations = jqlDecorations(update.state.doc.toString());
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/** Token colours, from the Mantine palette (readable on white, AA contrast). */
const colours = EditorView.baseTheme({
  '.cm-jql-field': { color: 'var(--mantine-color-blue-8, #1864ab)' },
  '.cm-jql-operator': { color: 'var(--mantine-color-gray-8, #343a40)', fontWeight: '600' },
  '.cm-jql-keyword': { color: 'var(--mantine-color-violet-8, #6741d9)', fontWeight: '600' },
  '.cm-jql-string': { color: 'var(--mantine-color-green-9, #2b8a3e)' },
  '.cm-jql-value': { color: 'var(--mantine-color-teal-9, #087f5b)' },
  '.cm-jql-function': { color: 'var(--mantine-color-orange-9, #d9480f)' },
  '.cm-jql-paren': { color: 'var(--mantine-color-gray-7, #495057)' },
  '.cm-jql-invalid': { color: 'var(--mantine-color-red-8, #c92a2a)' },
});

/** JQL highlighting for an editor. */
export function jqlHighlighting(): Extension {
  return [highlighter, colours];
}
