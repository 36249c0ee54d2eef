import { describe, expect, it } from 'vitest';
import { issueKindJql, ISSUE_KINDS } from './issueKinds';
import { quoteJql, textSearchJql } from './jql';
import { paths, safeNext } from './paths';

describe('JQL helpers', () => {
  it('quotes values with escaped quotes and backslashes', () => {
    expect(quoteJql('VPN "down"')).toBe('"VPN \\"down\\""');
    expect(quoteJql('a\\b')).toBe('"a\\\\b"');
    expect(textSearchJql('  vpn outage ')).toBe('text ~ "vpn outage"');
  });

  it('builds the issue list queries by issue type', () => {
    const incidents = ISSUE_KINDS.find((k) => k.slug === 'incidents');
    expect(incidents && issueKindJql('ITO', incidents)).toBe(
      'project = "ITO" AND issuetype = "Incident" ORDER BY created DESC',
    );
  });
});

describe('paths', () => {
  it('builds issue and search URLs', () => {
    expect(paths.issue('ito-2052')).toBe('/projects/ITO/issues/ITO-2052');
    expect(paths.search('text ~ "a b"')).toBe('/search?jql=text%20~%20%22a%20b%22');
  });

  it('builds Assets (CMDB) URLs', () => {
    expect(paths.cmdb()).toBe('/cmdb');
    expect(paths.cmdbSchema('svc')).toBe('/cmdb/SVC');
    expect(paths.cmdbSchema('PS', { type: 7, aql: 'objectType = "Standard Changes"' })).toBe(
      '/cmdb/PS?type=7&aql=objectType+%3D+%22Standard+Changes%22',
    );
    expect(paths.cmdbObject('svc-438')).toBe('/cmdb/objects/SVC-438');
  });

  it('builds Automation URLs', () => {
    expect(paths.automation()).toBe('/automation');
    expect(paths.automation({ q: 'printer rules' })).toBe('/automation?q=printer%20rules');
    expect(paths.automationNewRule()).toBe('/automation/rules/new');
    expect(paths.automationRule(7)).toBe('/automation/rules/7');
    expect(paths.automationAudit(7)).toBe('/automation/rules/7/audit');
  });

  it('builds change enablement and report URLs', () => {
    expect(paths.changeCalendar('ITO')).toBe('/projects/ITO/change-calendar');
    expect(paths.changeCalendar('ITO', { view: 'week', date: '2026-11-26', service: undefined })).toBe(
      '/projects/ITO/change-calendar?view=week&date=2026-11-26',
    );
    expect(paths.deployments('ITO', { service: 'SVC-438' })).toBe('/projects/ITO/deployments?service=SVC-438');
    expect(paths.changeSettings()).toBe('/settings/change-management');
    expect(paths.reports('ITO')).toBe('/projects/ITO/reports');
    expect(paths.report('ITO', 'changes-by-type')).toBe('/projects/ITO/reports/changes-by-type');
  });

  it('follows only next parameters that stay on the site', () => {
    expect(safeNext('/projects/ITO/queues?x=1')).toBe('/projects/ITO/queues?x=1');
    expect(safeNext('//evil.example')).toBeUndefined();
    expect(safeNext('https://evil.example')).toBeUndefined();
    expect(safeNext('/\\evil.example')).toBeUndefined();
    expect(safeNext('/login?next=/x')).toBeUndefined();
    expect(safeNext(null)).toBeUndefined();
  });
});
