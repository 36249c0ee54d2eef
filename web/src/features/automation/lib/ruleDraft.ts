/**
 * A rule while it is edited: its details, trigger and component tree; made from a rule or empty,
 * checked before saving (the errors found, placed as the server's would be), and turned into the
 * body of POST or PUT /api/v1/automation/rules.
 */
import type { AutomationCatalogue, AutomationComponentType, AutomationRule, AutomationRuleInput } from '../api/types';
import type { ErrorTarget, RuleSetting } from './errorPaths';
import { cleanSettings, validateSettings } from './fieldKinds';
import type { RuleNode, Settings } from './ruleTree';
import { nodesFromJson, nodesToJson } from './ruleTree';

export interface RuleDraft {
  name: string;
  description: string;
  enabled: boolean;
  /** Project keys; none for a global rule */
  projects: string[];
  actor: string;
  owner: string;
  allowRuleTrigger: boolean;
  notifyOnError: boolean;
  /** Executions per minute before throttling; 0 for no limit, '' for the server's default */
  rateLimitPerMinute: number | '';
  trigger: { type: string; settings: Settings };
  components: RuleNode[];
}

export const DEFAULT_ACTOR = 'automation';

export function emptyDraft(): RuleDraft {
  return {
    name: '',
    description: '',
    enabled: true,
    projects: [],
    actor: DEFAULT_ACTOR,
    owner: '',
    allowRuleTrigger: false,
    notifyOnError: true,
    rateLimitPerMinute: '',
    trigger: { type: '', settings: {} },
    components: [],
  };
}

export function draftFromRule(rule: AutomationRule): RuleDraft {
  const { type, ...settings } = rule.trigger;
  return {
    name: rule.name,
    description: rule.description,
    enabled: rule.enabled,
    projects: [...rule.projects],
    actor: rule.actor,
    owner: rule.owner ?? '',
    allowRuleTrigger: rule.allowRuleTrigger,
    notifyOnError: rule.notifyOnError,
    rateLimitPerMinute: rule.rateLimitPerMinute,
    trigger: { type, settings },
    components: nodesFromJson(rule.components),
  };
}

// ---------------------------------------------------------------------------- the catalogue

export function triggerType(catalogue: AutomationCatalogue | undefined, type: string): AutomationComponentType | undefined {
  return catalogue?.triggers.find((t) => t.type === type);
}

/** A condition's or action's entry (the if/else block is listed among the conditions). */
export function componentType(catalogue: AutomationCatalogue | undefined, type: string): AutomationComponentType | undefined {
  return catalogue?.conditions.find((c) => c.type === type) ?? catalogue?.actions.find((a) => a.type === type);
}

export function isCondition(catalogue: AutomationCatalogue | undefined, type: string): boolean {
  return catalogue?.conditions.some((c) => c.type === type) ?? false;
}

// ---------------------------------------------------------------------------- errors

/** Messages by where they show; within a card by setting name, '' for the card itself. */
export interface EditorErrors {
  form: string[];
  rule: Partial<Record<RuleSetting, string>>;
  trigger: Record<string, string>;
  nodes: Record<string, Record<string, string>>;
  branches: Record<string, string>;
}

export function noErrors(): EditorErrors {
  return { form: [], rule: {}, trigger: {}, nodes: {}, branches: {} };
}

export function hasErrors(errors: EditorErrors): boolean {
  return (
    errors.form.length > 0 ||
    Object.keys(errors.rule).length > 0 ||
    Object.keys(errors.trigger).length > 0 ||
    Object.keys(errors.nodes).length > 0 ||
    Object.keys(errors.branches).length > 0
  );
}

/** Adds a message where `target` says (a copy; the first message of a place wins). */
export function withError(errors: EditorErrors, target: ErrorTarget, message: string): EditorErrors {
  switch (target.kind) {
    case 'form':
      return { ...errors, form: [...errors.form, message] };
    case 'rule':
      return { ...errors, rule: { [target.setting]: message, ...errors.rule } };
    case 'trigger':
      return { ...errors, trigger: { [target.setting ?? '']: message, ...errors.trigger } };
    case 'node':
      return {
        ...errors,
        nodes: { ...errors.nodes, [target.uid]: { [target.setting ?? '']: message, ...errors.nodes[target.uid] } },
      };
    case 'branch':
      return { ...errors, branches: { [target.uid]: message, ...errors.branches } };
  }
}

