import { PROVINCES } from '../provinces.ts';
import type { Address } from '../types.ts';
import { SelectField, TextField } from './Field.tsx';

export type AddressDraft = { line1: string; line2: string; city: string; province: string; postalCode: string };
export const EMPTY_ADDRESS: AddressDraft = { line1: '', line2: '', city: '', province: '', postalCode: '' };

export function isBlankAddress(address: AddressDraft): boolean {
  return Object.values(address).every((value) => value.trim() === '');
}

export function toAddress(draft: AddressDraft): Address {
  const address: Address = {
    line1: draft.line1.trim(),
    city: draft.city.trim(),
    province: draft.province,
    postalCode: draft.postalCode.trim().toUpperCase(),
  };
  if (draft.line2.trim()) address.line2 = draft.line2.trim();
  return address;
}

interface Props {
  /** Prefix of the control ids: `${idPrefix}-line1`, … */
  idPrefix: string;
  value: AddressDraft;
  onChange: (value: AddressDraft) => void;
  /** Errors keyed by address field name (line1, city, …). */
  errors?: Partial<Record<keyof AddressDraft, string>>;
}

/** Address lines, city, province and postal code; meant to sit inside a fieldset. */
export function AddressFields({ idPrefix, value, onChange, errors = {} }: Props) {
  const set = (key: keyof AddressDraft) => (event: { target: { value: string } }) => onChange({ ...value, [key]: event.target.value });
  return (
    <>
      <TextField
        id={`${idPrefix}-line1`}
        label="Address line 1"
        autoComplete="address-line1"
        value={value.line1}
        error={errors.line1}
        onChange={set('line1')}
      />
      <TextField
        id={`${idPrefix}-line2`}
        label="Address line 2"
        optional
        autoComplete="address-line2"
        value={value.line2}
        error={errors.line2}
        onChange={set('line2')}
      />
      <div className="form-row">
        <TextField
          id={`${idPrefix}-city`}
          label="City or town"
          autoComplete="address-level2"
          value={value.city}
          error={errors.city}
          onChange={set('city')}
        />
        <SelectField
          id={`${idPrefix}-province`}
          label="Province or territory"
          autoComplete="address-level1"
          value={value.province}
          error={errors.province}
          onChange={set('province')}
        >
          <option value="">Choose…</option>
          {PROVINCES.map((province) => (
            <option key={province.code} value={province.code}>
              {province.name}
            </option>
          ))}
        </SelectField>
        <TextField
          id={`${idPrefix}-postalCode`}
          label="Postal code"
          hint="For example, T5J 2R7"
          autoComplete="postal-code"
          className="field--short"
          value={value.postalCode}
          error={errors.postalCode}
          onChange={set('postalCode')}
        />
      </div>
    </>
  );
}
