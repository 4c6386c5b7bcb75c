import type { TFunction } from 'i18next';
import type { components } from '../../api/schema';

type Status = components['schemas']['TrackingView']['status'];

/**
 * The status in the reporter's words: the API's own (Bahasa Indonesia, as LAPOR! says it), or the
 * catalogue's words for it in another language.
 */
export const publicStatusOf = (complaint: { status: Status; publicStatus: string }, t: TFunction<'reporter'>): string =>
  t(`publicStatus.${complaint.status}`, { defaultValue: complaint.publicStatus });
