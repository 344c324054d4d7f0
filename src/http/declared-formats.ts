/**
 * Whether an answer holds what its JSON Schema declares of whole numbers and string formats
 * (`type: integer`, `format: uuid | date | date-time`; src/http/response-schemas.ts), which the
 * answers' zod schemas only declare, for speed. Used by the tests' strict serialiser on every
 * answer; the rest of the schema (members, types, enums) zod checks as it serialises.
 */

type JsonSchema = {
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly items?: JsonSchema;
  readonly prefixItems?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly const?: unknown;
};

const FORMATS: Readonly<Record<string, RegExp>> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};

/**
 * The first place where `value` breaks a declared integer or format of `schema` (a JSON pointer and
 * what was found), or null. `$ref`s point into the root's `$defs`.
 */
export function declaredFormatProblem(schema: JsonSchema, value: unknown, root: JsonSchema = schema, path = ''): string | null {
  if (schema.$ref) {
    const name = schema.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[name];
    return target ? declaredFormatProblem(target, value, root, path) : null;
  }
  for (const part of schema.allOf ?? []) {
    const problem = declaredFormatProblem(part, value, root, path);
    if (problem) return problem;
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const problems = branches.map((branch) => declaredFormatProblem(branch, value, root, path));
    return problems.includes(null) ? null : (problems[0] ?? null);
  }
  // A union's branch applies only where its constants (a `kind`) and its members fit the value.
  if ('const' in schema && schema.const !== value) return `${path || '/'}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`;
  const types = typeof schema.type === 'string' ? [schema.type] : (schema.type ?? []);
  if (value === null) return null;
  if (typeof value === 'number') {
    const integerOnly = types.includes('integer') && !types.includes('number');
    return integerOnly && !Number.isInteger(value) ? `${path || '/'}: ${value} is not a whole number` : null;
  }
  if (typeof value === 'string') {
    const pattern = schema.format ? FORMATS[schema.format] : undefined;
    return pattern && !pattern.test(value) ? `${path || '/'}: ${JSON.stringify(value)} is not a ${schema.format}` : null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const itemSchema = schema.prefixItems?.[i] ?? schema.items;
      const problem = itemSchema ? declaredFormatProblem(itemSchema, item, root, `${path}/${i}`) : null;
      if (problem) return problem;
    }
    return null;
  }
  if (typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      if (schema.additionalProperties === false && !schema.properties?.[key]) return `${path}/${key}: not a member here`;
      const memberSchema =
        schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      const problem = memberSchema ? declaredFormatProblem(memberSchema, member, root, `${path}/${key}`) : null;
      if (problem) return problem;
    }
  }
  return null;
}
