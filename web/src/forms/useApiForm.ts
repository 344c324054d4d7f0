import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  type DefaultValues,
  type FieldValues,
  get,
  type Path,
  type PathValue,
  type RegisterOptions,
  type UseFormRegisterReturn,
  type UseFormReturn,
  useForm,
} from 'react-hook-form';
import type { z } from 'zod';
import type { SummaryItem } from '../components/ProblemAlert.tsx';
import { humanize } from '../format.ts';
import { fieldProblems } from './problems.ts';

/** A form's schema: an object of its fields, what the server is sent after parsing. */
export type FormSchema = z.ZodType<FieldValues, FieldValues>;

export interface ApiFormOptions<S extends FormSchema, R, E> {
  /** Prefix of the control ids: the field `address.city` is the control `${id}-address-city`. */
  id: string;
  /** Required fields and the rules checked before asking the server (which checks everything again). */
  schema: S;
  defaultValues: DefaultValues<z.input<S>>;
  /** Calls the API with the parsed values; `extra` is what `resubmit` adds (an acknowledged warning...). */
  submit: (values: z.output<S>, extra: E | undefined) => Promise<R>;
  onSuccess?: (result: R, values: z.output<S>, extra: E | undefined) => unknown;
  /** After the summary is shown for a failed request (to clear a password, say). */
  onError?: (error: unknown) => void;
  /** Offered on a 409 VERSION_CONFLICT: fetch the record again (what was typed is kept). */
  onReload?: () => void;
  /** Server field names that are not paths of this form's values: server name -> form field. */
  aliases?: Readonly<Record<string, string>> | ((field: string, values: z.input<S>) => string | undefined);
}

export interface FieldProps {
  id: string;
  error: string | undefined;
}

/** Props for the control of one field, by name (a group of fields such as an address takes one). */
export type FieldBinder<K extends string = string> = (name: K) => FieldProps & UseFormRegisterReturn;

export interface ApiForm<S extends FormSchema, _R = unknown, E = undefined> {
  id: string;
  form: UseFormReturn<z.input<S>, unknown, z.output<S>>;
  /** The control id of a field. */
  controlId: (field: string) => string;
  /** Props for a TextField, SelectField or TextAreaField: id, error and react-hook-form's registration. */
  field: (name: Path<z.input<S>>, options?: RegisterOptions<z.input<S>>) => FieldProps & UseFormRegisterReturn;
  /** The message shown for a field (a control of its own, such as a picker, shows it). */
  errorOf: (name: string) => string | undefined;
  /** Props for a RadioGroup (a controlled value). */
  choice: <V extends string = string>(name: Path<z.input<S>>) => FieldProps & { name: string; value: V | ''; onChange: (value: V) => void };
  onSubmit: (event: FormEvent) => void;
  /** Sends the last submitted values again with `extra` (after the person confirms a warning). */
  resubmit: (extra: E) => void;
  /** Checks and sends the form with `extra` (a second submit button: a preview, say). */
  submitWith: (extra: E) => void;
  /** The `extra` of the request under way (which button sent it). */
  sending: E | undefined;
  /** Sends values without checking them here (a button beside the form that needs none of its fields). */
  send: (values: z.output<S>, extra: E) => void;
  /** Forgets the server's answer (closing a warning). */
  reset: () => void;
  pending: boolean;
  /** The last request succeeded (and nothing was submitted since). */
  succeeded: boolean;
  /** The server's refusal, if the last request failed. */
  error: unknown;
  /** A confirmation shown at the top of a form that stays open after saving; cleared on the next submit. */
  saved: { text: string; focus: boolean } | null;
  /** Shows a confirmation; with `focus`, focus moves to it (the button used may be gone). */
  setSaved: (text: string, focus?: boolean) => void;
  summary: {
    error: unknown;
    items: SummaryItem[];
    fieldId: (field: string) => string | null;
    onReload: () => void;
    ref: React.RefObject<HTMLDivElement | null>;
  };
}

/** react-hook-form's errors, flattened to dotted paths in the order the fields were declared. */
function clientErrors(errors: FieldValues, prefix = ''): [string, string][] {
  return Object.entries(errors).flatMap(([key, value]): [string, string][] => {
    if (!value || typeof value !== 'object') return [];
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value.message === 'string' ? [[path, value.message]] : clientErrors(value as FieldValues, path);
  });
}

