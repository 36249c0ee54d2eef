/**
 * Autocompletion of JQL from GET /api/v1/query/fields: what is offered depends on where the
 * cursor stands (lib/jqlSyntax's scanner) — field names at the start of a clause, that field's
 * operators after it, its values (statuses, priorities, options, people) and the functions that
 * fit its type after an operator, AND / OR / ORDER BY after a clause, orderable fields and
 * ASC / DESC after ORDER BY.
 */
import { insertCompletionText, pickedCompletion, snippetCompletion, startCompletion } from '@codemirror/autocomplete';
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { EditorView } from '@codemirror/view';
import type { QueryField, QueryLanguage, UserRef } from '@/api/types';
import { canonicalField, quoteJqlField, quoteJqlValue, scanJql } from '@/lib/jqlSyntax';
import type { JqlExpectation, JqlToken } from '@/lib/jqlSyntax';

export interface JqlCompletionData {
  language: QueryLanguage | undefined;
  /** People whose name or username contains the text (for user fields) */
  findUsers?: ((text: string) => Promise<UserRef[]>) | undefined;
}

/** Where the cursor is: what is expected there and the partial word already typed. */
export interface JqlCursorContext {
  expect: JqlExpectation;
  /** The field of the clause (for operators and values) */
  field: string | undefined;
  /** Start of the partial token (the cursor when there is none) */
  from: number;
  /** The partial token typed so far ('' when none) */
  partial: string;
}

function isPartial(token: JqlToken): boolean {
  if (token.type === 'paren' || token.type === 'comma' || token.type === 'operator') return false;
  if (token.text.startsWith('"') || token.text.startsWith("'")) return token.unterminated === true;
  return true;
}

/** The completion context at `pos` in `text`. */
export function jqlCursorContext(text: string, pos: number): JqlCursorContext {
  const before = text.slice(0, pos);
  const scan = scanJql(before);
  const last = scan.tokens[scan.tokens.length - 1];
  if (last && last.to === pos && isPartial(last)) {
    const previous = scanJql(before.slice(0, last.from));
    return { expect: previous.expect, field: previous.field, from: last.from, partial: last.text };
  }
  return { expect: scan.expect, field: scan.field, from: pos, partial: '' };
}

function findField(language: QueryLanguage | undefined, name: string | undefined): QueryField | undefined {
  if (!language || name === undefined) return undefined;
  const wanted = canonicalField(name);
  return language.fields.find((f) => f.name.toLowerCase() === wanted || f.id.toLowerCase() === wanted);
}

/** Inserts the completion and opens the next suggestions (field → operators → values). */
function applyAndContinue(text: string) {
  return (view: EditorView, completion: Completion, from: number, to: number) => {
    view.dispatch({
      ...insertCompletionText(view.state, text, from, to),
      annotations: pickedCompletion.of(completion),
    });
    startCompletion(view);
  };
}

const OPERATOR_INFO: Record<string, string> = {
  '=': 'equals',
  '!=': 'does not equal',
  '~': 'contains the words',
  '!~': 'does not contain the words',
  '>': 'greater / later than',
  '>=': 'greater / later or equal',
  '<': 'less / earlier than',
  '<=': 'less / earlier or equal',
  IN: 'equals one of',
  'NOT IN': 'equals none of',
  'IS EMPTY': 'has no value',
  'IS NOT EMPTY': 'has a value',
  WAS: 'had the value',
  'WAS NOT': 'never had the value',
  'WAS IN': 'had one of the values',
  'WAS NOT IN': 'had none of the values',
  CHANGED: 'the value changed',
};

const ALL_OPERATORS = ['=', '!=', '~', '!~', '>', '>=', '<', '<=', 'IN', 'NOT IN', 'IS', 'IS NOT'];

function operatorOptions(field: QueryField | undefined): Completion[] {
  const ops = field?.operators ?? ALL_OPERATORS;
  const labels = ops.map((op) => (op === 'IS' ? 'IS EMPTY' : op === 'IS NOT' ? 'IS NOT EMPTY' : op));
  return labels.map((label, i) => {
    const option: Completion = { label, type: 'keyword', boost: -i, apply: applyAndContinue(`${label} `) };
    const info = OPERATOR_INFO[label];
    if (info) option.detail = info;
    if (label.includes('EMPTY') || label === 'CHANGED') option.apply = `${label} `;
    return option;
  });
}

