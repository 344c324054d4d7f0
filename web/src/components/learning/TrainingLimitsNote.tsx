/**
 * "Why before click" for training on a Service Plan (docs/policy/learner-program-rules.md): before an
 * official adds or moves training, the plan's months against its ISTHB s.44 limit and, on a new plan,
 * the date R08 lets a new training plan start.
 */
import { useQuery } from '@tanstack/react-query';
import { getLearningStreams } from '../../api.ts';
import { formatDate, planLimitsInWords } from '../../format.ts';
import { learningKeys } from './LearningStreamsSection.tsx';

/** `itemsKey` (the items' ids and versions) makes the note follow the plan's changes. */
export function TrainingLimitsNote({
  personId,
  planId,
  planItemIds,
  itemsKey,
}: {
  personId: string;
  planId: string;
  planItemIds: readonly string[];
  itemsKey: string;
}) {
  const query = useQuery({
    queryKey: [...learningKeys.ofPerson(personId), 'plan', planId, itemsKey],
    queryFn: () => getLearningStreams(personId),
  });
  const view = query.data;
  if (!view) return null;
  const count = view.plans.find((p) => p.planId === planId);
  const fundedHere = view.trainings.some((t) => planItemIds.includes(t.planItemId));
  return (
    <div className="note training-limits" role="note" aria-label="Training limits for this plan">
      <p>
        {count
          ? `This plan counts ${count.months} months of training; its limit is ${count.limitMonths} months (ISTHB s.44). `
          : 'No training counted in this plan yet. '}
        {count
          ? `${planLimitsInWords(count, view.reducedLoadMinPercent)}.`
          : 'A training plan may run 30 months (ISTHB s.44), more with an approved exception or a reduced course load.'}
      </p>
      {view.lastTraining && !fundedHere ? (
        <p>
          The last approved training ended on {formatDate(view.lastTraining.end)}: training on this plan can start on{' '}
          <strong>{formatDate(view.lastTraining.newPlanPossibleFrom)}</strong> (R08), earlier only with an approved exception.
        </p>
      ) : null}
    </div>
  );
}
