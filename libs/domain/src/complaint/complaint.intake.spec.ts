import { DeciderSpecification } from '../testing/decider-specification';
import { aComplaint, actors, commands, events } from '../testing/complaint-builders';
import { actorOnRecord } from './complaint.decide';
import { complaintDecider } from './complaint.decider';
import { COMPLAINT_STATUSES, OFFICER_INTAKE_CHANNELS, type Channel } from './complaint.values';

const given = DeciderSpecification.for(complaintDecider);
const officers = [actors.nationalAdmin, actors.agencyAdmin(), actors.unitOfficer()];
const submitted = () => aComplaint().inStatus('SUBMITTED').events();
const sentToAgencyT = () => aComplaint().submitted({ targetAgencyId: 'agency-t' });

describe('SubmitComplaint', () => {
  it('records a reporter’s complaint with optional fields defaulted', () => {
    given([]).when(commands.submit()).then([events.submitted()]);
  });

  it('copies every optional field given', () => {
    const optionals = {
      category: 'infrastruktur',
      location: 'Jl. Merdeka 10, Bandung',
      incidentDate: '2025-02-20',
      targetAgencyId: 'agency-t',
      anonymous: true,
      confidential: true,
    };
    // Anonymous: the submission keeps no account id (see below).
    given([]).when(commands.submit(optionals)).then([events.submitted({ ...optionals, reporterAccountId: null })]);
  });

  it('records no reporter account for an anonymous submission, so nothing ties it to the account', () => {
    given([]).when(commands.submit({ anonymous: true })).then([events.submitted({ anonymous: true, reporterAccountId: null })]);
  });

  it('records no reporter account for a submission through a client application, so no token passes for its reporter', () => {
    const app = { id: 'open311:warga-app', role: 'reporter' as const, agencyId: null, clientApp: 'warga-app' };
    given([]).when(commands.submit({}, app)).then([events.submitted({ reporterAccountId: null })]);
  });

  it('records an anonymous submission as made by its tracking credential, and any other command as its actor', () => {
    expect(actorOnRecord(commands.submit({ anonymous: true }))).toEqual(actors.tracking());
    expect(actorOnRecord(commands.submit())).toEqual(actors.reporter());
    expect(actorOnRecord(commands.submit({ anonymous: true, channel: 'letter' }, actors.unitOfficer()))).toEqual(actors.unitOfficer());
  });

  it('records no reporter ref when none was given', () => {
    given([]).when(commands.submit({ reporterRef: undefined })).then([events.submitted({ reporterRef: null })]);
  });

  it.each(['web', 'sms', 'app', 'social', 'letter', 'walk-in', 'api'] satisfies Channel[])(
    'accepts a reporter on channel %s',
    (channel) => {
      given([]).when(commands.submit({ channel })).then([events.submitted({ channel })]);
    },
  );

  describe.each(officers)('by $role', (officer) => {
    it.each(OFFICER_INTAKE_CHANNELS)('digitises a complaint received by %s, with no reporter account', (channel) => {
      given([])
        .when(commands.submit({ channel }, officer))
        .then([events.submitted({ channel, reporterAccountId: null })]);
    });

    it.each(['web', 'app', 'social', 'api'] satisfies Channel[])('is refused on channel %s', (channel) => {
      given([]).when(commands.submit({ channel }, officer)).thenRefused('ROLE_NOT_ALLOWED');
    });
  });

  it('is refused to the system', () => {
    given([]).when(commands.submit({ channel: 'sms' }, actors.system)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it.each(COMPLAINT_STATUSES)('is refused when the stream already holds a %s complaint', (status) => {
    given(aComplaint().inStatus(status).events()).when(commands.submit()).thenRefused('COMPLAINT_ALREADY_EXISTS');
  });
});

describe('VerifyComplaint', () => {
  it('lets the national admin verify a submitted complaint', () => {
    given(submitted()).when(commands.verify()).then([events.verified()]);
  });

  it('lets the admin of the agency the reporter chose verify it', () => {
    given(sentToAgencyT().events())
      .when(commands.verify({}, actors.agencyAdmin('agency-t')))
      .then([events.verified()]);
  });

  it.each([
    ['an admin of another agency', actors.agencyAdmin('agency-y')],
    ['a unit officer of the chosen agency', actors.unitOfficer('agency-t')],
    ['the reporter', actors.reporter()],
    ['the system', actors.system],
  ])('is refused to %s', (_, actor) => {
    given(sentToAgencyT().events()).when(commands.verify({}, actor)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it('is refused to an agency admin when the reporter chose no agency', () => {
    given(submitted()).when(commands.verify({}, actors.agencyAdmin())).thenRefused('ROLE_NOT_ALLOWED');
  });

  it('lets the router set the anonymous and confidential flags', () => {
    const flags = { anonymous: true, confidential: true };
    given(submitted()).when(commands.verify(flags)).then([events.verified(flags)]);
  });

  it.each([
    ['pengaduan', 'ordinary'],
    ['pengaduan', 'supervisory'],
    ['aspirasi', 'information'],
    ['permintaan_informasi', 'information'],
  ] as const)('accepts %s with SLA class %s', (classification, slaClass) => {
    given(submitted())
      .when(commands.verify({ classification, slaClass }))
      .then([events.verified({ classification, slaClass })]);
  });

  it.each([
    ['pengaduan', 'information'],
    ['aspirasi', 'ordinary'],
    ['aspirasi', 'supervisory'],
    ['permintaan_informasi', 'ordinary'],
    ['permintaan_informasi', 'supervisory'],
  ] as const)('refuses %s with SLA class %s', (classification, slaClass) => {
    given(submitted()).when(commands.verify({ classification, slaClass })).thenRefused('SLA_CLASS_MISMATCH');
  });

  it.each(['anonymous', 'confidential'] as const)('refuses to clear the %s flag the reporter set', (flag) => {
    given(aComplaint().submitted({ [flag]: true }).events())
      .when(commands.verify({ [flag]: false }))
      .thenRefused('CONFIDENTIALITY_CANNOT_BE_CLEARED');
  });

  it('keeps a flag the reporter set when it is sent again', () => {
    given(aComplaint().submitted({ confidential: true }).events())
      .when(commands.verify({ confidential: true }))
      .then([events.verified({ confidential: true })]);
  });
});

describe('RejectComplaint by the router', () => {
  it.each(['SUBMITTED', 'VERIFIED'] as const)('rejects a %s complaint as the national level', (status) => {
    given(aComplaint().inStatus(status).events()).when(commands.reject()).then([events.rejected()]);
  });

  it('records the agency when the chosen agency’s admin rejects it as not its authority', () => {
    const reason = { reasonCode: 'not_our_authority', reason: 'Bukan wewenang kami.' } as const;
    given(sentToAgencyT().events())
      .when(commands.reject(reason, actors.agencyAdmin('agency-t')))
      .then([events.rejected({ ...reason, agencyId: 'agency-t' })]);
  });

  it.each([
    ['a unit officer', actors.unitOfficer('agency-t')],
    ['an admin of another agency', actors.agencyAdmin('agency-y')],
    ['the reporter', actors.reporter()],
  ])('is refused to %s', (_, actor) => {
    given(sentToAgencyT().verified().events()).when(commands.reject({}, actor)).thenRefused('ROLE_NOT_ALLOWED');
  });
});

describe('ArchiveComplaint', () => {
  it.each(['SUBMITTED', 'VERIFIED', 'AWAITING_REPORTER'] as const)('archives a %s complaint', (status) => {
    given(aComplaint().inStatus(status).events()).when(commands.archive()).then([events.archived()]);
  });

  it('archives a complaint whose reporter never answered before verification', () => {
    given(aComplaint().submitted().clarificationRequested().events())
      .when(commands.archive({ reasonCode: 'unanswered_clarification' }))
      .then([events.archived({ reasonCode: 'unanswered_clarification' })]);
  });

  it('lets the chosen agency’s admin archive', () => {
    given(sentToAgencyT().events())
      .when(commands.archive({}, actors.agencyAdmin('agency-t')))
      .then([events.archived()]);
  });

  it('is refused to anyone but the router', () => {
    given(sentToAgencyT().events())
      .when(commands.archive({}, actors.unitOfficer('agency-t')))
      .thenRefused('ROLE_NOT_ALLOWED');
  });

  it('is refused while awaiting a reporter the assignee asked', () => {
    given(aComplaint().inStatus('IN_PROGRESS').clarificationRequested().events())
      .when(commands.archive())
      .thenRefused('INVALID_TRANSITION');
  });
});
