import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { type CaseloadFilter, myCaseload } from '../api.ts';
import { SelectField, TextField } from '../components/Field.tsx';
import { CaseloadTable } from '../components/home/CaseloadTable.tsx';
import { PageCount, Pager } from '../components/Pager.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { ApiForm } from '../forms/ApiForm.tsx';
import { useApiForm } from '../forms/useApiForm.ts';
import { usePageTitle } from '../hooks.ts';

const PAGE_SIZE = 20;

const PLAN_FILTERS = [
  ['', 'Any'],
  ['open', 'Open: not yet accepted'],
  ['active', 'Active'],
  ['closed', 'Closed'],
  ['exited', 'Exited'],
  ['none', 'No plan yet'],
] as const;

type PlanFilter = NonNullable<CaseloadFilter['planStatus']>;
const isPlanFilter = (value: string | null): value is PlanFilter => PLAN_FILTERS.some(([code]) => code !== '' && code === value);

const schema = z.object({ planStatus: z.string(), dueBy: z.string() });

/**
 * My caseload: the people whose open plan items or open Integrated Case I hold, soonest next due
 * date first, a page at a time. The filters live in the address (no personal data in them), so a
 * filtered list can be bookmarked and Back returns to it.
 */
export function CaseloadPage() {
  usePageTitle('My caseload');
  const [params, setParams] = useSearchParams();
  const planParam = params.get('planStatus');
  const planStatus = isPlanFilter(planParam) ? planParam : undefined;
  const dueBy = params.get('dueBy') ?? '';
  const offset = Math.max(Number(params.get('offset') ?? 0) || 0, 0);
  const filter: CaseloadFilter = {
    limit: PAGE_SIZE,
    ...(planStatus && { planStatus }),
    ...(dueBy && { dueBy }),
    ...(offset > 0 && { offset }),
  };
  const caseload = useQuery({ queryKey: ['caseload', filter], queryFn: () => myCaseload(filter) });

  const show = (next: { planStatus: string; dueBy: string; offset?: number }) => {
    const search = new URLSearchParams();
    if (next.planStatus) search.set('planStatus', next.planStatus);
    if (next.dueBy) search.set('dueBy', next.dueBy);
    if (next.offset) search.set('offset', String(next.offset));
    setParams(search);
  };
  const api = useApiForm({
    id: 'caseload-filter',
    schema,
    defaultValues: { planStatus: planStatus ?? '', dueBy },
    submit: async (next: { planStatus: string; dueBy: string }) => show(next),
  });
  const { reset } = api.form;
  useEffect(() => reset({ planStatus: planStatus ?? '', dueBy }), [reset, planStatus, dueBy]);
  const filtered = planStatus !== undefined || dueBy !== '';

  return (
    <>
      <h1>My caseload</h1>
      <p className="lead">People whose plan items or open case you hold, soonest due first.</p>
      <search className="card search-form" aria-label="Filter my caseload">
        <ApiForm api={api} className="">
          <div className="form-row form-row--bottom">
            <SelectField {...api.field('planStatus')} label="Plan status">
              {PLAN_FILTERS.map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </SelectField>
            <TextField {...api.field('dueBy')} label="Next due on or before" type="date" />
            <div className="form-row__actions">
              <button type="submit" className="button">
                Apply filters
              </button>
              {filtered ? (
                <button type="button" className="button button--secondary" onClick={() => show({ planStatus: '', dueBy: '' })}>
                  Clear filters
                </button>
              ) : null}
            </div>
          </div>
        </ApiForm>
      </search>
      <section aria-labelledby="caseload-heading" className="results">
        <h2 id="caseload-heading">{filtered ? 'People matching the filters' : 'People on my caseload'}</h2>
        {caseload.isPending ? <p role="status">Loading your caseload…</p> : null}
        <ProblemAlert error={caseload.error} />
        {caseload.data ? (
          caseload.data.people.length === 0 && offset === 0 ? (
            <p className="empty" role="status">
              {filtered ? 'No one on your caseload matches these filters.' : 'No one is on your caseload yet.'}
            </p>
          ) : (
            <>
              <PageCount page={caseload.data.page} shown={caseload.data.people.length} noun={['person', 'people']} />
              <CaseloadTable caseload={caseload.data} caption="My caseload, soonest due first" />
              <Pager
                page={caseload.data.page}
                label="Caseload pages"
                onPage={(next) => show({ planStatus: planStatus ?? '', dueBy, offset: next })}
              />
            </>
          )
        ) : null}
      </section>
    </>
  );
}
