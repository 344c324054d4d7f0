import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { getPerson, isProblem } from '../api.ts';
import { RegistrationBadge } from '../components/Badge.tsx';
import { DateText } from '../components/DateText.tsx';
import { Disclosure } from '../components/Disclosure.tsx';
import { Fact } from '../components/Fact.tsx';
import { LearningStreamsSection } from '../components/learning/LearningStreamsSection.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { BreakGlass } from '../components/person/BreakGlass.tsx';
import { CaseSection } from '../components/person/CaseSection.tsx';
import { ContactDetails } from '../components/person/ContactDetails.tsx';
import { ContactsSection } from '../components/person/ContactsSection.tsx';
import { CorrectPersonForm } from '../components/person/CorrectPersonForm.tsx';
import { HouseholdSection } from '../components/person/HouseholdSection.tsx';
import { LearnerSupportSection } from '../components/person/LearnerSupportSection.tsx';
import { PersonAtAGlance } from '../components/person/PersonAtAGlance.tsx';
import { ReadinessSection } from '../components/person/ReadinessSection.tsx';
import { Relationships } from '../components/person/Relationships.tsx';
import { ServicePlansSection } from '../components/person/ServicePlansSection.tsx';
import { SectionLinks } from '../components/SectionLinks.tsx';
import { fullName, humanize } from '../format.ts';
import { personKeys, usePageTitle } from '../hooks.ts';
import { hasAnyRole, isReadOnly, mayOffer, useSession } from '../session.ts';
import type { Person } from '../types.ts';

const SECTIONS = [
  ['contact', 'Contact details'],
  ['relationships', 'Relationships'],
  ['household', 'Household'],
  ['case', 'Integrated Case'],
  ['readiness', 'Service Plan readiness'],
  ['plans', 'Service Plan'],
  ['learner-support', 'Learner income support'],
  ['learning-streams', 'Learning streams'],
  ['contacts', 'Contacts'],
] as const;

export function PersonPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { data: user } = useSession();
  const query = useQuery({ queryKey: personKeys.person(id), queryFn: () => getPerson(id) });
  const person = query.data;
  // The reference, not the name: titles end up in browser history.
  usePageTitle(person ? `Person ${person.reference}` : 'Person');

  if (query.isPending) return <p role="status">Loading person…</p>;
  if (isProblem(query.error, 'NOT_ON_CASELOAD')) return <BreakGlass personId={id} refusal={query.error} />;
  if (query.isError || !person) {
    return (
      <>
        <h1>Person</h1>
        <ProblemAlert error={query.error} />
        <p>
          <Link to="/people">Find a person</Link>
        </p>
      </>
    );
  }

  const readOnly = isReadOnly(user);
  const justRegistered = (location.state as { registered?: boolean } | null)?.registered === true;
  return (
    <>
      {justRegistered ? (
        <div className="alert alert--success" role="status">
          <p className="alert__title">Person registered</p>
          <p>
            {fullName(person)} has reference <span className="mono">{person.reference}</span>.
          </p>
        </div>
      ) : null}
      <PersonHeader
        person={person}
        showAudit={hasAnyRole(user, 'auditor', 'supervisor')}
        canCorrect={!readOnly && mayOffer(user, 'person.update')}
      />
      {readOnly ? <p className="note">You have read-only access: you can see this record but not change it.</p> : null}
      <nav className="toc" aria-labelledby="toc-heading">
        <h2 id="toc-heading" className="toc__heading">
          On this page
        </h2>
        <SectionLinks sections={SECTIONS} />
      </nav>
      <ContactDetails person={person} readOnly={readOnly} />
      <Relationships person={person} readOnly={readOnly} />
      <HouseholdSection person={person} />
      <CaseSection person={person} readOnly={readOnly} />
      <ReadinessSection personId={person.id} />
      <ServicePlansSection person={person} canCreate={mayOffer(user, 'plan.write')} />
      <LearnerSupportSection person={person} />
      <LearningStreamsSection personId={person.id} />
      <ContactsSection person={person} canRecord={mayOffer(user, 'interaction.write')} />
    </>
  );
}

function PersonHeader({ person, showAudit, canCorrect }: { person: Person; showAudit: boolean; canCorrect: boolean }) {
  const { registration } = person;
  return (
    <div className="person-header">
      <div className="person-header__title">
        <h1>{fullName(person)}</h1>
        {showAudit ? (
          <Link className="button button--secondary" to={`/people/${person.id}/audit`}>
            Audit trail
          </Link>
        ) : null}
      </div>
      <dl className="summary summary--inline">
        <div>
          <dt>Reference</dt>
          <dd className="mono">{person.reference}</dd>
        </div>
        <Fact term="Date of birth">
          <DateText value={person.birthDate} />
        </Fact>
        <Fact term="Registration">
          <RegistrationBadge complete={registration.complete} />
        </Fact>
      </dl>
      <PersonAtAGlance person={person} />
      {!registration.complete && registration.missing.length ? (
        <div className="callout">
          <p>To complete the registration, record:</p>
          <ul>
            {registration.missing.map((field) => (
              <li key={field}>{humanize(field)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {canCorrect ? (
        <Disclosure label="Correct name or date of birth…">{(close) => <CorrectPersonForm person={person} onClose={close} />}</Disclosure>
      ) : null}
    </div>
  );
}
