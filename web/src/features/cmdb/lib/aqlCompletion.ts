/**
 * Autocompletion of AQL (docs/aql.md) from the schema's object types and their attributes: what
 * is offered depends on where the cursor stands — attribute names, the keywords and
 * `object HAVING` at the start of a clause, the operators that fit the attribute after it, its
 * values (select / status options, object type names, true / false, date functions) after an
 * operator, the target type's attributes after `reference.`, the reference functions after
 * HAVING, AND / OR / ORDER BY after a clause, ASC / DESC after the ORDER BY attribute.
 *
 * The scanner below reads only the text before the cursor and never fails: it is a guess of
 * what comes next, the server stays the judge of the query.
 */
import { insertCompletionText, pickedCompletion, startCompletion } from '@codemirror/autocomplete';
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { EditorView } from '@codemirror/view';
import type { CmdbAttributeType } from '../api/types';
import { quoteAql } from './aql';

/** An attribute as completion needs it (a CmdbAttribute fits). */
export interface AqlAttributeInfo {
  name: string;
  type: CmdbAttributeType;
  /** Select and status choices */
  options?: readonly string[] | undefined;
  /** The referenced type's name (reference attributes) */
  referenceObjectType?: string | null | undefined;
}

/** An object type with its attributes (own and inherited). */
export interface AqlTypeInfo {
  name: string;
  attributes: readonly AqlAttributeInfo[];
}

export interface AqlCompletionData {
  /** The schema's object types; attributes may still be missing while they load */
  types: readonly AqlTypeInfo[];
}

// ---------------------------------------------------------------------------------------------
// Scanner

export type AqlTokenType = 'word' | 'quoted' | 'operator' | 'open' | 'close' | 'comma' | 'dot';

export interface AqlToken {
  type: AqlTokenType;
  text: string;
  /** The name or value (quotes and escapes removed) */
  value: string;
  from: number;
  to: number;
  unterminated?: boolean;
}

const WORD = /[^\s()",'.=!<>]+/y;
const OPERATOR = /==|!=|<=|>=|=|<|>|!/y;

export function tokenizeAql(text: string): AqlToken[] {
  const tokens: AqlToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const from = i;
    if (c === '"' || c === "'") {
      let value = '';
      i++;
      let closed = false;
      while (i < text.length) {
        const d = text.charAt(i);
        if (d === '\\' && i + 1 < text.length) {
          value += text.charAt(i + 1);
          i += 2;
        } else if (d === c) {
          i++;
          closed = true;
          break;
        } else {
          value += d;
          i++;
        }
      }
      const token: AqlToken = { type: 'quoted', text: text.slice(from, i), value, from, to: i };
      if (!closed) token.unterminated = true;
      tokens.push(token);
      continue;
    }
    const single: Record<string, AqlTokenType> = { '(': 'open', ')': 'close', ',': 'comma', '.': 'dot' };
    const kind = single[c];
    if (kind) {
      tokens.push({ type: kind, text: c, value: c, from, to: ++i });
      continue;
    }
    OPERATOR.lastIndex = i;
    const op = OPERATOR.exec(text);
    if (op) {
      i += op[0].length;
      tokens.push({ type: 'operator', text: op[0], value: op[0], from, to: i });
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text);
    const w = word ? word[0] : c;
    i += w.length;
    tokens.push({ type: 'word', text: w, value: w, from, to: i });
  }
  return tokens;
}

/** What may come at the cursor. */
export type AqlExpectation =
  | 'clause' // an attribute, a keyword, object HAVING, NOT, (
  | 'operator' // after an attribute path
  | 'pathPart' // after `reference.`
  | 'value' // after = != LIKE ...
  | 'list' // after IN: ( or a value
  | 'listValue' // in IN ( ... )
  | 'listNext' // , or )
  | 'is' // after IS: EMPTY / NOT EMPTY
  | 'isNot' // after IS NOT: EMPTY
  | 'notOperator' // after `attribute NOT`: IN, LIKE
  | 'having' // after object: HAVING, NOT HAVING
  | 'function' // after HAVING
  | 'functionOpen' // after the function's name
  | 'clauseEnd' // AND, OR, ORDER BY
  | 'orderBy' // after ORDER
  | 'orderField'
  | 'orderDirection'
  | 'none'; // inside a JQL argument, after the end

