import type { FieldBinder } from '../forms/useApiForm.ts';
import { PROVINCES } from '../provinces.ts';
import type { Address } from '../types.ts';
import { CodeOptions, SelectField, TextField } from './Field.tsx';

const PROVINCE_CHOICES = PROVINCES.map(({ code, name }) => ({ code, label: name }));

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

/** Address lines, city, province and postal code; meant to sit inside a fieldset. `field` binds each to its form. */
export function AddressFields({ field }: { field: FieldBinder<keyof AddressDraft> }) {
  return (
    <>
      <TextField {...field('line1')} label="Address line 1" autoComplete="address-line1" />
      <TextField {...field('line2')} label="Address line 2" optional autoComplete="address-line2" />
      <div className="form-row">
        <TextField {...field('city')} label="City or town" autoComplete="address-level2" />
        <SelectField {...field('province')} label="Province or territory" autoComplete="address-level1">
          <CodeOptions choices={PROVINCE_CHOICES} />
        </SelectField>
        <TextField
          {...field('postalCode')}
          label="Postal code"
          hint="For example, T5J 2R7"
          autoComplete="postal-code"
          className="field--short"
        />
      </div>
    </>
  );
}
