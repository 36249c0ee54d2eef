import { useEffect } from 'react';

/** Sets the document title to "<title> · Steward" while the page is shown. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    if (!title) return;
    const previous = document.title;
    document.title = `${title} · Steward`;
    return () => {
      document.title = previous;
    };
  }, [title]);
}