export interface AqlScan {
  expect: AqlExpectation;
  /** The attribute path of the clause being written (for operators and values) */
  path: string[];
  /** Whether the cursor is at the top level (not in a group or a function's argument) */
  topLevel: boolean;
}

interface Frame {
  kind: 'group' | 'list' | 'subquery' | 'opaque';
  /** What is expected once it closes */
  after: AqlExpectation;
  depth: number;
}

const SUBQUERY_FUNCTIONS = new Set(['inboundreferences', 'outboundreferences', 'inr', 'outr']);

/** Reads the tokens (the text before the cursor) and tells what is expected next. */
export function scanAql(tokens: readonly AqlToken[]): AqlScan {
  let expect: AqlExpectation = 'clause';
  let path: string[] = [];
  let fn = '';
  const stack: Frame[] = [];
  const top = () => stack[stack.length - 1];

  for (const t of tokens) {
    const frame = top();
    if (frame?.kind === 'opaque') {
      if (t.type === 'open') frame.depth++;
      else if (t.type === 'close' && --frame.depth === 0) {
        stack.pop();
        expect = frame.after;
      }
      continue;
    }
    const word = t.type === 'word' ? t.value.toUpperCase() : '';
    const name = t.type === 'word' || t.type === 'quoted';
    const close = () => {
      const f = stack.pop();
      expect = f ? f.after : 'none';
    };
    switch (expect) {
      case 'clause':
        if (t.type === 'open') stack.push({ kind: 'group', after: 'clauseEnd', depth: 1 });
        else if (word === 'NOT') expect = 'clause';
        else if (word === 'OBJECT') expect = 'having';
        else if (word === 'ORDER' && stack.length === 0) expect = 'orderBy';
        else if (name) {
          path = [t.value];
          expect = 'operator';
        } else if (t.type === 'close') close();
        else expect = 'none';
        break;
      case 'operator':
        if (t.type === 'dot') expect = 'pathPart';
        else if (t.type === 'operator') expect = 'value';
        else if (word === 'IN') expect = 'list';
        else if (word === 'NOT') expect = 'notOperator';
        else if (word === 'IS') expect = 'is';
        else if (word === 'LIKE' || word === 'STARTSWITH' || word === 'ENDSWITH') expect = 'value';
        else expect = 'none';
        break;
      case 'pathPart':
        if (name) {
          path = [...path, t.value];
          expect = 'operator';
        } else expect = 'none';
        break;
      case 'notOperator':
        if (word === 'IN') expect = 'list';
        else if (word === 'LIKE') expect = 'value';
        else expect = 'none';
        break;
      case 'is':
        if (word === 'NOT') expect = 'isNot';
        else if (word === 'EMPTY' || word === 'NULL') expect = 'clauseEnd';
        else expect = 'none';
        break;
      case 'isNot':
        expect = word === 'EMPTY' || word === 'NULL' ? 'clauseEnd' : 'none';
        break;
      case 'value':
        expect = name ? 'clauseEnd' : 'none';
        break;
      case 'list':
        if (t.type === 'open') {
          stack.push({ kind: 'list', after: 'clauseEnd', depth: 1 });
          expect = 'listValue';
        } else expect = name ? 'clauseEnd' : 'none';
        break;
      case 'listValue':
        if (name) expect = 'listNext';
        else if (t.type === 'close') close();
        else expect = 'none';
        break;
      case 'listNext':
        if (t.type === 'comma') expect = 'listValue';
        else if (t.type === 'close') close();
        else if (t.type === 'open') stack.push({ kind: 'opaque', after: 'listNext', depth: 1 });
        else expect = 'none';
        break;
      case 'clauseEnd':
        if (word === 'AND' || word === 'OR') expect = 'clause';
        else if (word === 'ORDER' && stack.length === 0) expect = 'orderBy';
        else if (t.type === 'close') close();
        // A value function's arguments: now(-1d), objectTypeAndChildren("...")
        else if (t.type === 'open') stack.push({ kind: 'opaque', after: 'clauseEnd', depth: 1 });
        else if (t.type === 'dot' || name) expect = 'clauseEnd'; // 1.5, 2025-01-31 14:30
        else expect = 'none';
        break;
      case 'having':
        if (word === 'NOT') expect = 'having';
        else if (word === 'HAVING') expect = 'function';
        else expect = 'none';
        break;
      case 'function':
        if (t.type === 'word') {
          fn = t.value.toLowerCase();
          expect = 'functionOpen';
        } else expect = 'none';
        break;
      case 'functionOpen':
        if (t.type === 'open') {
          if (SUBQUERY_FUNCTIONS.has(fn)) {
            stack.push({ kind: 'subquery', after: 'clauseEnd', depth: 1 });
            expect = 'clause';
          } else stack.push({ kind: 'opaque', after: 'clauseEnd', depth: 1 });
        } else expect = 'none';
        break;
      case 'orderBy':
        expect = word === 'BY' ? 'orderField' : 'none';
        break;
      case 'orderField':
        if (name) {
          path = [t.value];
          expect = 'orderDirection';
        } else expect = 'none';
        break;
      case 'orderDirection':
        expect = 'none';
        break;
      case 'none':
        break;
    }
  }
  const frame = top();
  if (frame?.kind === 'opaque') expect = 'none';
  return { expect, path, topLevel: stack.length === 0 };
}

