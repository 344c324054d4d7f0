import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { EMAIL_TEXT, PHONE_PATTERN, PHONE_TEXT, POSTAL_CODE_PATTERN, POSTAL_CODE_TEXT } from '../../../src/app/contact-rules.ts';
import { BIRTH_DATE_IN_FUTURE } from '../../../src/domain/people/registration-texts.ts';
import { isProblem, newIdempotencyKey, registerPerson } from '../api.ts';
import { type AddressDraft, AddressFields, EMPTY_ADDRESS, isBlankAddress, toAddress } from '../components/AddressFields.tsx';
import { RegistrationBadge } from '../components/Badge.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { DateText } from '../components/DateText.tsx';
import { TextField } from '../components/Field.tsx';
import { fullName } from '../format.ts';
import { ApiForm, ErrorSummary } from '../forms/ApiForm.tsx';
import { BIRTH_DATE_TOO_EARLY, EARLIEST_DATE, optional, required } from '../forms/schema.ts';
import { useApiForm } from '../forms/useApiForm.ts';
import { usePageTitle } from '../hooks.ts';
import { useToday } from '../session.ts';
import type { DuplicateCandidate, RegisterPerson } from '../types.ts';

const address = z.object({ line1: optional(), line2: optional(), city: optional(), province: z.string(), postalCode: optional() });

/** The form's rules; a date of birth may be at most `today`, the ministry's (useToday). */
const schemaFor = (today: string) =>
  z
    .object({
      givenName: required('Enter the given name'),
      familyName: required('Enter the family name'),
      birthDate: required('Enter the date of birth'),
      address,
      phone: optional(),
      email: optional(),
    })
    .superRefine(({ birthDate, email, phone, address }, ctx) => {
      // Checked here as the server checks them, so that they are told with every other problem at once.
      if (birthDate && birthDate > today) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: BIRTH_DATE_IN_FUTURE });
      if (birthDate && birthDate < EARLIEST_DATE) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: BIRTH_DATE_TOO_EARLY });
      if (email && !z.email().safeParse(email).success) ctx.addIssue({ code: 'custom', path: ['email'], message: EMAIL_TEXT });
      if (phone && !PHONE_PATTERN.test(phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: PHONE_TEXT });
      if (isBlankAddress(address)) return;
      const need = (ok: boolean, field: keyof AddressDraft, message: string) =>
        ok || ctx.addIssue({ code: 'custom', path: ['address', field], message });
      need(!!address.line1, 'line1', 'Enter address line 1, or leave the whole address empty');
      need(!!address.city, 'city', 'Enter the city or town');
      need(!!address.province, 'province', 'Choose the province or territory');
      need(!!address.postalCode, 'postalCode', 'Enter the postal code');
      if (address.postalCode) need(POSTAL_CODE_PATTERN.test(address.postalCode.toUpperCase()), 'postalCode', POSTAL_CODE_TEXT);
    });

