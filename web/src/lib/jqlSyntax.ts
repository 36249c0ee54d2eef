/**
 * A small JQL scanner (docs/jql.md, "Grammar"): it splits a query into tokens and classifies each
 * one by where it stands — field, operator, keyword, value, string, function — the way the
 * server's parser would read it. It never fails: text it cannot place is still a token, and the
 * server reports what is wrong (POST /api/v1/query/validate).
 *
 * Used by the JQL editor (highlighting, autocompletion) and by every table that sorts a query
 * (ORDER BY is rewritten, see {@link withOrderBy}).
 */
import { quoteJql } from './jql';

export type JqlTokenType =
  | 'field'
  | 'operator'
  | 'keyword'
  | 'string'
  | 'value'
  | 'function'
  | 'paren'
  | 'comma'
  | 'invalid';

export interface JqlToken {
  type: JqlTokenType;
  /** UTF-16 offsets into the text, end exclusive */
  from: number;
  to: number;
  /** The text as written */
  text: string;
  /** The unquoted, unescaped value of a quoted token; the text otherwise */
  value: string;
  /** A quoted token without its closing quote */
  unterminated?: boolean;
}

/** What the scanner expects next: where the next token would stand. */
export type JqlExpectation =
  | 'field' // start of a clause: a field, NOT or "("
  | 'operator' // after a field
  | 'value' // after an operator or a history predicate
  | 'list' // after IN: "(" or a function
  | 'empty' // after IS [NOT]: EMPTY or NULL
  | 'listValue' // inside ( … ) of IN, DURING or a function: a value
  | 'listNext' // after a value in a list: "," or ")"
  | 'clauseEnd' // after a clause: AND, OR, ")", ORDER BY, a history predicate
  | 'orderField' // after ORDER BY or ","
  | 'orderDirection'; // after an ORDER BY field: ASC, DESC or ","

export interface JqlScan {
  tokens: JqlToken[];
  /** What would come next at the end of the text */
  expect: JqlExpectation;
  /** The field of the clause being written (for operator and value suggestions), as written */
  field: string | undefined;
  /** The index in `tokens` of ORDER when the query has a top-level ORDER BY */
  orderIndex: number | undefined;
}

/** Reserved words; a value or field spelled like one must be quoted. */
export const JQL_RESERVED = new Set([
  'AND', 'OR', 'NOT', 'IN', 'IS', 'EMPTY', 'NULL', 'ORDER', 'BY', 'ASC', 'DESC', 'WAS', 'CHANGED',
  'FROM', 'TO', 'BEFORE', 'AFTER', 'ON', 'DURING',
]);

const PREDICATES = new Set(['FROM', 'TO', 'BY', 'BEFORE', 'AFTER', 'ON', 'DURING']);

const WORD_CHAR = /[\p{L}\p{N}_.\-+/:@*]/u;
const SPACE = /\s/;

type Frame = 'group' | 'list' | 'func';

interface RawToken {
  kind: 'word' | 'quoted' | 'symbol' | 'open' | 'close' | 'comma' | 'other';
  from: number;
  to: number;
  text: string;
  value: string;
  unterminated?: boolean;
}