/** Where the cursor is: what is expected there and the partial word already typed. */
export interface AqlCursorContext extends AqlScan {
  /** Start of the partial token (the cursor when there is none) */
  from: number;
  /** The partial token typed so far ('' when none) */
  partial: string;
}

function isPartial(token: AqlToken): boolean {
  return token.type === 'word' || (token.type === 'quoted' && token.unterminated === true);
}

/** The completion context at `pos` in `text`. */
export function aqlCursorContext(text: string, pos: number): AqlCursorContext {
  const tokens = tokenizeAql(text.slice(0, pos));
  const last = tokens[tokens.length - 1];
  if (last && last.to === pos && isPartial(last)) {
    return { ...scanAql(tokens.slice(0, -1)), from: last.from, partial: last.text };
  }
  return { ...scanAql(tokens), from: pos, partial: '' };
}

// ---------------------------------------------------------------------------------------------
// What a path means

export type AqlPathKind = CmdbAttributeType | 'objectType' | 'objectSchema' | 'key' | 'unknown';

export interface ResolvedPath {
  kind: AqlPathKind;
  attribute?: AqlAttributeInfo | undefined;
}

const lower = (s: string) => s.toLowerCase();

const SPECIAL_NAMES: Record<string, AqlPathKind> = {
  objecttype: 'objectType',
  objecttypeandchildren: 'objectType',
  objectschema: 'objectSchema',
  key: 'key',
  label: 'text',
  created: 'datetime',
  updated: 'datetime',
  objecttypeid: 'integer',
  objectschemaid: 'integer',
  objectid: 'integer',
};

/** Every attribute of the schema by name (the first of each name; options of all merged). */
export function schemaAttributes(data: AqlCompletionData): AqlAttributeInfo[] {
  const byName = new Map<string, AqlAttributeInfo>();
  for (const type of data.types) {
    for (const a of type.attributes) {
      const known = byName.get(lower(a.name));
      if (!known) byName.set(lower(a.name), { ...a, options: [...(a.options ?? [])] });
      else if (known.type === a.type && a.options?.length) {
        const options = [...(known.options ?? [])];
        for (const o of a.options) if (!options.includes(o)) options.push(o);
        known.options = options;
      }
    }
  }
  return [...byName.values()];
}

function typeAttributes(data: AqlCompletionData, typeName: string | null | undefined): readonly AqlAttributeInfo[] {
  if (!typeName) return [];
  return data.types.find((t) => lower(t.name) === lower(typeName))?.attributes ?? [];
}

