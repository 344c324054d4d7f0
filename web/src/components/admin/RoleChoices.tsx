import { roleLabel } from '../../format.ts';
import { ROLES, type Role, roleSetProblem } from '../../types.ts';
import { Messages } from '../Field.tsx';

interface Props {
  id: string;
  legend: string;
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  error?: string | undefined;
}

/**
 * The roles of an account as checkboxes. A set the server refuses (docs/separation-of-duties.md)
 * is named as it is chosen, in the server's own words (the same rule, src/app/roles.ts).
 */
export function RoleChoices({ id, legend, value, onChange, error }: Props) {
  const refusal = value.length > 0 ? roleSetProblem(value) : null;
  const toggle = (role: Role, on: boolean) =>
    onChange(on ? ROLES.filter((r) => r === role || value.includes(r)) : value.filter((r) => r !== role));
  return (
    <fieldset id={id} className={`checkboxes${error ? ' field--error' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <Messages id={id} error={error} />
      {ROLES.map((role) => (
        <label key={role}>
          <input type="checkbox" checked={value.includes(role)} onChange={(event) => toggle(role, event.target.checked)} />
          {roleLabel(role)}
        </label>
      ))}
      <div aria-live="polite">
        {refusal ? (
          <p className="alert alert--warning">
            <strong>Waypoint will refuse these roles.</strong> {refusal}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
