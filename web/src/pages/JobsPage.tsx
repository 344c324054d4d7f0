import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { listJobs, runJob } from '../api.ts';
import { Badge } from '../components/Badge.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SuccessMessage } from '../components/SuccessMessage.tsx';
import { formatInstant, humanize } from '../format.ts';
import { ApiForm } from '../forms/ApiForm.tsx';
import { useApiForm } from '../forms/useApiForm.ts';
import { usePageTitle } from '../hooks.ts';
import type { JobSummary, JobWithRuns } from '../types.ts';

type Run = JobWithRuns['runs'][number];

const STATUS: Record<Run['status'], { label: string; tone: 'success' | 'warning' | 'info' | 'error' }> = {
  running: { label: 'Running', tone: 'info' },
  completed: { label: 'Completed', tone: 'success' },
  failed: { label: 'Failed', tone: 'error' },
  cancelled: { label: 'Cancelled', tone: 'warning' },
};

/** "3 of 4 parts done, 1 failed" for a batch run; what a scheduled run did, from its summary. */
function runCounts(run: Run): string {
  if (run.kind === 'batch') {
    const total = Object.values(run.states).reduce((n, c) => n + c, 0);
    const done = run.states.completed ?? 0;
    const failed = run.states.failed ?? 0;
    return `${done} of ${total} ${total === 1 ? 'part' : 'parts'} done${failed > 0 ? `, ${failed} failed` : ''}`;
  }
  const summary = run.output as Partial<JobSummary> | null;
  return summary && typeof summary.examined === 'number' ? outcomeText(summary as JobSummary) : '—';
}

/** Who started a run: the schedule, a user by hand, or an operator at the command line. */
function startedByText(startedBy: Run['startedBy']): string {
  if (startedBy.by === 'user') return startedBy.displayName;
  if (startedBy.by === 'command-line') return `Command line (${startedBy.account})`;
  return 'Schedule';
}

function outcomeText(summary: Pick<JobSummary, 'examined' | 'outcomes'>): string {
  const outcomes = Object.entries(summary.outcomes).map(([kind, n]) => `${humanize(kind).toLowerCase()}: ${n}`);
  return [`${summary.examined} examined`, ...outcomes].join(', ');
}

/** The batch jobs (supervisor, administrator): each job's last runs as the queue kept them, and a way to start one. */
export function JobsPage() {
  usePageTitle('Batch jobs');
  const query = useQuery({
    queryKey: ['jobs'],
    queryFn: listJobs,
    // While a run is going, its progress is read again every few seconds.
    refetchInterval: (q) => (q.state.data?.some((job) => job.runs.some((run) => run.status === 'running')) ? 5_000 : false),
  });
  return (
    <>
      <h1>Batch jobs</h1>
      <p className="lead">The jobs the server runs on its own schedule, their last runs, and a way to start one now.</p>
      {query.isPending ? <p role="status">Loading jobs…</p> : null}
      <ProblemAlert error={query.error} />
      {(query.data ?? []).map((job) => (
        <JobSection key={job.name} job={job} />
      ))}
    </>
  );
}

function JobSection({ job }: { job: JobWithRuns }) {
  const queryClient = useQueryClient();
  const [ran, setRan] = useState<JobSummary | null>(null);
  const id = `job-${job.name}`;
  const api = useApiForm({
    id: `run-${job.name}`,
    schema: z.object({}),
    defaultValues: {},
    submit: () => {
      setRan(null);
      return runJob(job.name);
    },
    onSuccess: (summary) => {
      setRan(summary);
      queryClient.invalidateQueries({ queryKey: ['jobs'] });
    },
  });
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>{humanize(job.name)}</h2>
      <p>{job.description}</p>
      {ran ? <SuccessMessage title="The job has run">{outcomeText(ran)}.</SuccessMessage> : null}
      {job.runs.length === 0 ? (
        <p className="empty">No runs kept yet.</p>
      ) : (
        <DataTable
          caption={`Last runs of ${humanize(job.name).toLowerCase()}, newest first`}
          columns={['Started', 'Started by', 'Status', 'Counts', 'Finished']}
        >
          {job.runs.map((run) => (
            <tr key={run.id}>
              <td>{formatInstant(run.startedOn)}</td>
              <td>{startedByText(run.startedBy)}</td>
              <td>
                <Badge tone={STATUS[run.status].tone}>{STATUS[run.status].label}</Badge>
              </td>
              <td>{runCounts(run)}</td>
              <td>{run.finishedOn ? formatInstant(run.finishedOn) : '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <ApiForm api={api} label={`Run ${humanize(job.name).toLowerCase()}`}>
        <div className="actions">
          <button type="submit" className="button button--secondary" disabled={api.pending}>
            {api.pending ? 'Running…' : 'Run now'}
            <span className="visually-hidden">: {humanize(job.name).toLowerCase()}</span>
          </button>
        </div>
      </ApiForm>
    </section>
  );
}
