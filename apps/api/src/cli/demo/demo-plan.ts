import { type Actor, type Channel, type ComplaintStatus, OFFICER_INTAKE_CHANNELS, type OrganisationTree } from '@lacak/domain';
import type { SubmitComplaintRequest } from '../../complaints/submit/submit-complaint.request';
import { LifecycleScript, NATIONAL_ADMIN, type ScriptedStep, type Story, agencyAdmin, unitOfficer } from './demo-lifecycle';
import { INVALID, OUT_OF_SCOPE, STANDARD_REPLIES, STREETS, VILLAGES } from './demo-phrases';
import { type Region, pickHandlingAgency, pickMisroute, pickTarget, regionsOf } from './demo-places';
import { reporterIdentity } from './demo-reporters';
import { type Issue, SECTORS, type Sector } from './demo-texts';
import { Prng } from './prng';

/** Percent of complaints left in each status: most get closed, every status shows up. */
const OUTCOME_SHARES: Record<ComplaintStatus, number> = {
  SUBMITTED: 8,
  VERIFIED: 5,
  AWAITING_REPORTER: 5,
  DISPOSED: 8,
  IN_PROGRESS: 12,
  MEDIATION: 4,
  INVESTIGATION: 4,
  RESPONDED: 10,
  CLOSED: 30,
  REJECTED: 7,
  ARCHIVED_INVALID: 7,
  DUPLICATE: 0,
};

const HOUR_MS = 3_600_000;

/**
 * Hours from the start of the quarter a year before the current one to `now`: four whole quarters
 * and the current one, so monitoring has periods to compare. Quarters start in UTC, which is before
 * they start in any Indonesian zone, so no complaint falls into a fifth quarter back.
 */
export function demoWindowHours(now: Date): number {
  const quarterStart = Date.UTC(now.getUTCFullYear() - 1, Math.floor(now.getUTCMonth() / 3) * 3, 1);
  return (now.getTime() - quarterStart) / HOUR_MS;
}

export interface PlannedStep extends Omit<ScriptedStep, 'hours'> {
  at: Date;
}

export interface ComplaintPlan {
  index: number;
  finalStatus: ComplaintStatus;
  submittedAt: Date;
  submitter: Actor;
  request: SubmitComplaintRequest;
  steps: PlannedStep[];
}

/** Exact shares by largest remainder, shuffled: even 40 complaints get every status. */
function allocateOutcomes(count: number, random: Prng): ComplaintStatus[] {
  const statuses = Object.keys(OUTCOME_SHARES) as ComplaintStatus[];
  const exact = statuses.map((status) => (count * OUTCOME_SHARES[status]) / 100);
  const quotas = exact.map(Math.floor);
  const byRemainder = statuses.map((_, i) => i).sort((a, b) => exact[b] - quotas[b] - (exact[a] - quotas[a]) || a - b);
  for (let k = 0; quotas.reduce((sum, q) => sum + q, 0) < count; k++) quotas[byRemainder[k % statuses.length]]++;
  return random.shuffle(statuses.flatMap((status, i) => Array<ComplaintStatus>(quotas[i]).fill(status)));
}

type Content =
  | { kind: 'issue'; sector: Sector; issue: Issue }
  | { kind: 'out_of_scope'; text: (typeof OUT_OF_SCOPE)[number] }
  | { kind: 'invalid'; text: (typeof INVALID)[number] };

const ISSUES = SECTORS.flatMap((sector) => sector.issues.map((issue) => ({ kind: 'issue' as const, sector, issue })));

/** Texts that fit the final status: mediation needs a pengaduan, investigation a supervisory one. */
function pickContent(random: Prng, status: ComplaintStatus): Content {
  if (status === 'REJECTED') return { kind: 'out_of_scope', text: random.pick(OUT_OF_SCOPE) };
  if (status === 'ARCHIVED_INVALID' && random.chance(0.6)) return { kind: 'invalid', text: random.pick(INVALID) };
  if (status === 'MEDIATION') return random.pick(ISSUES.filter((c) => c.issue.classification === 'pengaduan'));
  if (status === 'INVESTIGATION') return random.pick(ISSUES.filter((c) => c.issue.supervisory));
  return random.pick(ISSUES);
}

/** Plans `count` complaints submitted over the window before `now` (`demoWindowHours`). */
export function planDemo({ tree, count, seed, now }: { tree: OrganisationTree; count: number; seed: number; now: Date }): ComplaintPlan[] {
  const random = new Prng(seed);
  const regions = regionsOf(tree);
  const windowHours = demoWindowHours(now);
  return allocateOutcomes(count, random).map((status, index) => planComplaint(tree, random, regions, index, status, now, windowHours));
}

