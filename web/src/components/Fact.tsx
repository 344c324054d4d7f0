import type { ReactNode } from 'react';

/** One term of a summary list (`<dl className="summary">`) and what it says. */
export function Fact({ term, children }: { term: ReactNode; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