/** What the attribute path (`Tier`, `"Depends on".Tier`) is, as far as the data tells. */
export function resolvePath(data: AqlCompletionData, path: readonly string[]): ResolvedPath {
  const [first, ...rest] = path;
  if (first === undefined) return { kind: 'unknown' };
  if (rest.length === 0) {
    const special = SPECIAL_NAMES[lower(first)];
    if (special) return { kind: special };
  }
  let attribute = schemaAttributes(data).find((a) => lower(a.name) === lower(first));
  for (const part of rest) {
    if (!attribute || attribute.type !== 'reference') return { kind: 'unknown' };
    attribute = typeAttributes(data, attribute.referenceObjectType).find((a) => lower(a.name) === lower(part));
  }
  return attribute ? { kind: attribute.type, attribute } : { kind: 'unknown' };
}

// ---------------------------------------------------------------------------------------------
// Options

const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'like', 'order', 'by', 'having', 'empty', 'null', 'object']);

/** A name or value as AQL text: bare when it is one plain word, quoted otherwise. */
export function aqlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) && !RESERVED.has(lower(name)) ? name : quoteAql(name);
}

/** Inserts the completion and opens the next suggestions (attribute → operators → values). */
function applyAndContinue(text: string, cursorOffset = text.length) {
  return (view: EditorView, completion: Completion, from: number, to: number) => {
    const transaction = insertCompletionText(view.state, text, from, to);
    view.dispatch({
      ...transaction,
      selection: { anchor: from + cursorOffset },
      annotations: pickedCompletion.of(completion),
    });
    startCompletion(view);
  };
}

const OPERATOR_INFO: Record<string, string> = {
  '=': 'equals',
  '==': 'equals (case-sensitive)',
  '!=': 'does not equal',
  '<': 'less / earlier than',
  '<=': 'less / earlier or equal',
  '>': 'greater / later than',
  '>=': 'greater / later or equal',
  LIKE: 'contains',
  'NOT LIKE': 'does not contain',
  STARTSWITH: 'begins with',
  ENDSWITH: 'ends with',
  IN: 'equals one of',
  'NOT IN': 'equals none of',
  'IS EMPTY': 'has no value',
  'IS NOT EMPTY': 'has a value',
};

const TEXT_OPERATORS = ['=', '==', '!=', 'LIKE', 'NOT LIKE', 'STARTSWITH', 'ENDSWITH', 'IN', 'NOT IN', '<', '<=', '>', '>=', 'IS EMPTY', 'IS NOT EMPTY'];
const ORDERED_OPERATORS = ['=', '!=', '<', '<=', '>', '>=', 'IN', 'NOT IN', 'IS EMPTY', 'IS NOT EMPTY'];
const CHOICE_OPERATORS = ['=', '!=', 'IN', 'NOT IN', 'LIKE', 'NOT LIKE', 'IS EMPTY', 'IS NOT EMPTY'];
const NAME_OPERATORS = ['=', '!=', 'IN', 'NOT IN', 'LIKE', 'NOT LIKE', 'STARTSWITH', 'ENDSWITH', 'IS EMPTY', 'IS NOT EMPTY'];
const REFERENCE_OPERATORS = ['=', '==', '!=', 'IN', 'NOT IN', 'LIKE', 'NOT LIKE', 'STARTSWITH', 'ENDSWITH', 'IS EMPTY', 'IS NOT EMPTY'];
const ALL_OPERATORS = ['=', '==', '!=', '<', '<=', '>', '>=', 'IN', 'NOT IN', 'LIKE', 'NOT LIKE', 'STARTSWITH', 'ENDSWITH', 'IS EMPTY', 'IS NOT EMPTY'];

/** The operators that fit a path of this kind, most useful first. */
export function operatorsFor(kind: AqlPathKind): string[] {
  switch (kind) {
    case 'text':
    case 'textarea':
    case 'url':
    case 'email':
      return TEXT_OPERATORS;
    case 'integer':
    case 'float':
    case 'date':
    case 'datetime':
      return ORDERED_OPERATORS;
    case 'boolean':
      return ['=', '!=', 'IS EMPTY', 'IS NOT EMPTY'];
    case 'select':
    case 'status':
      return CHOICE_OPERATORS;
    case 'user':
    case 'team':
    case 'key':
      return NAME_OPERATORS;
    case 'reference':
      return REFERENCE_OPERATORS;
    case 'objectType':
    case 'objectSchema':
      return ['=', '!=', 'IN', 'NOT IN'];
    case 'unknown':
      return ALL_OPERATORS;
  }
}

