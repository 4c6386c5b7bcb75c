import type { SlaLimits, SlaPolicy } from '../policy/sla-policy';

/** The 62/2018-based limits, written out here so specs do not depend on the shipped file. */
export const LIMITS_62_2018: SlaLimits = {
  verifyAndDispose: { workingDays: 3 },
  firstFollowUp: { workingDays: 5 },
  information: { workingDays: 5 },
  ordinary: { workingDays: 14 },
  supervisory: { workingDays: 60 },
  autoClose: { workingDays: 10 },
  clarificationWait: { workingDays: 10 },
  disputeWindow: { workingDays: 10 },
  reopenWindow: { calendarDays: 30 },
  ombudsmanReferral: { calendarDays: 60 },
  bounceEscalationThreshold: 3,
};

export const aPolicy = (overrides: Partial<SlaPolicy> = {}): SlaPolicy => ({
  version: 'test-v1',
  effectiveFrom: '2018-01-01',
  source: 'test',
  onRedisposition: 'continue',
  limits: LIMITS_62_2018,
  ...overrides,
});