/**
 * One form over one API call: required fields from a zod schema, the server's problem+json field
 * errors mapped onto the fields (unknown ones only in the summary), a version conflict offered a
 * reload, and focus on the error summary after a failed submit. Render it with <ApiForm>.
 */
export function useApiForm<S extends FormSchema, R = unknown, E = undefined>(options: ApiFormOptions<S, R, E>): ApiForm<S, R, E> {
  const { id, schema, defaultValues, aliases = {} } = options;
  // The schema may close over props (the record as last fetched): the latest one is used.
  const latestSchema = useRef(schema);
  latestSchema.current = schema;
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: (values, context, resolverOptions) =>
      zodResolver(latestSchema.current as never)(values as never, context, resolverOptions as never) as never,
    defaultValues,
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    // The error summary takes focus instead (GOV.UK pattern); its links lead to each field.
    shouldFocusError: false,
  });
  const summaryRef = useRef<HTMLDivElement>(null);
  // Set by a failed submit; the summary is focused once it is on the page (react-hook-form
  // reports invalid fields before it publishes their errors, so that is a render later).
  const focusSummary = useRef(false);
  const failed = () => {
    focusSummary.current = true;
  };
  const [saved, setSavedState] = useState<{ text: string; focus: boolean } | null>(null);
  const last = useRef<z.output<S> | null>(null);
  const formField = (serverField: string): string | null => {
    const name = (typeof aliases === 'function' ? aliases(serverField, form.getValues()) : aliases[serverField]) ?? serverField;
    // A row added after the form opened is a field too: the current values are asked first.
    return get(form.getValues(), name) === undefined && get(defaultValues, name) === undefined ? null : name;
  };
  const controlId = (field: string) => `${id}-${field.replaceAll('.', '-')}`;

  const mutation = useMutation({
    mutationFn: ({ values, extra }: { values: z.output<S>; extra: E | undefined }) => options.submit(values, extra),
    onSuccess: (result, { values, extra }) => options.onSuccess?.(result, values, extra),
    onError: (error) => {
      for (const item of fieldProblems(error)) {
        const name = formField(item.field);
        if (name && !get(form.formState.errors, name)) {
          form.setError(name as Path<z.input<S>>, { type: 'server', message: item.detail || humanize(item.code) });
        }
      }
      failed();
      options.onError?.(error);
    },
  });

  useEffect(() => {
    if (focusSummary.current && summaryRef.current) {
      focusSummary.current = false;
      summaryRef.current.focus();
    }
  });

  const check = (extra: E | undefined) => {
    mutation.reset();
    setSavedState(null);
    return form.handleSubmit((values) => {
      last.current = values;
      mutation.mutate({ values, extra });
    }, failed);
  };

  const errors = form.formState.errors;
  const error = mutation.error;
  const items = error ? [] : clientErrors(errors).map(([name, message]) => ({ text: message, target: controlId(name) }));
  const messageOf = (name: string): string | undefined => (get(errors, name) as { message?: string } | undefined)?.message;

  return {
    id,
    form,
    controlId,
    errorOf: messageOf,
    field: (name, registerOptions) => ({ id: controlId(name), error: messageOf(name), ...form.register(name, registerOptions) }),
    choice: <V extends string = string>(name: Path<z.input<S>>) => ({
      id: controlId(name),
      name: controlId(name),
      error: messageOf(name),
      value: (form.watch(name) ?? '') as V | '',
      onChange: (value: V) => form.setValue(name, value as PathValue<z.input<S>, Path<z.input<S>>>),
    }),
    onSubmit: (event) => check(undefined)(event),
    submitWith: (extra) => check(extra)(),
    sending: mutation.isPending ? mutation.variables?.extra : undefined,
    resubmit: (extra) => {
      if (last.current) mutation.mutate({ values: last.current, extra });
    },
    send: (values, extra) => {
      setSavedState(null);
      mutation.mutate({ values, extra });
    },
    reset: () => mutation.reset(),
    pending: mutation.isPending,
    succeeded: mutation.isSuccess,
    error,
    saved,
    setSaved: (text, focus = false) => setSavedState({ text, focus }),
    summary: {
      error,
      items,
      fieldId: (field) => {
        const name = formField(field);
        return name ? controlId(name) : null;
      },
      onReload: () => {
        mutation.reset();
        options.onReload?.();
      },
      ref: summaryRef,
    },
  };
}
