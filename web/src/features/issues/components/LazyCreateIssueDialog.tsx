import { lazy, Suspense, useState } from 'react';
import type { CreateIssueDialogProps } from '@/lib/createIssue';

const Dialog = lazy(async () => ({
  default: (await import('./CreateIssueDialog')).CreateIssueDialog,
}));

/** Loads the dialog's code the first time it opens, keeping it out of the shell's bundle. */
export function LazyCreateIssueDialog(props: CreateIssueDialogProps) {
  const [wanted, setWanted] = useState(false);
  if (props.opened && !wanted) setWanted(true);
  if (!wanted && !props.opened) return null;
  return (
    <Suspense fallback={null}>
      <Dialog {...props} />
    </Suspense>
  );
}
