/**
 * The JQL editor: CodeMirror 6 with JQL highlighting, autocompletion from GET
 * /api/v1/query/fields, and validation as you type (POST /api/v1/query/validate, debounced by
 * the linter) with the error underlined at its token. Enter (or Ctrl/⌘+Enter) runs the search,
 * Shift+Enter starts a new line, Ctrl+Space asks for suggestions, Tab leaves the editor.
 *
 * This module pulls in CodeMirror (the vendor-codemirror chunk): load it with React.lazy.
 */
import { autocompletion, closeCompletion, completionStatus } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, insertNewlineAndIndent } from '@codemirror/commands';
import { linter, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExtension } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { QueryLanguage, UserRef } from '@/api/types';
import { jqlCompletionSource } from '../jql/jqlCompletion';
import { jqlHighlighting } from '../jql/jqlHighlight';
import { diagnosticFromError } from '../jql/jqlLint';
import type { JqlError } from '../jql/jqlLint';
import classes from '@/components/QueryEditor.module.css';

/** The verdict on a query text: no error, or the server's error. */
export interface JqlValidation {
  jql: string;
  error: JqlError | null;
}

export interface JqlEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Enter or Ctrl+Enter */
  onSubmit: (value: string) => void;
  /** The language for suggestions (GET /api/v1/query/fields); none until it loaded */
  language: QueryLanguage | undefined;
  /** Checks a query (POST /api/v1/query/validate); its error is underlined and reported */
  validate: (jql: string) => Promise<{ valid: boolean; error?: JqlError | undefined }>;
  /** Called with each verdict of `validate` (and a null error for an empty query) */
  onValidation: (result: JqlValidation) => void;
  /** People for user-field suggestions */
  findUsers?: ((text: string) => Promise<UserRef[]>) | undefined;
  /** An error the last search answered: underlined while the text is still that query */
  error?: JqlValidation | null | undefined;
  /** ids of the elements that describe the editor (help text, error) */
  describedBy?: string | undefined;
  placeholder?: string | undefined;
  autoFocus?: boolean | undefined;
}

const VALIDATE_DELAY_MS = 350;

function contentAttributes(describedBy: string | undefined, invalid: boolean) {
  const attrs: Record<string, string> = {
    'aria-label': 'JQL query',
    'aria-multiline': 'true',
    spellcheck: 'false',
    autocapitalize: 'off',
    autocorrect: 'off',
  };
  if (describedBy) attrs['aria-describedby'] = describedBy;
  if (invalid) attrs['aria-invalid'] = 'true';
  return EditorView.contentAttributes.of(attrs);
}

export function JqlEditor(props: JqlEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const attributes = useRef(new Compartment());

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
          jqlHighlighting(),
          autocompletion({
            override: [
              jqlCompletionSource(() => ({
                language: latest.current.language,
                findUsers: latest.current.findUsers,
              })),
            ],
            icons: false,
            maxRenderedOptions: 60,
          }),
          linter(
            async (v) => {
              const jql = v.state.doc.toString();
              if (jql.trim() === '') {
                latest.current.onValidation({ jql, error: null });
                return [];
              }
              let verdict: { valid: boolean; error?: JqlError | undefined };
              try {
                verdict = await latest.current.validate(jql);
              } catch {
                return []; // Cannot check now (offline...): the search will tell.
              }
              if (v.state.doc.toString() !== jql) return [];
              const error = verdict.valid ? null : (verdict.error ?? null);
              latest.current.onValidation({ jql, error });
              return error ? [diagnosticFromError(jql, error)] : [];
            },
            { delay: VALIDATE_DELAY_MS },
          ),
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
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    if (latest.current.autoFocus) view.focus();
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, []);

  // The text follows `value` when it changes from outside (URL, sorting by a column).
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const current = view.state.doc.toString();
    if (current !== props.value) {
      view.dispatch({ changes: { from: 0, to: current.length, insert: props.value } });
    }
  }, [props.value]);

  // The last search's error, underlined while the text is the query that failed.
  const { error } = props;
  useEffect(() => {
    const view = viewRef.current;
    if (!view || !error?.error) return;
    const text = view.state.doc.toString();
    if (text === error.jql) view.dispatch(setDiagnostics(view.state, [diagnosticFromError(text, error.error)]));
  }, [error]);

  const invalid = Boolean(props.error?.error);
  useEffect(() => {
    viewRef.current?.dispatch({
      effects: attributes.current.reconfigure(contentAttributes(props.describedBy, invalid)),
    });
  }, [props.describedBy, invalid]);

  return <div ref={hostRef} className={classes.editor} data-invalid={invalid || undefined} />;
}