/** The uid of the first card with an error, in the order the editor shows them (to scroll to it). */
export function firstErrorPlace(errors: EditorErrors, nodes: readonly RuleNode[]): string | undefined {
  if (Object.keys(errors.trigger).length > 0) return 'trigger';
  const visit = (list: readonly RuleNode[]): string | undefined => {
    for (const node of list) {
      if (errors.nodes[node.uid]) return node.uid;
      if (node.kind === 'ifElse') {
        for (const b of node.branches) {
          if (errors.branches[b.uid]) return b.uid;
          const found = visit(b.conditions) ?? visit(b.components);
          if (found) return found;
        }
        const found = visit(node.else);
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit(nodes);
}

/** What the editor refuses to send: a missing name or trigger, required settings, bad JSON. */
export function validateDraft(draft: RuleDraft, catalogue: AutomationCatalogue | undefined): EditorErrors {
  let errors = noErrors();
  if (draft.name.trim() === '') errors = withError(errors, { kind: 'rule', setting: 'name' }, 'A rule needs a name');
  if (draft.rateLimitPerMinute !== '' && (draft.rateLimitPerMinute < 0 || !Number.isInteger(draft.rateLimitPerMinute))) {
    errors = withError(errors, { kind: 'rule', setting: 'rateLimitPerMinute' }, 'A whole number, 0 for no limit');
  }
  if (draft.trigger.type === '') {
    errors = withError(errors, { kind: 'trigger' }, 'Choose what starts the rule');
  } else {
    const type = triggerType(catalogue, draft.trigger.type);
    for (const [setting, message] of Object.entries(validateSettings(type?.fields ?? [], draft.trigger.settings))) {
      errors = withError(errors, { kind: 'trigger', setting }, message);
    }
  }
  const visit = (list: readonly RuleNode[]) => {
    for (const node of list) {
      if (node.kind === 'ifElse') {
        for (const b of node.branches) {
          visit(b.conditions);
          visit(b.components);
        }
        visit(node.else);
        continue;
      }
      const type = componentType(catalogue, node.type);
      if (catalogue && !type) {
        errors = withError(errors, { kind: 'node', uid: node.uid }, `There is no component "${node.type}"`);
        continue;
      }
      for (const [setting, message] of Object.entries(validateSettings(type?.fields ?? [], node.settings))) {
        errors = withError(errors, { kind: 'node', uid: node.uid, setting }, message);
      }
    }
  };
  visit(draft.components);
  return errors;
}

// ---------------------------------------------------------------------------- the request body

/**
 * The body of POST (no `original`) or PUT. `actor` and `owner` go only when they changed (or are
 * set on a new rule): sending another user's name needs rights the editor of a rule may not have.
 */
export function draftToInput(
  draft: RuleDraft,
  catalogue: AutomationCatalogue | undefined,
  original?: Pick<AutomationRule, 'actor' | 'owner'>,
): AutomationRuleInput {
  const trigger = triggerType(catalogue, draft.trigger.type);
  const body: AutomationRuleInput = {
    name: draft.name.trim(),
    description: draft.description,
    enabled: draft.enabled,
    projects: draft.projects,
    trigger: { ...cleanSettings(trigger?.fields ?? [], draft.trigger.settings), type: draft.trigger.type },
    components: nodesToJson(draft.components, (node) =>
      cleanSettings(componentType(catalogue, node.type)?.fields ?? [], node.settings),
    ),
    allowRuleTrigger: draft.allowRuleTrigger,
    notifyOnError: draft.notifyOnError,
  };
  if (draft.rateLimitPerMinute !== '') body.rateLimitPerMinute = draft.rateLimitPerMinute;
  const actor = draft.actor.trim() || DEFAULT_ACTOR;
  if (original ? actor !== original.actor : actor !== DEFAULT_ACTOR) body.actor = actor;
  const owner = draft.owner.trim();
  if (owner !== '' && owner !== (original?.owner ?? '')) body.owner = owner;
  return body;
}
