/**
 * A question asked before something that cannot be undone (a form or a reception set aside thrown away), shown in
 * place rather than in a modal: the clerk still sees what it is about. Said in plain words, with the answers as
 * buttons; the keyboard lands on the answer that loses nothing (the button marked `data-answer="keep"`), so an
 * Enter pressed out of habit loses nothing, and Escape gives that answer too.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  question: string;
  body: string;
  /** The answer that loses nothing: given by Escape. */
  onKeep: () => void;
  /** The answers, as buttons; the harmless one carries `data-answer="keep"`. */
  children: ReactNode;
  className?: string;
  'data-testid'?: string;
}

export function Question({ question, body, onKeep, children, className, 'data-testid': testId }: Props) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    box.current?.querySelector<HTMLElement>('[data-answer="keep"]')?.focus();
  }, []);

  return (
    <div
      ref={box}
      className={`banner banner-warning question${className ? ` ${className}` : ''}`}
      role="alertdialog"
      aria-labelledby={`${id}-q`}
      aria-describedby={`${id}-body`}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onKeep();
      }}
    >
      <p id={`${id}-q`}>
        <strong>{question}</strong>
      </p>
      <p id={`${id}-body`}>{body}</p>
      <div className="row">{children}</div>
    </div>
  );
}
