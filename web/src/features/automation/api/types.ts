/** Short names for the automation schemas of api/openapi.yaml (generated into schema.d.ts). */
import type { components } from '@/api/schema';

type Schemas = components['schemas'];

export type AutomationRule = Schemas['AutomationRule'];
export type AutomationRuleInput = Schemas['AutomationRuleInput'];
export type AutomationComponent = Schemas['AutomationComponent'];
export type AutomationCatalogue = Schemas['AutomationComponents'];
export type AutomationComponentType = Schemas['AutomationComponentType'];
export type AutomationField = AutomationComponentType['fields'][number];
export type AutomationAuditEntry = Schemas['AutomationAuditEntry'];
export type AutomationOutcome = AutomationAuditEntry['outcome'];
export type AutomationTrigger = AutomationRule['trigger'];

/** One page of a rule's audit log. */
export interface AuditPage {
  values: AutomationAuditEntry[];
  next?: number;
}
