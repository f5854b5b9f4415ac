/**
 * Calling the desk from a screen: the result, whether it is still running, and whether it has been running for
 * over a second (when the screen shows a progress bar, so a quick call does not flicker one).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeskApiInput, DeskApiMethod, DeskApiOutput } from '../../../shared/api/desk-api';
import type { AppError, Result } from '../../../shared/result';
import { useDesk } from '../desk-context';

export const SLOW_MS = 1000;

export function useSlowFlag(busy: boolean): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!busy) {
      setSlow(false);
      return;
    }
    const timer = setTimeout(() => setSlow(true), SLOW_MS);
    return () => clearTimeout(timer);
  }, [busy]);
  return slow;
}

export function useDeskAction() {
  const { call } = useDesk();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const slow = useSlowFlag(busy);
  const run = useCallback(
    async <M extends DeskApiMethod>(method: M, input: DeskApiInput<M>): Promise<Result<DeskApiOutput<M>>> => {
      setBusy(true);
      setError(null);
      try {
        const result = await call(method, input);
        if (!result.ok) setError(result.error);
        return result;
      } finally {
        setBusy(false);
      }
    },
    [call],
  );
  return { run, busy, slow, error, setError };
}

/** Loads something from the desk when the screen opens (and again when `deps` change). */
export function useDeskQuery<M extends DeskApiMethod>(method: M, input: DeskApiInput<M> | null, deps: unknown[] = []) {
  const { call } = useDesk();
  const [state, setState] = useState<{ data: DeskApiOutput<M> | null; error: AppError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: input !== null,
  });
  const [tick, setTick] = useState(0);
  const inputRef = useRef(input);
  inputRef.current = input;
  useEffect(() => {
    const current = inputRef.current;
    if (current === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void call(method, current).then((result) => {
      if (!live) return;
      setState(result.ok ? { data: result.value, error: null, loading: false } : { data: null, error: result.error, loading: false });
    });
    return () => {
      live = false;
    };
  }, [call, method, tick, ...deps]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
