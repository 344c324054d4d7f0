import type { ReactNode } from 'react';

export function Badge({ tone, children }: { tone: 'success' | 'warning' | 'neutral' | 'info'; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

export function RegistrationBadge({ complete }: { complete: boolean }) {
  return complete ? <Badge tone="success">Registration complete</Badge> : <Badge tone="warning">Registration incomplete</Badge>;
}
