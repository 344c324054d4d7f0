import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A confirmation after a change, announced to screen readers (role="status"). With `focus`, it is
 * also focused when it appears or changes, so keyboard users land on it rather than nowhere (the
 * button they used may be gone).
 */
export function SuccessMessage({ children, focus = true }: { children: ReactNode; focus?: boolean }) {
  const ref = useRef<HTMLParagraphElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new message is focused again
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus, children]);
  return (
    <p ref={ref} tabIndex={-1} className="alert alert--success" role="status">
      {children}
    </p>
  );
}