function operatorOptions(kind: AqlPathKind, attribute: AqlAttributeInfo | undefined, only?: readonly string[]): Completion[] {
  const operators = operatorsFor(kind).filter((op) => !only || only.includes(op));
  const options: Completion[] = operators.map((label, i) => ({
    label,
    type: 'keyword',
    detail: OPERATOR_INFO[label] ?? '',
    boost: -i,
    apply: label.includes('EMPTY') ? `${label} ` : applyAndContinue(label.endsWith('IN') ? `${label} (` : `${label} `),
  }));
  if (!only && attribute?.type === 'reference' && attribute.referenceObjectType) {
    options.push({
      label: '.',
      type: 'keyword',
      detail: `an attribute of ${attribute.referenceObjectType}`,
      boost: -99,
      apply: applyAndContinue('.'),
    });
  }
  return options;
}

export const DATE_FUNCTIONS = [
  'now',
  'startOfDay',
  'endOfDay',
  'startOfWeek',
  'endOfWeek',
  'startOfMonth',
  'endOfMonth',
  'startOfYear',
  'endOfYear',
] as const;

const constants = (values: readonly string[], type = 'constant'): Completion[] =>
  values.map((v, i) => ({ label: aqlName(v), type, boost: -i / 1000 }));

function valueOptions(data: AqlCompletionData, resolved: ResolvedPath): Completion[] {
  switch (resolved.kind) {
    case 'objectType':
      return constants(
        data.types.map((t) => t.name),
        'class',
      );
    case 'select':
    case 'status':
      return constants(resolved.attribute?.options ?? []);
    case 'boolean':
      return constants(['true', 'false']);
    case 'date':
    case 'datetime':
      return DATE_FUNCTIONS.map((fn, i) => ({ label: `${fn}()`, type: 'function', boost: -i }));
    case 'user':
      return [{ label: 'currentUser()', type: 'function' }];
    default:
      return [];
  }
}

function attributeOptions(attributes: readonly AqlAttributeInfo[], inReferenceOf?: string): Completion[] {
  return attributes.map((a) => {
    const text = aqlName(a.name);
    const detail = a.type === 'reference' && a.referenceObjectType ? `reference → ${a.referenceObjectType}` : a.type;
    return {
      label: text,
      type: 'property',
      detail: inReferenceOf ? `${detail} · ${inReferenceOf}` : detail,
      apply: applyAndContinue(`${text} `),
    };
  });
}

const CLAUSE_KEYWORDS: readonly { label: string; detail: string }[] = [
  { label: 'objectType', detail: 'the object type' },
  { label: 'objectTypeAndChildren', detail: 'a type and its descendants' },
  { label: 'objectSchema', detail: 'the schema' },
  { label: 'Key', detail: 'the object key' },
  { label: 'Label', detail: 'the label' },
  { label: 'Created', detail: 'when created' },
  { label: 'Updated', detail: 'when last changed' },
];

const keywordOptions = (words: readonly string[], continueAfter = true): Completion[] =>
  words.map((w, i) => ({ label: w, type: 'keyword', boost: -i, apply: continueAfter ? applyAndContinue(`${w} `) : `${w} ` }));

const HAVING_FUNCTIONS: readonly { name: string; detail: string; query: boolean }[] = [
  { name: 'inboundReferences', detail: 'referenced by objects matching', query: true },
  { name: 'outboundReferences', detail: 'referencing objects matching', query: true },
  { name: 'connectedTickets', detail: 'held by issues matching the JQL', query: false },
  { name: 'inR', detail: 'inboundReferences', query: true },
  { name: 'outR', detail: 'outboundReferences', query: true },
];

