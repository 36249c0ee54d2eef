import { describe, expect, it } from 'vitest';
import {
  canonicalField,
  quoteJqlField,
  quoteJqlValue,
  restrictToProject,
  scanJql,
  splitOrderBy,
  tokenizeJql,
  withOrderBy,
} from './jqlSyntax';

/** "text:type" for each token, compact to compare. */
const kinds = (jql: string) => tokenizeJql(jql).map((t) => `${t.text}:${t.type}`);

describe('tokenizeJql', () => {
  it('classifies fields, operators, values, keywords and ORDER BY', () => {
    expect(kinds('project = ITO AND status != "To Do" ORDER BY created DESC')).toEqual([
      'project:field',
      '=:operator',
      'ITO:value',
      'AND:keyword',
      'status:field',
      '!=:operator',
      '"To Do":string',
      'ORDER:keyword',
      'BY:keyword',
      'created:field',
      'DESC:keyword',
    ]);
  });

  it('reads lists, functions, IS EMPTY and NOT IN', () => {
    expect(kinds('assignee IN membersOf("Platform Support") OR labels NOT IN (a, b) AND due IS NOT EMPTY')).toEqual([
      'assignee:field',
      'IN:keyword',
      'membersOf:function',
      '(:paren',
      '"Platform Support":string',
      '):paren',
      'OR:keyword',
      'labels:field',
      'NOT:keyword',
      'IN:keyword',
      '(:paren',
      'a:value',
      ',:comma',
      'b:value',
      '):paren',
      'AND:keyword',
      'due:field',
      'IS:keyword',
      'NOT:keyword',
      'EMPTY:keyword',
    ]);
  });

  it('reads grouping, NOT, quoted and cf[] fields, history predicates', () => {
    expect(kinds('NOT (cf[12] = High || "Change risk" ~ x)')).toEqual([
      'NOT:keyword',
      '(:paren',
      'cf[12]:field',
      '=:operator',
      'High:value',
      '||:keyword',
      '"Change risk":field',
      '~:operator',
      'x:value',
      '):paren',
    ]);
    expect(kinds('status WAS NOT IN (Open) BY currentUser() DURING (startOfWeek(-1), now())')).toEqual([
      'status:field',
      'WAS:keyword',
      'NOT:keyword',
      'IN:keyword',
      '(:paren',
      'Open:value',
      '):paren',
      'BY:keyword',
      'currentUser:function',
      '(:paren',
      '):paren',
      'DURING:keyword',
      '(:paren',
      'startOfWeek:function',
      '(:paren',
      '-1:value',
      '):paren',
      ',:comma',
      'now:function',
      '(:paren',
      '):paren',
      '):paren',
    ]);
  });

  it('keeps offsets, unescapes strings and marks an unclosed quote', () => {
    const [field, , value] = tokenizeJql('summary ~ "say \\"hi\\""');
    expect(field).toMatchObject({ from: 0, to: 7 });
    expect(value).toMatchObject({ type: 'string', from: 10, value: 'say "hi"' });
    const open = tokenizeJql('summary ~ "disk').at(-1);
    expect(open).toMatchObject({ type: 'string', unterminated: true, value: 'disk' });
  });

  it('says what comes next', () => {
    expect(scanJql('').expect).toBe('field');
    expect(scanJql('status ').expect).toBe('operator');
    expect(scanJql('status = ')).toMatchObject({ expect: 'value', field: 'status' });
    expect(scanJql('status IN (Open, ').expect).toBe('listValue');
    expect(scanJql('status = Open ').expect).toBe('clauseEnd');
    expect(scanJql('due IS ').expect).toBe('empty');
    expect(scanJql('a = b ORDER BY ').expect).toBe('orderField');
    expect(scanJql('a = b ORDER BY created ').expect).toBe('orderDirection');
  });

  it('never fails on text that is not JQL', () => {
    expect(kinds('= ) é😀')).toEqual(['=:operator', '):paren', 'é:value', '😀:invalid']);
  });
});

describe('ORDER BY', () => {
  it('splits a query into its filter and its order', () => {
    expect(splitOrderBy('issuetype = Incident ORDER BY priority DESC, created')).toEqual({
      where: 'issuetype = Incident',
      orderBy: [
        { field: 'priority', direction: 'DESC' },
        { field: 'created', direction: 'ASC' },
      ],
    });
    expect(splitOrderBy('summary ~ "order by"')).toEqual({ where: 'summary ~ "order by"', orderBy: [] });
    expect(splitOrderBy('ORDER BY "Planned start" desc').orderBy).toEqual([{ field: 'Planned start', direction: 'DESC' }]);
  });

  it('replaces the order, quoting field names that need it', () => {
    expect(withOrderBy('status = Open ORDER BY created DESC', [{ field: 'Change risk', direction: 'ASC' }])).toBe(
      'status = Open ORDER BY "Change risk" ASC',
    );
    expect(withOrderBy('', [{ field: 'updated', direction: 'DESC' }])).toBe('ORDER BY updated DESC');
    expect(withOrderBy('a = b ORDER BY c', [])).toBe('a = b');
  });

  it('restricts a queue query to its project, keeping the order', () => {
    expect(restrictToProject('issuetype = Incident OR priority = High ORDER BY created DESC', 'ITO')).toBe(
      'project = "ITO" AND (issuetype = Incident OR priority = High) ORDER BY created DESC',
    );
    expect(restrictToProject('ORDER BY created', 'ITO')).toBe('project = "ITO" ORDER BY created ASC');
  });
});

describe('names', () => {
  it('quotes only what must be quoted', () => {
    expect(quoteJqlField('assignee')).toBe('assignee');
    expect(quoteJqlField('cf[7]')).toBe('cf[7]');
    expect(quoteJqlField('Change risk')).toBe('"Change risk"');
    expect(quoteJqlField('order')).toBe('"order"');
    expect(quoteJqlValue('ITO-12')).toBe('ITO-12');
    expect(quoteJqlValue('Requires triage')).toBe('"Requires triage"');
    expect(quoteJqlValue("Won't Do")).toBe('"Won\'t Do"');
    expect(quoteJqlValue('empty')).toBe('"empty"');
  });

  it('resolves aliases', () => {
    expect(canonicalField('createdDate')).toBe('created');
    expect(canonicalField('type')).toBe('issuetype');
    expect(canonicalField('Change risk')).toBe('change risk');
  });
});