function planComplaint(
  tree: OrganisationTree,
  random: Prng,
  regions: Region[],
  index: number,
  status: ComplaintStatus,
  now: Date,
  windowHours: number,
): ComplaintPlan {
  const content = pickContent(random, status);
  const region = random.pick(regions);
  const village = `${region.isCity ? 'Kelurahan' : 'Desa'} ${random.pick(VILLAGES)}`;
  const street = random.pick(STREETS);
  const fill = (text: string) =>
    text.replaceAll('{desa}', village).replaceAll('{daerah}', region.regencyName).replaceAll('{jalan}', street);

  const issue = content.kind === 'issue' ? content : null;
  const supervisory = issue?.issue.supervisory ?? false;
  const handling = issue ? pickHandlingAgency(tree, random, issue.sector, region, supervisory) : null;
  const channel = random.weighted<Channel>({ web: 40, app: 25, social: 5, sms: 10, 'walk-in': 12, letter: 8, api: 0 });
  const digitised = OFFICER_INTAKE_CHANNELS.includes(channel);
  const reporter: Actor | null = digitised ? null : { id: `pelapor-${random.int(1, 2 ** 31).toString(36)}`, role: 'reporter', agencyId: null };
  const submitter = reporter ?? unitOfficer(handling ?? region.regencyId);
  const target = random.chance(digitised ? 0.6 : 0.35) ? (handling ? pickTarget(tree, random, handling) : region.regencyId) : null;
  const router = target ? agencyAdmin(target) : NATIONAL_ADMIN;
  // Only the national admin misroutes here: an agency routing its own complaints knows where they go.
  const misroute = issue && handling && !target && random.chance(0.25) ? pickMisroute(tree, random, issue.sector, region, handling) : null;
  const anonymous = reporter !== null && random.chance(0.1);
  const confidential = random.chance(0.08);

  const classification = issue?.issue.classification ?? 'pengaduan';
  const story: Story = {
    // An anonymous complaint names no account: its reporter follows it with the tracking secret only.
    reporter: anonymous ? null : reporter,
    router,
    assigneeAgencyId: handling,
    misrouteAgencyId: misroute,
    verification: {
      classification,
      category: issue?.sector.category ?? 'lainnya',
      slaClass: classification !== 'pengaduan' ? 'information' : supervisory ? 'supervisory' : 'ordinary',
      anonymous,
      // The router protects reporters of pungli even when they did not ask for it.
      confidential: confidential || (supervisory && random.chance(0.3)),
    },
    supervisory,
    followUp: issue?.issue.followUp ?? random.pick(STANDARD_REPLIES[classification === 'aspirasi' ? 'aspirasi' : 'permintaan_informasi']),
    rejectionReason: content.kind === 'out_of_scope' ? content.text.reason : null,
    invalid: content.kind === 'invalid' ? content.text : null,
  };
  const script = new LifecycleScript(random, tree, story);
  script.driveTo(status);

  // Longer lifecycles started earlier; squeezed only when one would not fit in the window.
  const scale = Math.min(1, (windowHours - 24) / Math.max(script.spanHours, 1));
  const endsHoursAgo = 0.1 + random.next() * (windowHours - 0.1 - script.spanHours * scale);
  const submittedAt = new Date(now.getTime() - (endsHoursAgo + script.spanHours * scale) * HOUR_MS);
  const incidentDate = random.chance(0.6) ? new Date(submittedAt.getTime() - random.int(0, 20) * 24 * HOUR_MS) : null;

  const text = content.kind === 'issue' ? content.issue : content.text;
  const request: SubmitComplaintRequest = {
    title: fill(text.title),
    description: fill(text.description),
    channel,
    category: issue && random.chance(0.7) ? issue.sector.category : undefined,
    location: random.chance(0.8) ? `${village}, ${region.regencyName}, ${region.provinceName}` : undefined,
    incidentDate: incidentDate?.toISOString().slice(0, 10),
    targetAgencyId: target ?? undefined,
    anonymous,
    confidential,
    reporter: random.chance(digitised ? 0.9 : 0.8) ? reporterIdentity(random, region.regencyCode) : undefined,
  };
  const steps = script.steps.map(({ hours, actor, input }) => ({
    at: new Date(submittedAt.getTime() + hours * scale * HOUR_MS),
    actor,
    input,
  }));
  return { index, finalStatus: status, submittedAt, submitter, request, steps };
}
