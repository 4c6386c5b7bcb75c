import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';

type Complaint = components['schemas']['ComplaintDetail'];
export type ClockName = keyof NonNullable<Complaint['deadlines']>;
type ClockState = NonNullable<NonNullable<Complaint['deadlines']>[ClockName]>;

export interface Clock {
  name: ClockName;
  /** When it falls due; null while it stands still. */
  due: string | null;
  pausedSince: string | null;
  /** Working days left in the agency's zone as the API counted them; negative once overdue. */
  remainingDays: number | null;
}

/** Every clock of a complaint, running ones first by due instant, then the paused ones. */
export function clocksOf(complaint: Pick<Complaint, 'deadlines' | 'remainingWorkingDays'>): Clock[] {
  const entries = Object.entries(complaint.deadlines ?? {}) as [ClockName, ClockState][];
  const clocks = entries.map(([name, state]): Clock => {
    const remaining = complaint.remainingWorkingDays?.[name];
    if ('due' in state) return { name, due: state.due, pausedSince: null, remainingDays: remaining ?? null };
    return { name, due: null, pausedSince: state.pausedSince, remainingDays: remaining ?? state.remainingDays };
  });
  return clocks.sort((a, b) => {
    if (a.due && b.due) return a.due.localeCompare(b.due);
    return a.due ? -1 : b.due ? 1 : 0;
  });
}

/** The clock that runs out first, or a paused one when none runs. */
export const nearestClock = (complaint: Pick<Complaint, 'deadlines' | 'remainingWorkingDays'>): Clock | null => clocksOf(complaint)[0] ?? null;

/**
 * The working days a clock has left, as a badge whose words carry the state (overdue, due today, paused),
 * so colour is never the only signal.
 */
export function RemainingDaysBadge({ clock }: { clock: Pick<Clock, 'due' | 'remainingDays'> }) {
  const { t } = useTranslation('inbox');
  const days = clock.remainingDays;
  if (days === null) return null;
  if (clock.due === null) return <span className="badge">{t('days.paused', { count: days })}</span>;
  if (days < 0) return <span className="badge badge-danger">{t('days.overdue', { count: -days })}</span>;
  if (days === 0) return <span className="badge badge-warn">{t('days.today')}</span>;
  return <span className={days <= 2 ? 'badge badge-warn' : 'badge badge-ok'}>{t('days.left', { count: days })}</span>;
}
