/** A clock on the work queue: the instant it falls due, or where it stands still (paused). */
export type ClockView = { due: string } | { pausedSince: string; remainingDays: number };

export const CLOCK_NAMES = ['verification', 'followUp', 'resolution', 'clarification', 'autoClose', 'ombudsmanReferral'] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];

export type ClockViews = Partial<Record<ClockName, ClockView>>;
