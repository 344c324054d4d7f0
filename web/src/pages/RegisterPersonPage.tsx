import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isProblem, ProblemError, registerPerson } from '../api.ts';
import { type AddressDraft, AddressFields, EMPTY_ADDRESS, isBlankAddress, toAddress } from '../components/AddressFields.tsx';
import { RegistrationBadge } from '../components/Badge.tsx';
import { DateText } from '../components/DateText.tsx';
import { TextField } from '../components/Field.tsx';
import { fieldErrors, ProblemAlert } from '../components/ProblemAlert.tsx';
import { fullName } from '../format.ts';
import { usePageTitle } from '../hooks.ts';
import type { DuplicateCandidate, RegisterPerson } from '../types.ts';

const ID_PREFIX = 'reg';
const FIELDS = new Set([
  'givenName',
  'familyName',
  'birthDate',
  'address.line1',
  'address.line2',
  'address.city',
  'address.province',
  'address.postalCode',
  'phone',
  'email',
  'effectiveFrom',
]);

/** The control on this form for a server field name ("address.city" -> "reg-address-city"). */
function fieldId(field: string): string | null {
  const known = field === 'address' ? 'address.line1' : field;
  return FIELDS.has(known) ? `${ID_PREFIX}-${known.replace('.', '-')}` : null;
}

export function RegisterPersonPage() {
  usePageTitle('Register a person');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [address, setAddress] = useState<AddressDraft>(EMPTY_ADDRESS);
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  /** Fields left empty, caught before asking the server (it checks everything again). */
  const [missing, setMissing] = useState<ProblemError | null>(null);

  const mutation = useMutation({
    mutationFn: (acknowledgeDuplicates: boolean) => {
      const body: RegisterPerson = { givenName: givenName.trim(), familyName: familyName.trim(), birthDate };
      if (!isBlankAddress(address)) body.address = toAddress(address);
      if (phone.trim()) body.phone = phone.trim();
      if (email.trim()) body.email = email.trim();
      if (acknowledgeDuplicates) body.acknowledgeDuplicates = true;
      return registerPerson(body);
    },
    onSuccess: (person) => {
      queryClient.invalidateQueries({ queryKey: ['people'] });
      queryClient.setQueryData(['person', person.id], person);
      navigate(`/people/${person.id}`, { state: { registered: true } });
    },
  });

  const duplicates = isProblem(mutation.error, 'POSSIBLE_DUPLICATE') ? (mutation.error.problem.candidates ?? []) : null;
  const shown = missing ?? (duplicates ? null : mutation.error);
  const errors = fieldErrors(shown);
  const addressErrors = {
    line1: errors['address.line1'] ?? errors.address,
    line2: errors['address.line2'],
    city: errors['address.city'],
    province: errors['address.province'],
    postalCode: errors['address.postalCode'],
  };

  function checkRequired(): ProblemError | null {
    const found: { field: string; detail: string }[] = [];
    const need = (ok: boolean, field: string, detail: string) => ok || found.push({ field, detail });
    need(!!givenName.trim(), 'givenName', 'Enter the given name');
    need(!!familyName.trim(), 'familyName', 'Enter the family name');
    need(!!birthDate, 'birthDate', 'Enter the date of birth');
    if (!isBlankAddress(address)) {
      need(!!address.line1.trim(), 'address.line1', 'Enter address line 1, or leave the whole address empty');
      need(!!address.city.trim(), 'address.city', 'Enter the city or town');
      need(!!address.province, 'address.province', 'Choose the province or territory');
      need(!!address.postalCode.trim(), 'address.postalCode', 'Enter the postal code');
    }
    if (found.length === 0) return null;
    return new ProblemError({
      title: 'There is a problem',
      status: 400,
      errors: found.map((item) => ({ ...item, code: 'REQUIRED' })),
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problem = checkRequired();
    setMissing(problem);
    if (problem) {
      mutation.reset();
      return;
    }
    mutation.mutate(false);
  }

  return (
    <>
      <h1>Register a person</h1>
      <p className="lead">Record who the person is and how to reach them. You can add more details later.</p>

      {duplicates && !missing ? (
        <DuplicateWarning
          detail={isProblem(mutation.error) ? mutation.error.problem.detail : undefined}
          candidates={duplicates}
          pending={mutation.isPending}
          onRegisterAnyway={() => mutation.mutate(true)}
        />
      ) : (
        <ProblemAlert error={shown} fieldId={fieldId} />
      )}

      <form className="card form" onSubmit={submit} noValidate aria-label="Register a person">
        <fieldset>
          <legend>Name and date of birth</legend>
          <div className="form-row">
            <TextField
              id="reg-givenName"
              label="Given name"
              autoComplete="given-name"
              required
              value={givenName}
              error={errors.givenName}
              onChange={(event) => setGivenName(event.target.value)}
            />
            <TextField
              id="reg-familyName"
              label="Family name"
              autoComplete="family-name"
              required
              value={familyName}
              error={errors.familyName}
              onChange={(event) => setFamilyName(event.target.value)}
            />
          </div>
          <TextField
            id="reg-birthDate"
            label="Date of birth"
            type="date"
            required
            className="field--short"
            value={birthDate}
            error={errors.birthDate}
            onChange={(event) => setBirthDate(event.target.value)}
          />
        </fieldset>

        <fieldset>
          <legend>
            Address <span className="optional">(optional)</span>
          </legend>
          <AddressFields idPrefix="reg-address" value={address} onChange={setAddress} errors={addressErrors} />
        </fieldset>

        <fieldset>
          <legend>
            Phone and email <span className="optional">(optional)</span>
          </legend>
          <div className="form-row">
            <TextField
              id="reg-phone"
              label="Phone"
              type="tel"
              autoComplete="tel"
              value={phone}
              error={errors.phone}
              onChange={(event) => setPhone(event.target.value)}
            />
            <TextField
              id="reg-email"
              label="Email"
              type="email"
              autoComplete="email"
              spellCheck={false}
              value={email}
              error={errors.email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
        </fieldset>

        <div className="actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? 'Registering…' : 'Register person'}
          </button>
          <Link to="/" className="button button--link">
            Cancel
          </Link>
        </div>
      </form>
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
        <div className="table-wrap">
          <table className="table table--compact">
            <caption className="visually-hidden">Possible duplicates</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Name</th>
                <th scope="col">Date of birth</th>
                <th scope="col">Why suggested</th>
                <th scope="col">Registration</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      ) : null}
      <p>If this is a different person, register them anyway.</p>
      <button type="button" className="button button--secondary" onClick={onRegisterAnyway} disabled={pending}>
        Register anyway
      </button>
    </section>
  );
}
