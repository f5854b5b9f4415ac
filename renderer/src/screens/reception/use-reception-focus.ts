/**
 * Where the keyboard goes on the reception screen once the page under it has changed: to the first field marked
 * wrong after a refused save, refusal or guidance, and back into the form once it has been redrawn.
 */
import { useEffect, useRef, useState } from 'react';

export function useReceptionFocus() {
  const searchRef = useRef<HTMLInputElement>(null);
  const screenRef = useRef<HTMLDivElement>(null);
  // A counter, so two refused attempts in a row both move the focus to what is wrong.
  const [problemTry, setProblemTry] = useState(0);
  const focusProblem = () => setProblemTry((n) => n + 1);

  // After a refused save, refusal or guidance the clerk's button stays where it was and the error appears elsewhere
  // (the reason box is at the other side of the screen): the keyboard goes to the first marked field.
  useEffect(() => {
    if (problemTry === 0) return;
    screenRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problemTry]);

  // Where the keyboard goes once the form has been redrawn (emptied, or filled with a dossier taken up again): asked
  // for from code that awaits the draft store, after which a timer could run before the new form is in the page.
  const [formFocus, setFormFocus] = useState<{ to: 'search' | 'name' } | null>(null);
  useEffect(() => {
    if (!formFocus) return;
    (formFocus.to === 'name' ? screenRef.current?.querySelector<HTMLInputElement>('input[name="name"]') : searchRef.current)?.focus();
  }, [formFocus]);
  /** The keyboard back in the form: the applicant's name once a procedure is chosen, else the procedure search. */
  const focusForm = (hasProcedure: boolean) => setFormFocus({ to: hasProcedure ? 'name' : 'search' });

  return { screenRef, searchRef, focusProblem, focusForm };
}
