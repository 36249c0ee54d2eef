/**
 * The smart values the editor's help lists (the full reference is docs/smart-values.md): what a
 * template may use, with an example of each. Clicking one inserts it into the template.
 */
export interface SmartValueHelp {
  value: string;
  description: string;
}

export interface SmartValueGroup {
  label: string;
  values: SmartValueHelp[];
}

export const SMART_VALUE_GROUPS: readonly SmartValueGroup[] = [
  {
    label: 'The issue',
    values: [
      { value: '{{issue.key}}', description: 'Its key, e.g. ITO-42' },
      { value: '{{issue.summary}}', description: 'Its summary' },
      { value: '{{issue.status.name}}', description: 'Its status' },
      { value: '{{issue.reporter.displayName}}', description: 'Who reported it' },
      { value: '{{issue.assignee.displayName}}', description: 'Who it is assigned to' },
      { value: '{{issue.priority.name}}', description: 'Its priority' },
      { value: '{{issue.fields.Impact}}', description: 'A custom field by name (also {{issue.Impact}})' },
      { value: '{{issue.url}}', description: 'A link to the issue' },
      { value: '{{triggerIssue.key}}', description: 'The issue that started the rule' },
    ],
  },
  {
    label: 'Dates',
    values: [
      { value: '{{now}}', description: 'The current time' },
      { value: '{{now.plusDays(7)}}', description: 'A week from now (also plusHours, minusDays…)' },
      { value: '{{now.plusBusinessDays(3).jqlDate}}', description: 'As a JQL date' },
      { value: '{{issue.created.format("dd MMM yyyy")}}', description: 'A date in a pattern' },
    ],
  },
  {
    label: 'Logic and text',
    values: [
      { value: '{{#=}}{{issue.Story points}} * 2{{/}}', description: 'Math' },
      { value: '{{if(issue.assignee, "assigned", "unassigned")}}', description: 'A choice' },
      { value: '{{issue.summary.toUpperCase()}}', description: 'Text functions: toLowerCase, trim, substring…' },
      { value: '{{#issue.labels}}{{.}} {{/}}', description: 'Each item of a list' },
      { value: '{{initiator.displayName}}', description: 'Who triggered the rule' },
    ],
  },
  {
    label: 'From earlier actions',
    values: [
      { value: '{{webResponse.status}}', description: 'A web request’s HTTP status' },
      { value: '{{webResponse.body.id}}', description: 'A field of its JSON answer' },
      { value: '{{lookupIssues.size}}', description: 'How many issues "Lookup issues" found' },
      { value: '{{#lookupIssues}}{{key}} {{/}}', description: 'Each of them' },
      { value: '{{createdIssue.key}}', description: 'The issue "Create issue" made' },
      { value: '{{myVariable}}', description: 'A variable made by "Create variable"' },
      { value: '{{webhookData.field}}', description: 'The JSON body of an incoming webhook' },
    ],
  },
];