export function RegisterPersonPage() {
  usePageTitle('Register a person');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const today = useToday();
  const schema = useMemo(() => schemaFor(today), [today]);
  // One key for every try of this registration (the page is left once it is made; a refused try keeps
  // nothing, so "Register anyway" sends it again): a retry never registers the person twice.
  const [key] = useState(newIdempotencyKey);
  const api = useApiForm({
    id: 'reg',
    schema,
    defaultValues: { givenName: '', familyName: '', birthDate: '', address: EMPTY_ADDRESS, phone: '', email: '' },
    aliases: { address: 'address.line1' },
    submit: ({ givenName, familyName, birthDate, address, phone, email }, acknowledgeDuplicates?: boolean) => {
      const body: RegisterPerson = { givenName, familyName, birthDate };
      if (!isBlankAddress(address)) body.address = toAddress(address);
      if (phone) body.phone = phone;
      if (email) body.email = email;
      if (acknowledgeDuplicates) body.acknowledgeDuplicates = true;
      return registerPerson(body, key);
    },
    onSuccess: (person) => {
      queryClient.invalidateQueries({ queryKey: ['people'] });
      queryClient.setQueryData(['person', person.id], person);
      navigate(`/people/${person.id}`, { state: { registered: true } });
    },
  });
  const duplicates = isProblem(api.error, 'POSSIBLE_DUPLICATE') ? (api.error.problem.candidates ?? []) : null;

  return (
    <>
      <h1>Register a person</h1>
      <p className="lead">Record who the person is and how to reach them. You can add more details later.</p>

      {duplicates ? (
        <DuplicateWarning
          detail={isProblem(api.error) ? api.error.problem.detail : undefined}
          candidates={duplicates}
          pending={api.pending}
          onRegisterAnyway={() => api.resubmit(true)}
        />
      ) : (
        <ErrorSummary api={api} />
      )}

      <ApiForm api={api} className="card form" label="Register a person" summary={false}>
        <fieldset>
          <legend>Name and date of birth</legend>
          <div className="form-row">
            <TextField {...api.field('givenName')} label="Given name" autoComplete="given-name" required />
            <TextField {...api.field('familyName')} label="Family name" autoComplete="family-name" required />
          </div>
          <TextField {...api.field('birthDate')} label="Date of birth" type="date" required className="field--short" />
        </fieldset>

        <fieldset>
          <legend>
            Address <span className="optional">(optional)</span>
          </legend>
          <AddressFields field={(name) => api.field(`address.${name}`)} />
        </fieldset>

        <fieldset>
          <legend>
            Phone and email <span className="optional">(optional)</span>
          </legend>
          <div className="form-row">
            <TextField {...api.field('phone')} label="Phone" type="tel" autoComplete="tel" />
            <TextField {...api.field('email')} label="Email" type="email" autoComplete="email" spellCheck={false} />
          </div>
        </fieldset>

        <div className="actions">
          <button type="submit" className="button" disabled={api.pending}>
            {api.pending ? 'Registering…' : 'Register person'}
          </button>
          <Link to="/" className="button button--link">
            Cancel
          </Link>
        </div>
      </ApiForm>
    </>
  );
}

function DuplicateWarning({
  detail,
  candidates,
  pending,
  onRegisterAnyway,
}: {
  detail: string | undefined;
  candidates: DuplicateCandidate[];
  pending: boolean;
  onRegisterAnyway: () => void;
}) {
  return (
    <section className="alert alert--warning" aria-labelledby="duplicates-heading">
      <div role="alert">
        <h2 id="duplicates-heading" className="alert__title">
          This person may already be registered
        </h2>
        <p>
          {detail ??
            `${candidates.length === 1 ? 'One person has' : `${candidates.length} people have`} a similar name and date of birth. Check before registering someone twice.`}
        </p>
      </div>
      {candidates.length ? (
        <DataTable
          caption="Possible duplicates"
          columns={['Reference', 'Name', 'Date of birth', 'Why suggested', 'Registration']}
          className="table--compact"
        >
          {candidates.map((person) => (
            <tr key={person.id}>
              <td className="mono">{person.reference}</td>
              <td>
                <Link to={`/people/${person.id}`}>{fullName(person)}</Link>
              </td>
              <td>
                <DateText value={person.birthDate} />
              </td>
              <td>
                <ul className="plain-list duplicate-reasons">
                  {(person.reasons ?? []).map((reason) => (
                    <li key={reason.code}>{reason.text[0]!.toUpperCase() + reason.text.slice(1)}</li>
                  ))}
                </ul>
              </td>
              <td>
                <RegistrationBadge complete={person.registrationComplete} />
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <p>If this is a different person, register them anyway.</p>
      <button type="button" className="button button--secondary" onClick={onRegisterAnyway} disabled={pending}>
        Register anyway
      </button>
    </section>
  );
}