/** Splits the text into raw tokens (words, quoted strings, symbols, punctuation). */
function lex(text: string): RawToken[] {
  const out: RawToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (SPACE.test(c)) {
      i += 1;
      continue;
    }
    const from = i;
    if (c === '"' || c === "'") {
      let value = '';
      i += 1;
      let closed = false;
      while (i < text.length) {
        const d = text[i] ?? '';
        if (d === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        i += 1;
        if (d === c) {
          closed = true;
          break;
        }
        value += d;
      }
      const token: RawToken = { kind: 'quoted', from, to: i, text: text.slice(from, i), value };
      if (!closed) token.unterminated = true;
      out.push(token);
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      i += 1;
      out.push({ kind: c === '(' ? 'open' : c === ')' ? 'close' : 'comma', from, to: i, text: c, value: c });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (['!=', '!~', '>=', '<=', '&&', '||'].includes(two)) {
      i += 2;
      out.push({ kind: 'symbol', from, to: i, text: two, value: two });
      continue;
    }
    if ('=~<>!'.includes(c)) {
      i += 1;
      out.push({ kind: 'symbol', from, to: i, text: c, value: c });
      continue;
    }
    // cf[12]
    const cf = /^cf\[\d*\]?/i.exec(text.slice(i, i + 24));
    if (cf) {
      i += cf[0].length;
      out.push({ kind: 'word', from, to: i, text: cf[0], value: cf[0] });
      continue;
    }
    if (WORD_CHAR.test(c)) {
      while (i < text.length && WORD_CHAR.test(text[i] ?? '')) i += 1;
      const word = text.slice(from, i);
      out.push({ kind: 'word', from, to: i, text: word, value: word });
      continue;
    }
    // A character that is not JQL (a surrogate pair stays one token).
    i += text.codePointAt(i)! > 0xffff ? 2 : 1;
    out.push({ kind: 'other', from, to: i, text: text.slice(from, i), value: text.slice(from, i) });
  }
  return out;
}

/** Scans a query: its classified tokens and what is expected after them. */
export function scanJql(text: string): JqlScan {
  const raw = lex(text);
  const tokens: JqlToken[] = [];
  const stack: Frame[] = [];
  let expect: JqlExpectation = 'field';
  let field: string | undefined;
  let orderIndex: number | undefined;
  /** After WAS: NOT and IN may follow before the value. */
  let afterWas = false;

  const push = (t: RawToken, type: JqlTokenType) => {
    const token: JqlToken = { type, from: t.from, to: t.to, text: t.text, value: t.value };
    if (t.unterminated) token.unterminated = true;
    tokens.push(token);
  };
  /** The state after a complete operand: inside a list or function, or after a clause. */
  const afterOperand = (): JqlExpectation => {
    const top = stack[stack.length - 1];
    return top === 'list' || top === 'func' ? 'listNext' : 'clauseEnd';
  };

  for (let k = 0; k < raw.length; k++) {
    const t = raw[k]!;
    const next = raw[k + 1];
    const upper = t.kind === 'word' ? t.text.toUpperCase() : '';

    // ORDER BY at the top level, after a clause or at the very start.
    if (
      upper === 'ORDER' &&
      next?.kind === 'word' &&
      next.text.toUpperCase() === 'BY' &&
      (expect === 'clauseEnd' || (expect === 'field' && stack.length === 0))
    ) {
      orderIndex = tokens.length;
      push(t, 'keyword');
      push(next, 'keyword');
      k += 1;
      stack.length = 0;
      expect = 'orderField';
      continue;
    }

    switch (expect) {
      case 'field':
        if (t.kind === 'open') {
          push(t, 'paren');
          stack.push('group');
        } else if (upper === 'NOT' || (t.kind === 'symbol' && t.text === '!')) {
          push(t, 'keyword');
        } else if (t.kind === 'word' || t.kind === 'quoted') {
          push(t, 'field');
          field = t.value;
          afterWas = false;
          expect = 'operator';
        } else if (t.kind === 'close') {
          push(t, 'paren');
          stack.pop();
          expect = 'clauseEnd';
        } else {
          push(t, t.kind === 'symbol' ? 'operator' : 'invalid');
        }
        break;

      case 'operator':
        if (t.kind === 'symbol' && !['&&', '||', '!'].includes(t.text)) {
          push(t, 'operator');
          expect = 'value';
        } else if (upper === 'IN') {
          push(t, 'keyword');
          expect = 'list';
        } else if (upper === 'NOT') {
          push(t, 'keyword');
        } else if (upper === 'IS') {
          push(t, 'keyword');
          expect = 'empty';
        } else if (upper === 'WAS') {
          push(t, 'keyword');
          afterWas = true;
          expect = 'value';
        } else if (upper === 'CHANGED') {
          push(t, 'keyword');
          expect = 'clauseEnd';
        } else {
          push(t, t.kind === 'open' || t.kind === 'close' ? 'paren' : 'invalid');
        }
        break;

      case 'empty':
        if (upper === 'NOT') push(t, 'keyword');
        else if (upper === 'EMPTY' || upper === 'NULL') {
          push(t, 'keyword');
          expect = 'clauseEnd';
        } else {
          push(t, t.kind === 'quoted' ? 'string' : 'value');
          expect = 'clauseEnd';
        }
        break;

      case 'value':
      case 'list':
      case 'listValue':
        if (afterWas && expect === 'value' && (upper === 'NOT' || upper === 'IN')) {
          push(t, 'keyword');
          if (upper === 'IN') expect = 'list';
          break;
        }
        afterWas = false;
        if (t.kind === 'open') {
          push(t, 'paren');
          stack.push('list');
          expect = 'listValue';
        } else if (t.kind === 'close' && expect === 'listValue') {
          // An empty list or a function without arguments: `now()`
          push(t, 'paren');
          stack.pop();
          expect = afterOperand();
        } else if (t.kind === 'word' && next?.kind === 'open') {
          push(t, 'function');
          push(next, 'paren');
          k += 1;
          stack.push('func');
          expect = 'listValue';
        } else if (upper === 'EMPTY' || upper === 'NULL') {
          push(t, 'keyword');
          expect = afterOperand();
        } else if (t.kind === 'quoted') {
          push(t, 'string');
          expect = afterOperand();
        } else if (t.kind === 'word') {
          push(t, 'value');
          expect = afterOperand();
        } else {
          push(t, t.kind === 'symbol' ? 'operator' : t.kind === 'close' ? 'paren' : 'invalid');
          if (t.kind === 'close') {
            stack.pop();
            expect = afterOperand();
          }
        }
        break;

      case 'listNext':
        if (t.kind === 'comma') {
          push(t, 'comma');
          expect = 'listValue';
        } else if (t.kind === 'close') {
          push(t, 'paren');
          stack.pop();
          expect = afterOperand();
        } else {
          push(t, t.kind === 'quoted' ? 'string' : t.kind === 'word' ? 'value' : 'invalid');
        }
        break;

      case 'clauseEnd':
        if (upper === 'AND' || upper === 'OR' || t.text === '&&' || t.text === '||') {
          push(t, 'keyword');
          expect = 'field';
        } else if (PREDICATES.has(upper)) {
          push(t, 'keyword');
          expect = upper === 'DURING' ? 'list' : 'value';
        } else if (t.kind === 'close') {
          push(t, 'paren');
          stack.pop();
          expect = 'clauseEnd';
        } else {
          push(t, t.kind === 'quoted' ? 'string' : t.kind === 'word' ? 'value' : 'invalid');
        }
        break;

      case 'orderField':
        if (t.kind === 'word' || t.kind === 'quoted') {
          push(t, 'field');
          field = t.value;
          expect = 'orderDirection';
        } else {
          push(t, t.kind === 'comma' ? 'comma' : 'invalid');
        }
        break;

      case 'orderDirection':
        if (upper === 'ASC' || upper === 'DESC') {
          push(t, 'keyword');
        } else if (t.kind === 'comma') {
          push(t, 'comma');
          expect = 'orderField';
        } else {
          push(t, 'invalid');
        }
        break;
    }
  }
  return { tokens, expect, field, orderIndex };
}

/** The classified tokens of a query. */
export function tokenizeJql(text: string): JqlToken[] {
  return scanJql(text).tokens;
}

// ---------------------------------------------------------------------------- ORDER BY

export type SortDirection = 'ASC' | 'DESC';

export interface JqlSort {
  /** The field as written, unquoted (`created`, `Change risk`, `cf[7]`) */
  field: string;
  direction: SortDirection;
}

/** A query split into its filter and its ORDER BY (ASC when no direction is written). */
export function splitOrderBy(jql: string): { where: string; orderBy: JqlSort[] } {
  const { tokens, orderIndex } = scanJql(jql);
  if (orderIndex === undefined) return { where: jql.trim(), orderBy: [] };
  const where = jql.slice(0, tokens[orderIndex]!.from).trim();
  const orderBy: JqlSort[] = [];
  for (const token of tokens.slice(orderIndex + 2)) {
    if (token.type === 'field') orderBy.push({ field: token.value, direction: 'ASC' });
    else if (token.type === 'keyword' && orderBy.length > 0) {
      orderBy[orderBy.length - 1]!.direction = token.text.toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
    }
  }
  return { where, orderBy };
}

/** The query with its ORDER BY replaced by `sorts` (removed when empty). */
export function withOrderBy(jql: string, sorts: readonly JqlSort[]): string {
  const { where } = splitOrderBy(jql);
  if (sorts.length === 0) return where;
  const order = sorts.map((s) => `${quoteJqlField(s.field)} ${s.direction}`).join(', ');
  return where ? `${where} ORDER BY ${order}` : `ORDER BY ${order}`;
}

/** `project = "ITO" AND (<filter>)`, keeping the query's ORDER BY. */
export function restrictToProject(jql: string, projectKey: string): string {
  const { where, orderBy } = splitOrderBy(jql);
  const project = `project = ${quoteJql(projectKey)}`;
  return withOrderBy(where ? `${project} AND (${where})` : project, orderBy);
}

// ---------------------------------------------------------------------------- names

/** A field name as JQL text: bare when it is a plain word, quoted otherwise. */
export function quoteJqlField(name: string): string {
  if (/^cf\[\d+\]$/i.test(name)) return name;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !JQL_RESERVED.has(name.toUpperCase())) return name;
  return quoteJql(name);
}

/** A value as JQL text: bare when it is one plain word, quoted otherwise. */
export function quoteJqlValue(value: string): string {
  if (/^[\p{L}\p{N}_.\-+/:@]+$/u.test(value) && !JQL_RESERVED.has(value.toUpperCase())) return value;
  return quoteJql(value);
}

const FIELD_ALIASES: Record<string, string> = {
  type: 'issuetype',
  createddate: 'created',
  updateddate: 'updated',
  resolutiondate: 'resolved',
  duedate: 'due',
  issue: 'key',
  issuekey: 'key',
  id: 'key',
  label: 'labels',
  participant: 'request participants',
  approver: 'approvers',
  organization: 'organizations',
};

/** The field a name stands for, lower-cased, aliases resolved: `createdDate` → `created`. */
export function canonicalField(name: string): string {
  const lower = name.trim().toLowerCase();
  return FIELD_ALIASES[lower] ?? lower;
}
