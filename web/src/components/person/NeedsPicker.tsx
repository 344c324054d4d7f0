import type { Need } from '../../types.ts';
import { Messages } from '../Field.tsx';

interface Props {
  idPrefix: string;
  catalogue: Need[];
  needs: string[];
  primaryNeed: string;
  onChange: (needs: string[], primaryNeed: string) => void;
  errors?: { needs?: string | undefined; primaryNeed?: string | undefined };
}

/** Needs identified (several) and the one Primary Need among them, which sets the plan's goal. */
export function NeedsPicker({ idPrefix, catalogue, needs, primaryNeed, onChange, errors = {} }: Props) {
  const chosen = catalogue.filter((need) => needs.includes(need.code));
  function toggle(code: string, on: boolean) {
    const next = on ? [...needs, code] : needs.filter((c) => c !== code);
    onChange(next, next.includes(primaryNeed) ? primaryNeed : next.length === 1 ? (next[0] ?? '') : '');
  }
  return (
    <>
      <fieldset
        id={`${idPrefix}-needs`}
        className={`checkboxes${errors.needs ? ' field--error' : ''}`}
        aria-describedby={errors.needs ? `${idPrefix}-needs-error` : undefined}
      >
        <legend>Needs identified</legend>
        <Messages id={`${idPrefix}-needs`} error={errors.needs} />
        {catalogue.map((need) => (
          <label key={need.code}>
            <input type="checkbox" checked={needs.includes(need.code)} onChange={(event) => toggle(need.code, event.target.checked)} />
            {need.label}
          </label>
        ))}
      </fieldset>
      <fieldset
        id={`${idPrefix}-primaryNeed`}
        className={`radios${errors.primaryNeed ? ' field--error' : ''}`}
        aria-describedby={[`${idPrefix}-primaryNeed-hint`, errors.primaryNeed ? `${idPrefix}-primaryNeed-error` : '']
          .filter(Boolean)
          .join(' ')}
      >
        <legend>Primary Need</legend>
        <Messages
          id={`${idPrefix}-primaryNeed`}
          hint="Exactly one of the needs identified. It sets the Service Plan’s goal."
          error={errors.primaryNeed}
        />
        {chosen.length === 0 ? <p className="muted">Choose the needs identified first.</p> : null}
        {chosen.map((need) => (
          <label key={need.code}>
            <input
              type="radio"
              name={`${idPrefix}-primary`}
              checked={primaryNeed === need.code}
              onChange={() => onChange(needs, need.code)}
            />
            {need.label} <span className="muted">— goal: {need.goal}</span>
          </label>
        ))}
      </fieldset>
    </>
  );
}
