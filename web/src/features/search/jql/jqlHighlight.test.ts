import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import { jqlDecorations, jqlHighlighting } from './jqlHighlight';

function marks(text: string): string[] {
  const out: string[] = [];
  const cursor = jqlDecorations(text).iter();
  while (cursor.value) {
    out.push(`${text.slice(cursor.from, cursor.to)}:${String(cursor.value.spec.class).replace('cm-jql-', '')}`);
    cursor.next();
  }
  return out;
}

describe('JQL highlighting', () => {
  it('marks fields, operators, keywords, strings, values and functions', () => {
    expect(marks('assignee = currentUser() AND "Change risk" IN (High, "Very high") ORDER BY created DESC')).toEqual([
      'assignee:field',
      '=:operator',
      'currentUser:function',
      '(:paren',
      '):paren',
      'AND:keyword',
      '"Change risk":field',
      'IN:keyword',
      '(:paren',
      'High:value',
      ',:paren',
      '"Very high":string',
      '):paren',
      'ORDER:keyword',
      'BY:keyword',
      'created:field',
      'DESC:keyword',
    ]);
  });

  it('renders the marks in an editor', () => {
    const parent = document.createElement('div');
    document.body.append(parent);
    const view = new EditorView({
      parent,
      state: EditorState.create({ doc: 'status = "To Do"', extensions: [jqlHighlighting()] }),
    });
    expect(parent.querySelector('.cm-jql-field')?.textContent).toBe('status');
    expect(parent.querySelector('.cm-jql-operator')?.textContent).toBe('=');
    expect(parent.querySelector('.cm-jql-string')?.textContent).toBe('"To Do"');
    view.dispatch({ changes: { from: 0, to: 6, insert: 'priority' } });
    expect(parent.querySelector('.cm-jql-field')?.textContent).toBe('priority');
    view.destroy();
    parent.remove();
  });
});
