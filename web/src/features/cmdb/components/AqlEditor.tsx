/**
 * The AQL filter box: CodeMirror 6, one query (Enter runs it, Shift+Enter starts a new line),
 * and the error of the last search underlined at its position while the text is still the query
 * that failed. This module pulls in CodeMirror (the vendor-codemirror chunk): load it with
 * React.lazy.
 */
import { defaultKeymap, history, historyKeymap, insertNewlineAndIndent } from '@codemirror/commands';
import { setDiagnostics } from '@codemirror/lint';
import type { Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExtension } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { SourcePosition } from '@/api/client';
import { positionToRange } from '@/lib/sourcePosition';
import classes from './AqlEditor.module.css';

/** A query the server refused, with where. */
export interface AqlError {
  aql: string;
  code: string;
  message: string;
  position?: SourcePosition | undefined;
}

export interface AqlEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Enter or Ctrl+Enter */
  onSubmit: (value: string) => void;
  /** The last search's error: underlined while the text is that query */
  error?: AqlError | null | undefined;
  /** ids of the elements that describe the editor (help text, error) */
  describedBy?: string | undefined;
  placeholder?: string | undefined;
}

export function aqlDiagnostic(text: string, error: AqlError): Diagnostic {
  const { from, to } = error.position ? positionToRange(text, error.position) : { from: 0, to: text.length };
  // An error at the very end (a missing value) still gets something to underline.
  const end = to > from ? to : Math.min(text.length, from + 1);
  const start = end > from ? from : Math.max(0, end - 1);
  return { from: start, to: end, severity: 'error', message: error.message, source: error.code };
}

function contentAttributes(describedBy: string | undefined, invalid: boolean) {
  const attrs: Record<string, string> = {
    'aria-label': 'AQL query',
    'aria-multiline': 'true',
    spellcheck: 'false',
    autocapitalize: 'off',
    autocorrect: 'off',
  };
  if (describedBy) attrs['aria-describedby'] = describedBy;
  if (invalid) attrs['aria-invalid'] = 'true';
  return EditorView.contentAttributes.of(attrs);
}

export function AqlEditor(props: AqlEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const attributes = useRef(new Compartment());

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    const submit = (view: EditorView) => {
      latest.current.onSubmit(view.state.doc.toString());
      return true;
    };
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          history(),
          EditorView.lineWrapping,
          placeholderExtension(latest.current.placeholder ?? ''),
          attributes.current.of(contentAttributes(latest.current.describedBy, false)),
          Prec.high(
            keymap.of([
              { key: 'Enter', run: submit },
              { key: 'Mod-Enter', run: submit },
              { key: 'Shift-Enter', run: insertNewlineAndIndent },
            ]),
          ),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.updateListener.of((update) => {
            // The parent holds the text; once it differs from the failed query the underline goes.
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, []);

  // The text follows `value` when it changes from outside (another type chosen, the URL).
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const current = view.state.doc.toString();
    if (current !== props.value) {
      view.dispatch({ changes: { from: 0, to: current.length, insert: props.value } });
    }
  }, [props.value]);

  const { error } = props;
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const text = view.state.doc.toString();
    const diagnostics = error && text === error.aql ? [aqlDiagnostic(text, error)] : [];
    view.dispatch(setDiagnostics(view.state, diagnostics));
  }, [error, props.value]);

  const invalid = Boolean(error);
  useEffect(() => {
    viewRef.current?.dispatch({
      effects: attributes.current.reconfigure(contentAttributes(props.describedBy, invalid)),
    });
  }, [props.describedBy, invalid]);

  return <div ref={hostRef} className={classes.editor} data-invalid={invalid || undefined} />;
}
