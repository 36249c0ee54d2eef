/**
 * Automation rules: the list the caller may see, one rule, and the changes (create, update,
 * enable/disable, delete, run now, a new webhook URL). Every change invalidates ['automation'],
 * so the list, the rule and its audit log refresh.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { AutomationRule, AutomationRuleInput } from './types';

export async function getRules(): Promise<AutomationRule[]> {
  const { values } = await unwrap(api.GET('/api/v1/automation/rules'));
  return values;
}

export const rulesQueryOptions = () => queryOptions({ queryKey: queryKeys.automationRules(), queryFn: getRules });

export function useRules() {
  return useQuery(rulesQueryOptions());
}

export async function getRule(id: number): Promise<AutomationRule> {
  return unwrap(api.GET('/api/v1/automation/rules/{id}', { params: { path: { id } } }));
}

export const ruleQueryOptions = (id: number) =>
  queryOptions({ queryKey: queryKeys.automationRule(id), queryFn: () => getRule(id) });

/** One rule; shown at once from the rule list when that is cached. */
export function useRule(id: number) {
  const client = useQueryClient();
  return useQuery({
    ...ruleQueryOptions(id),
    placeholderData: () => client.getQueryData(rulesQueryOptions().queryKey)?.find((r) => r.id === id),
  });
}

/** POST /api/v1/automation/rules. The answer carries `webhookUrl` once for a webhook rule. */
export function useCreateRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AutomationRuleInput): Promise<AutomationRule> =>
      unwrap(api.POST('/api/v1/automation/rules', { body })),
    onSuccess: (rule) => {
      client.setQueryData(queryKeys.automationRule(rule.id), rule);
      return client.invalidateQueries({ queryKey: queryKeys.automationRules() });
    },
  });
}

/** PUT /api/v1/automation/rules/{id}: the settings given change, the others keep their value. */
export function useUpdateRule(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AutomationRuleInput): Promise<AutomationRule> =>
      unwrap(api.PUT('/api/v1/automation/rules/{id}', { params: { path: { id } }, body })),
    onSuccess: (rule) => {
      client.setQueryData(queryKeys.automationRule(rule.id), rule);
      return client.invalidateQueries({ queryKey: queryKeys.automationRules() });
    },
  });
}

/**
 * Turns a rule on or off from the list (PUT {enabled}); the list shows the new state at once and
 * goes back to the old one if the server refuses.
 */
export function useSetRuleEnabled() {
  const client = useQueryClient();
  const key = queryKeys.automationRules();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: number; enabled: boolean }): Promise<AutomationRule> =>
      unwrap(api.PUT('/api/v1/automation/rules/{id}', { params: { path: { id } }, body: { enabled } })),
    onMutate: async ({ id, enabled }) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<AutomationRule[]>(key);
      client.setQueryData<AutomationRule[]>(key, (rules) => rules?.map((r) => (r.id === id ? { ...r, enabled } : r)));
      return { previous };
    },
    onError: (_error, _vars, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
    },
    onSuccess: (rule) => client.setQueryData(queryKeys.automationRule(rule.id), rule),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}

/** DELETE /api/v1/automation/rules/{id} (its audit log goes too). */
export function useDeleteRule(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/automation/rules/{id}', { params: { path: { id } } })),
    onSuccess: async () => {
      client.removeQueries({ queryKey: queryKeys.automationRule(id) });
      await client.invalidateQueries({ queryKey: queryKeys.automationRules() });
    },
  });
}

/** POST /api/v1/automation/rules/{id}/run: a scheduled or webhook rule now, a manual one on an issue. */
export function useRunRule(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (issue?: string) =>
      unwrap(
        api.POST('/api/v1/automation/rules/{id}/run', {
          params: { path: { id } },
          body: issue ? { issue } : {},
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.automationAudit(id) }),
  });
}

/** POST /api/v1/automation/rules/{id}/webhook: a new secret URL (the old one stops working). */
export function useRegenerateWebhook(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/automation/rules/{id}/webhook', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.automationRule(id), exact: true }),
  });
}
