/** A complaint's copy in an external system (SP4N-LAPOR!): its reference, and what is observed there. */
import { DeciderSpecification } from '../testing/decider-specification';
import { AGENCY, AT, COMPLAINT_ID, aComplaint, actors, complaintDeciderWithin, testOrganisation } from '../testing/complaint-builders';
import type { Actor } from './actor';
import type { RecordExternalReference, RecordExternalStatusObservation } from './complaint.commands';
import { foldComplaint } from './complaint.decider';
import type { ExternalReferenceRecorded, ExternalStatusObserved } from './complaint.events';

const decider = complaintDeciderWithin(testOrganisation);
const given = DeciderSpecification.for(decider);

const reference = { system: 'sp4n-lapor', externalId: '5010653', agencyId: AGENCY } as const;
const observation = {
  system: 'sp4n-lapor',
  externalId: '5010653',
  statusCode: '2',
  statusName: 'Dalam Proses',
  mappedStatus: 'IN_PROGRESS',
  mappingVersion: 'lapor-v3-2026-12',
  followUpCount: 1,
  latestFollowUpAt: '2025-03-04T03:00:00.000Z',
} as const;

const recordReference = (data: Partial<RecordExternalReference['data']> = {}, actor: Actor = actors.system): RecordExternalReference => ({
  type: 'RecordExternalReference',
  data: { complaintId: COMPLAINT_ID, ...reference, ...data },
  actor,
  at: AT,
});
const recordObservation = (data: Partial<RecordExternalStatusObservation['data']> = {}): RecordExternalStatusObservation => ({
  type: 'RecordExternalStatusObservation',
  data: { complaintId: COMPLAINT_ID, ...observation, ...data },
  actor: actors.system,
  at: AT,
});
const referenceRecorded: ExternalReferenceRecorded = { type: 'ExternalReferenceRecorded', data: { complaintId: COMPLAINT_ID, ...reference, at: AT } };
const observed = (data: Partial<ExternalStatusObserved['data']> = {}): ExternalStatusObserved => ({
  type: 'ExternalStatusObserved',
  data: { complaintId: COMPLAINT_ID, ...observation, at: AT, ...data },
});

describe('RecordExternalReference', () => {
  it('records the id the external system gave the complaint', () => {
    given(aComplaint().submitted().events()).when(recordReference()).then([referenceRecorded]);
  });

  it('is recorded once per system: a retried push finds it and a second id is refused', () => {
    const history = [...aComplaint().submitted().events(), referenceRecorded];
    given(history).when(recordReference()).thenRefused('ALREADY_RECORDED');
    given(history).when(recordReference({ externalId: '999' })).thenRefused('ALREADY_RECORDED');
  });

  it('is the sync process’s alone', () => {
    given(aComplaint().submitted().events()).when(recordReference({}, actors.nationalAdmin)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it('needs the complaint', () => {
    given([]).when(recordReference()).thenRefused('COMPLAINT_NOT_FOUND');
  });
});

describe('RecordExternalStatusObservation', () => {
  const referenced = [...aComplaint().inStatus('DISPOSED').events(), referenceRecorded];

  it('records what the external system shows, and leaves our lifecycle where it is', () => {
    given(referenced).when(recordObservation()).then([observed()]);
    expect(foldComplaint([...referenced, observed()]).status).toBe('DISPOSED');
  });

  it('records nothing when nothing changed since the last observation', () => {
    given([...referenced, observed()]).when(recordObservation()).thenRefused('ALREADY_RECORDED');
  });

  it.each([
    ['a new status', { statusCode: '3', statusName: 'Selesai', mappedStatus: 'CLOSED' as const }],
    ['a new follow-up', { followUpCount: 2 }],
    ['a new mapping table', { mappingVersion: 'lapor-v3-2027-01' }],
  ])('records %s', (_, change) => {
    given([...referenced, observed()]).when(recordObservation(change)).then([observed(change)]);
  });

  it('keeps coming after the complaint ended here', () => {
    const closed = [...aComplaint().inStatus('CLOSED').events(), referenceRecorded];
    given(closed).when(recordObservation()).then([observed()]);
  });

  it('needs the reference it observes', () => {
    given(aComplaint().submitted().events()).when(recordObservation()).thenRefused('INVALID_TRANSITION');
    given(referenced).when(recordObservation({ externalId: 'other' })).thenRefused('INVALID_TRANSITION');
  });
});
