import { Alert, Badge, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy, IconLock } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router-dom';
import type { Location } from 'react-router-dom';
import { isApiError } from '@/api/client';
import { errorMessage } from '@/components/PageError';
import { useCreateRule, useUpdateRule } from '../api/rules';
import type { AutomationCatalogue, AutomationRule } from '../api/types';
import { locateError } from '../lib/errorPaths';
import { defaultSettings } from '../lib/fieldKinds';
import type { EditorErrors, RuleDraft } from '../lib/ruleDraft';
import {
  draftFromRule,
  draftToInput,
  emptyDraft,
  firstErrorPlace,
  hasErrors,
  noErrors,
  triggerType,
  validateDraft,
  withError,
} from '../lib/ruleDraft';
import type { ListId, RuleNode } from '../lib/ruleTree';
import { ROOT, addBranch, allComponents, countNodes, insertNode, moveBranch, moveNode, removeBranch, removeNode, setSetting } from '../lib/ruleTree';
import classes from './Automation.module.css';
import { cardDomId } from './ChainCard';
import { ComponentList } from './ComponentList';
import { RuleDetailsPanel } from './RuleDetailsPanel';
import type { RuleEditorApi } from './RuleEditorContext';
import { RuleEditorContext } from './RuleEditorContext';
import { TriggerCard } from './TriggerCard';

/** Navigation state that leaves the editor without asking about unsaved changes. */
export interface LeaveState {
  discard: true;
  /** The secret URL of a webhook rule just created, shown once by the rule's page */
  webhookUrl?: string;
}

/** Rules with more components than this open with their cards folded. */
const FOLD_ABOVE = 4;

const isLeave = (state: unknown): state is LeaveState =>
  typeof state === 'object' && state !== null && (state as { discard?: unknown }).discard === true;

export interface RuleEditorProps {
  catalogue: AutomationCatalogue;
  /** The rule to change; a new rule when left out */
  rule?: AutomationRule | undefined;
  /** Where the editor lives: leaving for another path under it (the audit tab) keeps the changes */
  basePath: string;
  /** After a new rule is created */
  onCreated?: (rule: AutomationRule) => void;
  /** A webhook URL came with a save (the trigger became "Incoming webhook") */
  onWebhookUrl?: (url: string) => void;
}

/**
 * The rule editor: the "When / If / Then" chain (the trigger, then conditions, actions and
 * if/else blocks) beside the rule's details. Checked before saving; the server's 400 is shown at
 * the card and input its `field` names, else above the rule. Read-only when the user may not
 * manage the rule. Leaving with unsaved changes asks first.
 */
