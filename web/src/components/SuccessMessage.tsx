import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A confirmation after a change, announced to screen readers (role="status"). With `focus`, it is
 * also focused when it appears or changes, so keyboard users land on it rather than nowhere (the
 * button they used may be gone).
 */
export function SuccessMessage({ children, title, focus = true }: { children: ReactNode; title?: string; focus?: boolean }) {
  const ref = useRef<HTMLParagraphElement & HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new message is focused again
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus, children]);
  if (title) {
    return (
      <div ref={ref} tabIndex={-1} className="alert alert--success" role="status">
        <p className="alert__title">{title}</p>
        <p>{children}</p>
      </div>
    );
  }
  return (
    <p ref={ref} tabIndex={-1} className="alert alert--success" role="status">
      {children}
    </p>
  );
}

/** A page's latest confirmation; `key` grows with each, so the same text said twice is announced again. */
export interface Flash {
  text: string;
  key: number;
}

/** A confirmation a page shows after a change made by a form that is then gone. `initial` is shown unfocused. */
export function useFlash(initial: string | null = null) {
  const [flash, setFlash] = useState<Flash | null>(initial ? { text: initial, key: 0 } : null);
  return {
    flash,
    say: (text: string) => setFlash((current) => ({ text, key: (current?.key ?? 0) + 1 })),
    clear: () => setFlash(null),
  };
}

/** The page's confirmation; focus lands on it (the form that made the change is gone). */
export function FlashMessage({ flash }: { flash: Flash | null }) {
  return flash ? (
    <SuccessMessage key={flash.key} focus={flash.key > 0}>
      {flash.text}
    </SuccessMessage>
  ) : null;
}
