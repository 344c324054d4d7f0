import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A button that reveals a form below it, so long pages stay calm. The button gives way to the form
 * (which focuses its first field); when the form closes itself, focus returns to the button.
 */
export function Disclosure({ label, children }: { label: string; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const wasOpen = useRef(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open && wasOpen.current) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <div className="disclosure">
      {open ? (
        <div>{children(() => setOpen(false))}</div>
      ) : (
        <button ref={button} type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          {label}
        </button>
      )}
    </div>
  );
}
