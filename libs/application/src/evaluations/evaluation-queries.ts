import { localDateOf, type DeadlineContext } from '@lacak/deadlines';
import { type Actor, type OrganisationTree, type RecommendationStatus, canSeeAgency, canSeeEvaluation, isActionComplete, readScope } from '@lacak/domain';
import { EVALUATIONS_COLLECTION, type EvaluationDocument, type OmitFields } from '@lacak/projections';
import type { Filter, ReadStore } from '@lacak/read-store';
import { assertMayRun } from '../queries/query-access';

/** An evaluation as its readers see it: the read model's document without the store's bookkeeping, its revision a string of digits as everywhere in the API. */
export type EvaluationView = OmitFields<EvaluationDocument, '_id' | 'lastPosition' | 'agencyPath' | 'earliestOpenDueDate' | 'revision'> & { revision: string };

const viewOf = ({ _id, lastPosition, agencyPath, earliestOpenDueDate, revision, ...view }: EvaluationDocument): EvaluationView => ({
  ...view,
  revision: String(revision),
});

export interface EvaluationQueryContext {
  readStore: ReadStore;
  tree: OrganisationTree;
}

const evaluations = (readStore: ReadStore) => readStore.collection<EvaluationDocument>(EVALUATIONS_COLLECTION);

/** One evaluation; null when unknown or outside the actor's reach (the two look the same). */
export class GetEvaluation {
  constructor(private readonly context: EvaluationQueryContext) {}

  async run(actor: Actor, evaluationId: string): Promise<EvaluationView | null> {
    assertMayRun('get-evaluation', actor);
    const document = await evaluations(this.context.readStore).findOne({ _id: evaluationId });
    return document && canSeeEvaluation(actor, document.agencyId, this.context.tree) ? viewOf(document) : null;
  }
}

export interface EvaluationFilter {
  /** Evaluations of this agency and every agency below it. */
  agencyId?: string;
  year?: number;
}

/** At most this many evaluations in one answer: one per agency and year, a province's for a few years. */
export const EVALUATION_LIST_LIMIT = 1000;

/** The subtree filter of the actor's reach, or null when it reaches nothing. */
function reachFilter(actor: Actor): string | undefined | null {
  const reach = readScope(actor);
  return reach.kind === 'everything' ? undefined : reach.kind === 'subtree' ? reach.agencyId : null;
}

/** Evaluations within the actor's reach, newest year first; an agency filter outside the reach lists none. */
export class ListEvaluations {
  constructor(private readonly context: EvaluationQueryContext) {}

  async run(actor: Actor, filter: EvaluationFilter = {}): Promise<EvaluationView[]> {
    assertMayRun('list-evaluations', actor);
    const reach = reachFilter(actor);
    if (reach === null) return [];
    const paths = [reach, filter.agencyId].filter((path): path is string => path !== undefined);
    const query: Filter = {};
    if (paths.length > 0) query.agencyPath = paths.length === 1 ? paths[0] : { $all: paths };
    if (filter.year !== undefined) query.year = filter.year;
    const found = await evaluations(this.context.readStore).find(query, { sort: { year: -1, agencyId: 1 }, limit: EVALUATION_LIST_LIMIT });
    return found.map(viewOf);
  }
}

/** An action of an agency's plan past its due date and not complete, with how long it has been overdue. */
export interface OverdueAction {
  evaluationId: string;
  agencyId: string;
  year: number;
  recommendationId: string;
  recommendationText: string;
  recommendationStatus: RecommendationStatus;
  actionId: string;
  description: string;
  owner: string;
  /** Local date `YYYY-MM-DD`. */
  dueDate: string;
  percent: number;
  /** Calendar days from the due date to `today` (ageing): 1 the day after it was due. */
  daysOverdue: number;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Days an action is overdue on `today` (a local date): past its due date and not complete; null otherwise. */
export const daysOverdueOf = (action: { dueDate: string; percent: number }, today: string): number | null =>
  !isActionComplete(action) && action.dueDate < today ? daysBetween(action.dueDate, today) : null;

/**
 * The overdue action-plan items of a node's subtree, most overdue first: actions due before `today`
 * (a local date) and not complete. Null when the node is unknown or outside the actor's reach.
 * `today` defaults to the node's local date now.
 */
export class ListOverdueActions {
  constructor(private readonly context: EvaluationQueryContext & { deadlines: Pick<DeadlineContext, 'zoneOf'>; now: () => Date }) {}

  async run(actor: Actor, nodeId: string, today?: string): Promise<OverdueAction[] | null> {
    assertMayRun('list-overdue-actions', actor);
    const { tree, readStore, deadlines, now } = this.context;
    if (!tree.has(nodeId) || !canSeeAgency(actor, nodeId, tree)) return null;
    const asOf = today ?? localDateOf(now().toISOString(), deadlines.zoneOf(nodeId));
    // Only evaluations with an open action due before today are read, through the path and due-date index.
    const found = await evaluations(readStore).find({ agencyPath: nodeId, earliestOpenDueDate: { $lt: asOf } });
    const overdue = found.flatMap((evaluation) =>
      evaluation.actions
        .filter((action) => daysOverdueOf(action, asOf) !== null)
        .map((action): OverdueAction => {
          const recommendation = evaluation.recommendations.find((r) => r.recommendationId === action.recommendationId)!;
          return {
            evaluationId: evaluation.evaluationId,
            agencyId: evaluation.agencyId,
            year: evaluation.year,
            recommendationId: action.recommendationId,
            recommendationText: recommendation.text,
            recommendationStatus: recommendation.status,
            actionId: action.actionId,
            description: action.description,
            owner: action.owner,
            dueDate: action.dueDate,
            percent: action.percent,
            daysOverdue: daysOverdueOf(action, asOf)!,
          };
        }),
    );
    return overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || a.agencyId.localeCompare(b.agencyId) || a.actionId.localeCompare(b.actionId));
  }
}

/** An action of an exported evaluation, with its ageing on its agency's local date. */
export type ExportedEvaluationAction = EvaluationView['actions'][number] & { daysOverdue: number | null };

export interface EvaluationsExport {
  filter: EvaluationFilter;
  asOf: string;
  evaluations: (Omit<EvaluationView, 'actions'> & { agencyName: string; actions: ExportedEvaluationAction[] })[];
}

/**
 * `GET /evaluations/export`: the evaluations `ListEvaluations` gives (same reach, same limit), each
 * action with its days overdue as of the evaluated agency's local date.
 */
export class ExportEvaluations {
  constructor(
    private readonly evaluations: ListEvaluations,
    private readonly context: { tree: OrganisationTree; deadlines: Pick<DeadlineContext, 'zoneOf'>; now: () => Date },
  ) {}

  async run(actor: Actor, filter: EvaluationFilter = {}): Promise<EvaluationsExport> {
    assertMayRun('export-evaluations', actor);
    const { tree, deadlines, now } = this.context;
    const asOf = now().toISOString();
    const found = await this.evaluations.run(actor, filter);
    return {
      filter,
      asOf,
      evaluations: found.map((evaluation) => {
        const today = localDateOf(asOf, deadlines.zoneOf(evaluation.agencyId));
        return {
          ...evaluation,
          agencyName: tree.get(evaluation.agencyId)?.name ?? evaluation.agencyId,
          actions: evaluation.actions.map((action) => ({ ...action, daysOverdue: daysOverdueOf(action, today) })),
        };
      }),
    };
  }
}
