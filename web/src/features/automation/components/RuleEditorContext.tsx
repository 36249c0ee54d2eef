import { createContext, useContext } from 'react';
import type { AutomationCatalogue } from '../api/types';
import type { EditorErrors } from '../lib/ruleDraft';
import type { ListId, RuleNode } from '../lib/ruleTree';

/** What the cards of the rule editor share: the catalogue, the errors, and the tree's edits. */
export interface RuleEditorApi {
  catalogue: AutomationCatalogue;
  readOnly: boolean;
  errors: EditorErrors;
  /** Cards of a long saved rule start folded (to their one-line summary); new ones open */
  startsFolded: (uid: string) => boolean;
  insert: (listId: ListId, node: RuleNode) => void;
  remove: (uid: string) => void;
  move: (uid: string, delta: -1 | 1) => void;
  setSetting: (uid: string, name: string, value: unknown) => void;
  addBranch: (blockUid: string) => void;
  removeBranch: (blockUid: string, branchUid: string) => void;
  moveBranch: (blockUid: string, branchUid: string, delta: -1 | 1) => void;
}

export const RuleEditorContext = createContext<RuleEditorApi | null>(null);

export function useRuleEditor(): RuleEditorApi {
  const api = useContext(RuleEditorContext);
  if (!api) throw new Error('useRuleEditor() used outside the rule editor');
  return api;
}
