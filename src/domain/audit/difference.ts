/**
 * An audit event's before and after as a readable difference (docs/audit-integrity.md): one line per
 * field that changed, its label, and both values as text, with record ids shown as their references
 * or names. Pure: the caller supplies the labels of the ids.
 */

export interface FieldChange {
  /** The field's label ("Family name"); nested fields are joined ("Address, city"). */
  readonly field: string;
  /** The value before and after as text; null where the field was absent. */
  readonly before: string | null;
  readonly after: string | null;
}

/** `familyName` → "Family name"; `personId` → "Person". */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/Id$/, '')
    .replace(/_id$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value as text; strings that are ids with a label show the label. */
export function valueText(value: unknown, labelOf: (id: string) => string | undefined): string | null {
  if (value === undefined) return null;
  if (value === null) return '(none)';
  if (typeof value === 'string') return labelOf(value) ?? value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => valueText(v, labelOf) ?? '').join(', ') : '(none)';
  if (Object.keys(value).length === 0) return '(none)';
  return Object.entries(value)
    .map(([k, v]) => `${fieldLabel(k)}: ${valueText(v, labelOf) ?? ''}`)
    .join('; ');
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields that differ between before and after (objects are compared one level down, so an
 * address shows which of its parts changed). A value that is not an object is one field, "Value".
 */
export function differences(before: unknown, after: unknown, labelOf: (id: string) => string | undefined, prefix = ''): FieldChange[] {
  if (!isRecord(before) && !isRecord(after)) {
    if (same(before ?? null, after ?? null)) return [];
    return [{ field: prefix || 'Value', before: valueText(before ?? undefined, labelOf), after: valueText(after ?? undefined, labelOf) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.flatMap((key) => {
    const label = prefix ? `${prefix}, ${fieldLabel(key).toLowerCase()}` : fieldLabel(key);
    if (same(b[key], a[key])) return [];
    if (!prefix && (isRecord(b[key]) || isRecord(a[key]))) return differences(b[key], a[key], labelOf, label);
    return [{ field: label, before: valueText(b[key], labelOf), after: valueText(a[key], labelOf) }];
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id (UUID) among the values, at any depth, so their labels can be looked up together. */
export function idsIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (UUID.test(value)) into.add(value.toLowerCase());
  } else if (Array.isArray(value)) for (const v of value) idsIn(v, into);
  else if (isRecord(value)) for (const v of Object.values(value)) idsIn(v, into);
  return into;
}

export const isId = (text: string): boolean => UUID.test(text);
