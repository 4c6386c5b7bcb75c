import { decideComplaint } from './complaint.decide';
import type { ComplaintEvent } from './complaint.events';
import { evolveComplaint, initialComplaintState, type ComplaintState } from './complaint.state';

export const complaintDecider = {
  decide: decideComplaint,
  evolve: evolveComplaint,
  initialState: initialComplaintState,
};

/** Rebuilds a complaint's state from its stream, oldest event first. */
export const foldComplaint = (events: readonly ComplaintEvent[]): ComplaintState =>
  events.reduce(evolveComplaint, initialComplaintState());