export function RuleEditor({ catalogue, rule, basePath, onCreated, onWebhookUrl }: RuleEditorProps) {
  const readOnly = rule !== undefined && rule.canManage === false;
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? draftFromRule(rule) : emptyDraft()));
  const [errors, setErrors] = useState<EditorErrors>(noErrors);
  const [dirty, setDirty] = useState(false);
  const [focus, setFocus] = useState<{ id: string; scroll: 'center' | 'nearest' } | null>(null);
  // A saved rule of more than a few components opens with its cards folded to their summaries.
  const [folded] = useState<ReadonlySet<string>>(() =>
    countNodes(draft.components) > FOLD_ABOVE ? new Set(allComponents(draft.components).map((n) => n.uid)) : new Set(),
  );
  const create = useCreateRule();
  const update = useUpdateRule(rule?.id ?? 0);
  const pending = create.isPending || update.isPending;

  // ------------------------------------------------------------ leaving with unsaved changes
  const dirtyRef = useRef(false);
  dirtyRef.current = dirty;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }: { currentLocation: Location; nextLocation: Location }) =>
      dirtyRef.current &&
      !isLeave(nextLocation.state) &&
      !(nextLocation.pathname.startsWith(basePath) && currentLocation.pathname.startsWith(basePath)),
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // ------------------------------------------------------------ scrolling to a card
  useEffect(() => {
    if (!focus) return;
    const element = document.getElementById(focus.id);
    element?.scrollIntoView?.({ block: focus.scroll, behavior: 'smooth' });
    element?.focus({ preventScroll: true });
    setFocus(null);
  }, [focus]);

  // ------------------------------------------------------------ edits
  const edit = (fn: (d: RuleDraft) => RuleDraft) => {
    setDraft(fn);
    setDirty(true);
  };
  const editNodes = (fn: (nodes: RuleNode[]) => RuleNode[]) => edit((d) => ({ ...d, components: fn(d.components) }));
  const clearError = (place: 'trigger' | string, setting: string) =>
    setErrors((e) => {
      const bucket = place === 'trigger' ? e.trigger : e.nodes[place];
      if (!bucket || !(setting in bucket)) return e;
      const { [setting]: _gone, ...rest } = bucket;
      if (place === 'trigger') return { ...e, trigger: rest };
      const { [place]: _node, ...nodes } = e.nodes;
      return { ...e, nodes: Object.keys(rest).length > 0 ? { ...nodes, [place]: rest } : nodes };
    });

  const api: RuleEditorApi = {
    catalogue,
    readOnly,
    errors,
    startsFolded: (uid) => folded.has(uid),
    insert: (listId: ListId, node: RuleNode) => {
      editNodes((nodes) => insertNode(nodes, listId, node));
      setFocus({ id: cardDomId(node.uid), scroll: 'nearest' });
    },
    remove: (uid) => editNodes((nodes) => removeNode(nodes, uid)),
    move: (uid, delta) => editNodes((nodes) => moveNode(nodes, uid, delta)),
    setSetting: (uid, name, value) => {
      editNodes((nodes) => setSetting(nodes, uid, name, value));
      clearError(uid, name);
    },
    addBranch: (uid) => editNodes((nodes) => addBranch(nodes, uid)),
    removeBranch: (uid, branch) => editNodes((nodes) => removeBranch(nodes, uid, branch)),
    moveBranch: (uid, branch, delta) => editNodes((nodes) => moveBranch(nodes, uid, branch, delta)),
  };

  const changeDetails = (patch: Partial<RuleDraft>) => {
    edit((d) => ({ ...d, ...patch }));
    setErrors((e) => {
      const rest = { ...e.rule };
      for (const key of Object.keys(patch)) delete rest[key as keyof typeof rest];
      return { ...e, rule: rest };
    });
  };

  // ------------------------------------------------------------ saving
  const showErrors = (found: EditorErrors) => {
    setErrors(found);
    const place = firstErrorPlace(found, draft.components);
    if (place) setFocus({ id: cardDomId(place), scroll: 'center' });
    else if (found.form.length > 0) setFocus({ id: 'rule-form-errors', scroll: 'center' });
  };

  const save = () => {
    if (readOnly || pending) return;
    const found = validateDraft(draft, catalogue);
    if (hasErrors(found)) {
      showErrors(found);
      return;
    }
    const body = draftToInput(draft, catalogue, rule);
    const onError = (error: unknown) =>
      showErrors(withError(noErrors(), locateError(isApiError(error) ? error.field : undefined, draft.components), errorMessage(error)));
    if (rule) {
      update.mutate(body, {
        onSuccess: (saved) => {
          setDirty(false);
          setErrors(noErrors());
          setDraft((d) => ({ ...d, projects: saved.projects }));
          notifications.show({ color: 'green', message: `Rule “${saved.name}” saved` });
          if (saved.webhookUrl) onWebhookUrl?.(saved.webhookUrl);
        },
        onError,
      });
    } else {
      create.mutate(body, {
        onSuccess: (saved) => {
          dirtyRef.current = false;
          setDirty(false);
          notifications.show({ color: 'green', message: `Rule “${saved.name}” created` });
          onCreated?.(saved);
        },
        onError,
      });
    }
  };

  const discard = () => {
    setDraft(rule ? draftFromRule(rule) : emptyDraft());
    setErrors(noErrors());
    setDirty(false);
  };

  const triggerDef = triggerType(catalogue, draft.trigger.type);

  return (
    <RuleEditorContext.Provider value={api}>
      <Stack gap="md">
        {readOnly ? (
          <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />} title="Read only">
            You can see this rule but not change it: that needs the administrator role in each of its projects (for a
            global rule, a Steward administrator).
          </Alert>
        ) : (
          <Group justify="space-between" gap="sm" wrap="wrap" className={classes.toolbar}>
            <Text component="div" size="sm" c="dimmed" aria-live="polite">
              {dirty ? (
                <Badge color="yellow" variant="light" radius="sm" tt="none">
                  Unsaved changes
                </Badge>
              ) : rule ? (
                'All changes saved'
              ) : (
                'Choose a trigger, then add conditions and actions.'
              )}
            </Text>
            <Group gap="sm">
              {dirty && rule && (
                <Button variant="default" onClick={discard} disabled={pending}>
                  Discard changes
                </Button>
              )}
              <Button leftSection={<IconDeviceFloppy size={16} aria-hidden />} onClick={save} loading={pending}>
                {rule ? 'Save' : 'Create rule'}
              </Button>
            </Group>
          </Group>
        )}

        {errors.form.length > 0 && (
          <Alert
            id="rule-form-errors"
            tabIndex={-1}
            color="red"
            variant="light"
            role="alert"
            icon={<IconAlertTriangle size={18} aria-hidden />}
            title={rule ? 'The rule was not saved' : 'The rule was not created'}
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => setErrors((e) => ({ ...e, form: [] }))}
          >
            {errors.form.map((m) => (
              <Text size="sm" key={m}>
                {m}
              </Text>
            ))}
          </Alert>
        )}

        <div className={classes.editorLayout}>
          <Stack gap="sm" component="section" aria-label="Rule components">
            <Title order={2} size="h5">
              When
            </Title>
            <TriggerCard
              trigger={draft.trigger}
              rule={rule}
              onTypeChange={(type) => {
                edit((d) => ({
                  ...d,
                  trigger: { type, settings: defaultSettings(triggerType(catalogue, type)) },
                }));
                setErrors((e) => ({ ...e, trigger: {} }));
              }}
              onSettingChange={(name, value) => {
                edit((d) => {
                  const { [name]: _old, ...rest } = d.trigger.settings;
                  return { ...d, trigger: { ...d.trigger, settings: value === undefined ? rest : { ...rest, [name]: value } } };
                });
                clearError('trigger', name);
              }}
            />
            <Title order={2} size="h5" mt="xs">
              Then
            </Title>
            <Text size="xs" c="dimmed" mt={-6}>
              {triggerDef
                ? 'Conditions stop the rule when they do not hold; actions run in order.'
                : 'After choosing a trigger, add conditions and actions.'}
            </Text>
            <ComponentList
              listId={ROOT}
              nodes={draft.components}
              depth={0}
              emptyText={readOnly ? 'The rule has no components.' : 'No conditions or actions yet.'}
              where="to the rule"
            />
          </Stack>
          <RuleDetailsPanel draft={draft} onChange={changeDetails} errors={errors.rule} readOnly={readOnly} rule={rule} />
        </div>
      </Stack>

      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title="Leave without saving?"
        centered
      >
        <Stack gap="md">
          <Text size="sm">Your changes to this rule have not been saved. They will be lost.</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              Keep editing
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              Leave
            </Button>
          </Group>
        </Stack>
      </Modal>
    </RuleEditorContext.Provider>
  );
}
