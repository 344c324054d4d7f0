/** A training item's course load (% of a full load), one field for adding and for updating an item. */
import type { UseFormRegisterReturn } from 'react-hook-form';
import { z } from 'zod';
import type { FieldProps } from '../../forms/useApiForm.ts';
import { TextField } from '../Field.tsx';

/** The form's text: empty for a full load, or a whole percentage from 1 to 100. */
export const courseLoadSchema = z
  .string()
  .trim()
  .refine(
    (v) => v === '' || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 100),
    'Enter a whole percentage from 1 to 100, or leave it empty for a full load',
  );

/** The form's text for an item's course load (null, a full load, is empty). */
export const courseLoadText = (percent: number | null): string => (percent === null ? '' : String(percent));

/** The value sent for the form's text: null for a full load. */
export const courseLoadValue = (text: string): number | null => (text === '' ? null : Number(text));

export function CourseLoadField(props: FieldProps & UseFormRegisterReturn) {
  return (
    <TextField
      {...props}
      label="Course load (% of a full load)"
      optional
      inputMode="numeric"
      className="field--short"
      hint="Leave empty for a full load. With a reduced load of at least 40% a plan may run 50 months (ISTHB s.44)."
    />
  );
}
