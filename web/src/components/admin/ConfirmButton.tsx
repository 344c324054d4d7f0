import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ProblemAlert } from '../ProblemAlert.tsx';

interface Props<T> {
  /** The button that asks first. */
  label: string;
  /** What will happen, asked before anything is sent. */
  question: ReactNode;
  /** The button that does it. */
  confirm: string;
  run: () => Promise<T>;
  onDone: (result: T) => void;
  disabled?: boolean;
}

/**
 * An action with a confirmation step: the button asks the question, and only "Yes, …" sends the
 * request. The server's refusal, if any, is shown in the question box.
 */
export function ConfirmButton<T>({ label, question, confirm, run, onDone, disabled = false }: Props<T>) {
  const [asking, setAsking] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  const mutation = useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      setAsking(false);
      onDone(result);
    },
  });
  useEffect(() => {
    if (asking) box.current?.focus();
    else if (wasAsking.current) button.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={button}
        type="button"
        className="button button--secondary"
        disabled={disabled}
        onClick={() => {
          mutation.reset();
          setAsking(true);
        }}
      >
        {label}
      </button>
    );
  }
  return (
    <div ref={box} tabIndex={-1} className="confirm">
      <p className="confirm__question">{question}</p>
      <ProblemAlert error={mutation.error} />
      <div className="actions">
        <button type="button" className="button" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
          {mutation.isPending ? 'Working…' : confirm}
        </button>
        <button type="button" className="button button--link" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
