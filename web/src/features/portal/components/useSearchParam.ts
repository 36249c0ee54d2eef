import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * One URL query parameter as state (`?q=` of the help center's search): typing replaces the
 * history entry instead of adding one per keystroke; an empty value removes the parameter.
 */
export function useSearchParam(name: string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? '';
  const setValue = useCallback(
    (next: string) => {
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next) updated.set(name, next);
          else updated.delete(name);
          return updated;
        },
        { replace: true },
      );
    },
    [name, setParams],
  );
  return [value, setValue];
}
