import { ActionIcon, Alert, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { componentType, isCondition } from '../lib/ruleDraft';
import type { ComponentNode, IfElseNode, ListId, RuleNode } from '../lib/ruleTree';
import { MAX_BLOCK_DEPTH, branchListId, elseListId } from '../lib/ruleTree';
import { summarizeComponent } from '../lib/summaries';
import { AddComponentMenu } from './AddComponentMenu';
import classes from './Automation.module.css';
import { ChainCard, cardDomId } from './ChainCard';
import { useRuleEditor } from './RuleEditorContext';
import { SettingsForm } from './SettingsForm';

export interface ComponentListProps {
  listId: ListId;
  nodes: readonly RuleNode[];
  /** How many if/else blocks hold this list (0 for the rule's own components) */
  depth: number;
  conditionsOnly?: boolean;
  /** Said when the list is empty */
  emptyText?: string;
  /** Where "Add component" adds, for screen readers */
  where: string;
}

/** A list of the chain: its cards in order, then "Add component". */
export function ComponentList({ listId, nodes, depth, conditionsOnly = false, emptyText, where }: ComponentListProps) {
  const { readOnly } = useRuleEditor();
  return (
    <Stack gap="xs">
      {nodes.length > 0 ? (
        <ol className={classes.chain}>
          {nodes.map((node, i) => (
            <li key={node.uid} className={classes.chainItem}>
              {node.kind === 'ifElse' ? (
                <IfElseCard node={node} index={i} count={nodes.length} depth={depth} />
              ) : (
                <ComponentCard node={node} index={i} count={nodes.length} />
              )}
            </li>
          ))}
        </ol>
      ) : (
        emptyText && (
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        )
      )}
      {!readOnly && (
        <AddComponentMenu
          listId={listId}
          conditionsOnly={conditionsOnly}
          allowBlock={depth < MAX_BLOCK_DEPTH}
          where={where}
        />
      )}
    </Stack>
  );
}

interface CardProps<N> {
  node: N;
  index: number;
  count: number;
}

function useCardControls(uid: string, index: number, count: number) {
  const { readOnly, move, remove } = useRuleEditor();
  if (readOnly) return undefined;
  return {
    onUp: index > 0 ? () => move(uid, -1) : undefined,
    onDown: index < count - 1 ? () => move(uid, 1) : undefined,
    onRemove: () => remove(uid),
  };
}

/** A condition or an action: its settings as inputs. */
function ComponentCard({ node, index, count }: CardProps<ComponentNode>) {
  const { catalogue, errors, readOnly, setSetting, startsFolded } = useRuleEditor();
  const controls = useCardControls(node.uid, index, count);
  const type = componentType(catalogue, node.type);
  const nodeErrors = errors.nodes[node.uid] ?? {};
  return (
    <ChainCard
      uid={node.uid}
      kind={!type ? 'unknown' : isCondition(catalogue, node.type) ? 'condition' : 'action'}
      title={type?.label ?? node.type}
      summary={summarizeComponent(node.type, node.settings)}
      hasError={Object.keys(nodeErrors).length > 0}
      controls={controls}
      folded={startsFolded(node.uid)}
    >
      <Stack gap="xs">
        {type?.description && (
          <Text size="xs" c="dimmed">
            {type.description}
          </Text>
        )}
        <SettingsForm
          fields={type?.fields ?? []}
          settings={node.settings}
          errors={nodeErrors}
          onChange={(name, value) => setSetting(node.uid, name, value)}
          disabled={readOnly}
        />
      </Stack>
    </ChainCard>
  );
}

/** An if/else block: its branches (conditions, then components) and the else components. */
function IfElseCard({ node, index, count, depth }: CardProps<IfElseNode> & { depth: number }) {
  const { errors, readOnly, addBranch, removeBranch, moveBranch } = useRuleEditor();
  const controls = useCardControls(node.uid, index, count);
  const nodeErrors = errors.nodes[node.uid] ?? {};
  const branchCount = node.branches.length;
  const summary = `${branchCount} ${branchCount === 1 ? 'branch' : 'branches'}${node.else.length > 0 ? ' and else' : ''}`;
  const blockErrors = Object.values(nodeErrors);

  return (
    <ChainCard
      uid={node.uid}
      kind="block"
      title="If / else block"
      summary={summary}
      hasError={blockErrors.length > 0}
      controls={controls}
    >
      <Stack gap="sm">
        {blockErrors.length > 0 && (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} aria-hidden />} p="xs">
            {blockErrors.map((m) => (
              <Text size="sm" key={m}>
                {m}
              </Text>
            ))}
          </Alert>
        )}
        {node.branches.map((branch, i) => {
          const name = i === 0 ? 'If' : `Else if ${i}`;
          const error = errors.branches[branch.uid];
          return (
            <section
              key={branch.uid}
              id={cardDomId(branch.uid)}
              className={classes.branch}
              aria-label={name}
              data-error={error ? true : undefined}
              tabIndex={-1}
            >
              <Stack gap="xs">
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text className={classes.partLabel}>{i === 0 ? 'If' : 'Else if'}</Text>
                  {!readOnly && (
                    <Group gap={2} wrap="nowrap">
                      <Tooltip label="Move branch up" withinPortal>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="sm"
                          aria-label={`Move branch ${name} up`}
                          disabled={i === 0}
                          onClick={() => moveBranch(node.uid, branch.uid, -1)}
                        >
                          <IconArrowUp size={14} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Move branch down" withinPortal>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="sm"
                          aria-label={`Move branch ${name} down`}
                          disabled={i === branchCount - 1}
                          onClick={() => moveBranch(node.uid, branch.uid, 1)}
                        >
                          <IconArrowDown size={14} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Remove branch" withinPortal>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          size="sm"
                          aria-label={`Remove branch ${name}`}
                          disabled={branchCount === 1}
                          onClick={() => removeBranch(node.uid, branch.uid)}
                        >
                          <IconTrash size={14} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  )}
                </Group>
                {error && (
                  <Alert color="red" variant="light" role="alert" p="xs">
                    {error}
                  </Alert>
                )}
                <ComponentList
                  listId={branchListId(branch.uid, 'conditions')}
                  nodes={branch.conditions}
                  depth={depth + 1}
                  conditionsOnly
                  emptyText="No conditions: this branch always runs."
                  where={`to ${name}`}
                />
                <Text className={classes.partLabel}>Then</Text>
                <ComponentList
                  listId={branchListId(branch.uid, 'components')}
                  nodes={branch.components}
                  depth={depth + 1}
                  emptyText="Nothing to do yet."
                  where={`to ${name} then`}
                />
              </Stack>
            </section>
          );
        })}
        {!readOnly && (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => addBranch(node.uid)}
            style={{ alignSelf: 'flex-start' }}
          >
            Add else-if
          </Button>
        )}
        <section className={classes.branch} aria-label="Else">
          <Stack gap="xs">
            <Text className={classes.partLabel}>Else</Text>
            <ComponentList
              listId={elseListId(node.uid)}
              nodes={node.else}
              depth={depth + 1}
              emptyText="When no branch applies, nothing happens."
              where="to Else"
            />
          </Stack>
        </section>
      </Stack>
    </ChainCard>
  );
}