/** The suggestions at a cursor context (without CodeMirror: what the source offers). */
export function aqlOptions(data: AqlCompletionData, cursor: AqlCursorContext, wholeText: string): Completion[] {
  const resolved = resolvePath(data, cursor.path);
  switch (cursor.expect) {
    case 'clause':
      return [
        ...attributeOptions(schemaAttributes(data)),
        ...CLAUSE_KEYWORDS.map((k) => ({
          label: k.label,
          type: 'keyword',
          detail: k.detail,
          boost: -1,
          apply: applyAndContinue(`${k.label} `),
        })),
        { label: 'object HAVING', type: 'keyword', detail: 'references, tickets', boost: -2, apply: applyAndContinue('object HAVING ') },
        { label: 'NOT', type: 'keyword', boost: -3, apply: 'NOT ' },
        ...(cursor.topLevel && wholeText.slice(0, cursor.from).trim() === ''
          ? [{ label: 'ORDER BY', type: 'keyword', boost: -4, apply: applyAndContinue('ORDER BY ') }]
          : []),
      ];
    case 'operator':
      return operatorOptions(resolved.kind, resolved.attribute);
    case 'pathPart': {
      const parent = resolvePath(data, cursor.path);
      const target = parent.attribute?.type === 'reference' ? parent.attribute.referenceObjectType : undefined;
      return target ? attributeOptions(typeAttributes(data, target), target) : [];
    }
    case 'notOperator':
      return keywordOptions(['IN', 'LIKE']).map((o) => (o.label === 'IN' ? { ...o, apply: applyAndContinue('IN (') } : o));
    case 'is':
      return keywordOptions(['EMPTY', 'NOT EMPTY'], false);
    case 'isNot':
      return keywordOptions(['EMPTY'], false);
    case 'value':
    case 'listValue':
      return valueOptions(data, resolved);
    case 'list':
      return [
        { label: '( )', type: 'keyword', apply: applyAndContinue('(') },
        ...(resolved.kind === 'objectType'
          ? [{ label: 'objectTypeAndChildren()', type: 'function', apply: applyAndContinue('objectTypeAndChildren()', 22) }]
          : []),
      ];
    case 'having':
      return keywordOptions(['HAVING', 'NOT HAVING']);
    case 'function':
      return HAVING_FUNCTIONS.map((f, i) => ({
        label: `${f.name}()`,
        type: 'function',
        detail: f.detail,
        boost: -i,
        apply: f.query ? applyAndContinue(`${f.name}()`, f.name.length + 1) : `${f.name}(`,
      }));
    case 'clauseEnd':
      return keywordOptions(cursor.topLevel ? ['AND', 'OR', 'ORDER BY'] : ['AND', 'OR']);
    case 'orderBy':
      return keywordOptions(['BY']);
    case 'orderField':
      return [
        ...attributeOptions(schemaAttributes(data)),
        ...['Label', 'Key', 'Created', 'Updated', 'objectType'].map((k) => ({
          label: k,
          type: 'keyword',
          boost: -1,
          apply: applyAndContinue(`${k} `),
        })),
      ];
    case 'orderDirection':
      return keywordOptions(['ASC', 'DESC'], false);
    case 'listNext':
    case 'functionOpen':
    case 'none':
      return [];
  }
}

/** The CodeMirror completion source of AQL, reading the schema from `data()` on each call. */
export function aqlCompletionSource(data: () => AqlCompletionData): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const text = context.state.doc.toString();
    const cursor = aqlCursorContext(text, context.pos);
    const charBefore = text[context.pos - 1] ?? '';
    // While typing, suggest only within a word or right after a space / bracket / comma / dot.
    if (!context.explicit && cursor.partial === '' && context.pos > 0) {
      const after = charBefore === '.' ? cursor.expect === 'pathPart' : /[\s(,]/.test(charBefore);
      if (!after) return null;
    }
    const options = aqlOptions(data(), cursor, text);
    if (options.length === 0) return null;
    // A value typed out in full: Enter runs the query rather than picking it again.
    const finished = cursor.expect === 'value' || cursor.expect === 'listValue' || cursor.expect === 'orderDirection';
    if (finished && !context.explicit && options.some((o) => o.label.toLowerCase() === cursor.partial.toLowerCase())) {
      return null;
    }
    return { from: cursor.from, options };
  };
}
