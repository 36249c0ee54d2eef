/**
 * The AQL filter box: CodeMirror 6, one query (Enter runs it, Shift+Enter starts a new line),
 * suggestions from the schema's types and attributes as you type (lib/aqlCompletion; Ctrl+Space
 * asks for them, Enter in an open list picks), and the error of the last search underlined at its
 * position while the text is still the query that failed. This module pulls in CodeMirror (the vendor-codemirror chunk): load it with
 * React.lazy.
 */
import { autocompletion, closeCompletion, completionStatus, startCompletion } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, insertNewlineAndIndent } from '@codemirror/commands';
import { setDiagnostics } from '@codemirror/lint';
import type { Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExtension } from '@codemirror/view';
import { useEffect, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import type { SourcePosition } from '@/api/client';
import { positionToRange } from '@/lib/sourcePosition';
import { aqlCompletionSource, aqlCursorContext } from '../lib/aqlCompletion';
import { useAqlCompletionData } from '../lib/aqlCompletionData';
import classes from '@/components/QueryEditor.module.css';

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
  /** The schema whose types and attributes are suggested (none: no suggestions of names) */
  schemaKey?: string | undefined;
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
  // The types' attributes are loaded once the editor is first focused.
  const [wantSuggestions, setWantSuggestions] = useState(false);
  const completionData = useAqlCompletionData(props.schemaKey, wantSuggestions);
  const latestData = useRef(completionData);
  latestData.current = completionData;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    const submit = (view: EditorView) => {
      if (completionStatus(view.state) !== null) closeCompletion(view);
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
          autocompletion({
            override: [aqlCompletionSource(() => latestData.current)],
            icons: false,
            maxRenderedOptions: 60,
          }),
          EditorView.focusChangeEffect.of((_state, focusing) => {
            if (focusing) setWantSuggestions(true);
            return null;
          }),
          // Enter runs the search unless a suggestion list is open (then it picks the suggestion).
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

  // Attributes that arrive while a word is being typed update the suggestions.
  useEffect(() => {
    const view = viewRef.current;
    if (!view?.hasFocus) return;
    const { state } = view;
    const pos = state.selection.main.head;
    if (completionStatus(state) !== null || aqlCursorContext(state.doc.toString(), pos).partial !== '') {
      startCompletion(view);
    }
  }, [completionData]);

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

  return (
    <div
      ref={hostRef}
      className={classes.editor}
      style={{ '--query-editor-max-height': '120px' } as CSSProperties}
      data-invalid={invalid || undefined}
    />
  );
}