function fieldOptions(language: QueryLanguage | undefined, orderableOnly: boolean): Completion[] {
  const fields = (language?.fields ?? []).filter((f) => !orderableOnly || f.orderable);
  return fields.map((f) => {
    const text = quoteJqlField(f.name);
    return {
      label: text,
      type: 'property',
      detail: f.custom ? `${f.type} · ${f.id}` : f.type,
      boost: f.custom ? -1 : 0,
      apply: applyAndContinue(`${text} `),
    };
  });
}

const USER_FUNCTIONS = /^(currentUser|membersOf)\b/;

function functionOptions(language: QueryLanguage | undefined, field: QueryField | undefined): Completion[] {
  if (!field) return [];
  const userField = field.type === 'user';
  const dateField = field.type === 'date' || field.type === 'datetime';
  if (!userField && !dateField) return [];
  return (language?.functions ?? [])
    .filter((fn) => (USER_FUNCTIONS.test(fn) ? userField : dateField))
    .map((fn) => {
      const name = fn.slice(0, fn.indexOf('(') < 0 ? fn.length : fn.indexOf('('));
      const label = `${name}()`;
      if (fn.includes('"')) {
        // membersOf("team"): the cursor lands in the quotes.
        return snippetCompletion(`${name}("\${team}")`, { label, type: 'function', detail: fn });
      }
      return { label, type: 'function', boost: -1 };
    });
}

function valueOptions(language: QueryLanguage | undefined, field: QueryField | undefined): Completion[] {
  const values = (field?.values ?? []).map((v, i) => ({
    label: quoteJqlValue(v),
    type: 'constant',
    boost: -i / 1000,
  }));
  return [...values, ...functionOptions(language, field)];
}

const keywordOptions = (words: readonly string[]): Completion[] =>
  words.map((w, i) => ({ label: w, type: 'keyword', boost: -i, apply: applyAndContinue(`${w} `) }));

/** The CodeMirror completion source of JQL, reading the language from `data()` on each call. */
export function jqlCompletionSource(data: () => JqlCompletionData): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const { language, findUsers } = data();
    const text = context.state.doc.toString();
    const cursor = jqlCursorContext(text, context.pos);
    const charBefore = text[context.pos - 1] ?? '';
    // While typing, suggest only within a word or right after a space / bracket / comma.
    if (!context.explicit && cursor.partial === '' && context.pos > 0 && !/[\s(,]/.test(charBefore)) return null;

    const field = findField(language, cursor.field);
    let options: Completion[] = [];
    switch (cursor.expect) {
      case 'field':
        options = [
          ...fieldOptions(language, false),
          { label: 'NOT', type: 'keyword', boost: -2 },
          ...(text.trim() === '' || cursor.from === 0 ? [{ label: 'ORDER BY', type: 'keyword', boost: -3, apply: 'ORDER BY ' }] : []),
        ];
        break;
      case 'operator':
        options = operatorOptions(field);
        break;
      case 'empty':
        options = keywordOptions(['EMPTY', 'NOT EMPTY']);
        break;
      case 'value':
      case 'listValue':
        options = valueOptions(language, field);
        if (field?.type === 'user' && findUsers) {
          const typed = cursor.partial.replace(/^["']/, '');
          try {
            const people = await findUsers(typed);
            if (context.aborted) return null;
            options = [
              ...options,
              ...people.map((u) => ({ label: quoteJqlValue(u.username), detail: u.displayName, type: 'variable' })),
            ];
          } catch {
            // No suggestions of people; the rest still helps.
          }
        }
        break;
      case 'list':
        options = [
          { label: '( )', type: 'keyword', apply: applyAndContinue('(') },
          ...functionOptions(language, field),
        ];
        break;
      case 'clauseEnd':
        options = keywordOptions(['AND', 'OR', 'ORDER BY']);
        break;
      case 'orderField':
        options = fieldOptions(language, true);
        break;
      case 'orderDirection':
        options = keywordOptions(['ASC', 'DESC']);
        break;
      case 'listNext':
        options = [];
        break;
    }
    if (options.length === 0) return null;
    return { from: cursor.from, options };
  };
}
