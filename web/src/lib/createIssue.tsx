/**
 * "Create issue" as an app-wide action: the header's Create button (and the `c` shortcut, or any
 * feature) calls `useCreateIssue().open({...})`; whichever dialog component app/ mounts in
 * <CreateIssueProvider dialog={...}> shows the form.
 *
 * It lives in the shared lib/ layer so every feature may call it without importing app/ or the
 * feature that provides the dialog; src/app/createIssue.ts re-exports it for app code.
 */
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ComponentType, ReactNode } from 'react';

export interface CreateIssueRequest {
  /** Project to create in (defaults to the current one) */
  projectKey?: string;
  /** Issue type name, e.g. "Incident" */
  issueType?: string;
  /** Issue key of the parent, for sub-tasks */
  parentKey?: string;
  /** Summary to start with */
  summary?: string;
}

/** What the dialog component gets. */
export interface CreateIssueDialogProps {
  opened: boolean;
  request: CreateIssueRequest;
  onClose: () => void;
}

export interface CreateIssueApi {
  open: (request?: CreateIssueRequest) => void;
  close: () => void;
  opened: boolean;
}

const CreateIssueContext = createContext<CreateIssueApi | null>(null);

export interface CreateIssueProviderProps {
  /** The dialog that shows the form (the issues feature provides it). */
  dialog: ComponentType<CreateIssueDialogProps>;
  children: ReactNode;
}

export function CreateIssueProvider({ dialog: Dialog, children }: CreateIssueProviderProps) {
  const [state, setState] = useState<{ opened: boolean; request: CreateIssueRequest }>({
    opened: false,
    request: {},
  });
  const open = useCallback((request: CreateIssueRequest = {}) => {
    setState({ opened: true, request });
  }, []);
  const close = useCallback(() => setState((s) => ({ ...s, opened: false })), []);
  const value = useMemo(() => ({ open, close, opened: state.opened }), [open, close, state.opened]);
  return (
    <CreateIssueContext.Provider value={value}>
      {children}
      <Dialog opened={state.opened} request={state.request} onClose={close} />
    </CreateIssueContext.Provider>
  );
}

/** Opens the create-issue dialog. Outside a provider (e.g. the help center) it does nothing. */
export function useCreateIssue(): CreateIssueApi {
  return useContext(CreateIssueContext) ?? NO_PROVIDER;
}

const NO_PROVIDER: CreateIssueApi = { open: () => {}, close: () => {}, opened: false };
