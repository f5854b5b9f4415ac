/**
 * Calling the desk from a screen: the result, whether it is still running, and whether it has been running for
 * over a second (when the screen shows a progress bar, so a quick call does not flicker one).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeskApiInput, DeskApiMethod, DeskApiOutput } from '../../../shared/api/desk-api';
import type { AppError, Result } from '../../../shared/result';
import { useDesk } from '../desk-context';
import { useDeskWrites } from '../store/desk-writes';

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
        else useDeskWrites.getState().done();
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
  /** The next read is `reload`'s, of the same input: a failure keeps what is shown, with the error beside it. */
  const reloading = useRef(false);
  useEffect(() => {
    const current = inputRef.current;
    const again = reloading.current;
    reloading.current = false;
    if (current === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void call(method, current).then((result) => {
      if (!live) return;
      setState((s) =>
        result.ok ? { data: result.value, error: null, loading: false } : { data: again ? s.data : null, error: result.error, loading: false },
      );
    });
    return () => {
      live = false;
    };
  }, [call, method, tick, ...deps]);
  const reload = useCallback(() => {
    reloading.current = true;
    setTick((n) => n + 1);
  }, []);
  return { ...state, reload };
}
