/**
 * The change management settings form: environment types and their two switches (open a change
 * request, gate), the approval steps as words and as JSON, and where a server error (its `field`
 * path, e.g. `approvalSteps[2].required.kind`) belongs on the page.
 */
import type { ApprovalStep, ChangeSettings, EnvironmentType } from '../api/types';

export const ENVIRONMENT_TYPES: readonly { value: EnvironmentType; label: string }[] = [
  { value: 'unmapped', label: 'Unmapped' },
  { value: 'development', label: 'Development' },
  { value: 'testing', label: 'Testing' },
  { value: 'staging', label: 'Staging' },
  { value: 'production', label: 'Production' },
];

/** The list with the type switched on or off, in the canonical order above. */
export function toggleEnvironment(list: readonly string[], type: EnvironmentType, on: boolean): EnvironmentType[] {
  const set = new Set(list);
  if (on) set.add(type);
  else set.delete(type);
  return ENVIRONMENT_TYPES.map((t) => t.value).filter((t) => set.has(t));
}

/** The part of the page a server error belongs to. */
export type SettingsArea = 'project' | 'environments' | 'leadTime' | 'riskModel' | 'approvalSteps' | 'form';

export function errorArea(field: string | undefined): SettingsArea {
  if (!field) return 'form';
  if (field === 'deployments.project') return 'project';
  if (field.startsWith('deployments')) return 'environments';
  if (field.startsWith('leadTime')) return 'leadTime';
  if (field.startsWith('riskModel')) return 'riskModel';
  if (field.startsWith('approvalSteps')) return 'approvalSteps';
  return 'form';
}

/** `approvalSteps[2].status` → 2 */
export function stepIndex(field: string | undefined): number | undefined {
  const m = field?.match(/^approvalSteps\[(\d+)\]/);
  return m ? Number(m[1]) : undefined;
}

/** "Team Change Advisory Board", "Service owners", "The Approvers field", "alana". */
export function describeApprovers(step: Pick<ApprovalStep, 'approvers' | 'autoApprove'>): string {
  if (step.autoApprove && step.approvers.length === 0) return 'Automation (policy)';
  return step.approvers
    .map((a) => {
      switch (a.type) {
        case 'team':
          return `Team ${a.name ?? '?'}`;
        case 'serviceOwner':
          return 'Service owners';
        case 'field':
          return 'The Approvers field';
        case 'user':
          return a.username ?? '?';
        default:
          return a.type;
      }
    })
    .join(', ');
}

/** "Any one", "All", "2 approvals", "50%". */
export function describeRequired(required: ApprovalStep['required']): string {
  switch (required.kind) {
    case 'any':
      return 'Any one';
    case 'all':
      return 'All';
    case 'count':
      return `${required.value ?? 1} approvals`;
    case 'percent':
      return `${required.value ?? 100}%`;
    default:
      return required.kind;
  }
}

/** "Normal · High, Critical", "All changes". */
export function describeScope(step: Pick<ApprovalStep, 'changeTypes' | 'risks'>): string {
  const types = step.changeTypes?.length ? step.changeTypes.join(', ') : 'All types';
  const risks = step.risks?.length ? `${step.risks.join(', ')} risk` : 'any risk';
  return `${types} · ${risks}`;
}

export function stepsToJson(steps: readonly ApprovalStep[]): string {
  return JSON.stringify(steps, null, 2);
}

/** Parses the edited JSON: the steps, or the reason it is not a list of steps. */
export function parseSteps(text: string): { steps: ApprovalStep[] } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!Array.isArray(value)) return { error: 'The approval steps must be a JSON list ([ … ])' };
  const bad = value.findIndex((s) => typeof s !== 'object' || s === null || Array.isArray(s));
  if (bad >= 0) return { error: `Step ${bad + 1} must be an object ({ … })` };
  return { steps: value as ApprovalStep[] };
}

/** The document PUT sends: the loaded settings with the form's changes. */
export function settingsWith(
  base: ChangeSettings,
  changes: {
    project: string;
    changeEnvironmentTypes: EnvironmentType[];
    gatedEnvironmentTypes: EnvironmentType[];
    block: boolean;
    approvalSteps: ApprovalStep[];
  },
): ChangeSettings {
  return {
    ...base,
    deployments: {
      ...base.deployments,
      project: changes.project,
      changeEnvironmentTypes: changes.changeEnvironmentTypes,
      gatedEnvironmentTypes: changes.gatedEnvironmentTypes,
    },
    leadTime: { ...base.leadTime, block: changes.block },
    approvalSteps: changes.approvalSteps,
  };
}
