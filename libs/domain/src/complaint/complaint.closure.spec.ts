import { DeciderSpecification } from '../testing/decider-specification';
import { aComplaint, actors, commands, events } from '../testing/complaint-builders';
import type { ComplaintCommand } from './complaint.commands';
import { complaintDecider, foldComplaint } from './complaint.decider';
import type { ComplaintEvent } from './complaint.events';
import { COMPLAINT_STATUSES, TERMINAL_STATUSES } from './complaint.values';

const given = DeciderSpecification.for(complaintDecider);
const responded = () => aComplaint().inStatus('RESPONDED').events();
const byAdmin = { reasonCode: 'closed_by_admin' } as const;

describe('CloseComplaint', () => {
  it('lets the reporter accept the follow-up', () => {
    given(responded()).when(commands.close()).then([events.closed()]);
  });

  it.each([
    ['the national admin', actors.nationalAdmin],
    ['an admin of the assigned agency', actors.agencyAdmin()],
  ])('lets %s close it, recording the assigned agency', (_, actor) => {
    given(responded()).when(commands.close(byAdmin, actor)).then([events.closed(byAdmin)]);
  });

  it('lets the system close it after the no-reply window, with a note', () => {
    const noReply = { reasonCode: 'no_reply', note: 'Tidak ada tanggapan 10 hari kerja.' } as const;
    given(responded()).when(commands.close(noReply, actors.system)).then([events.closed(noReply)]);
  });

  it('refuses another reporter', () => {
    given(responded()).when(commands.close({}, actors.reporter('reporter-2'))).thenRefused('NOT_THE_REPORTER');
  });

  it('refuses any reporter account when an officer digitised the complaint', () => {
    const history = aComplaint().submittedBy(actors.unitOfficer(), { channel: 'letter' }).verified().disposedTo();
    given(history.accepted().responded().events()).when(commands.close()).thenRefused('NOT_THE_REPORTER');
  });

  it('refuses an admin of another agency', () => {
    given(responded())
      .when(commands.close(byAdmin, actors.agencyAdmin('agency-y')))
      .thenRefused('NOT_CURRENT_ASSIGNEE');
  });

  it.each([
    ['accepted_by_reporter', 'the national admin', actors.nationalAdmin],
    ['accepted_by_reporter', 'the system', actors.system],
    ['closed_by_admin', 'the reporter', actors.reporter()],
    ['closed_by_admin', 'a unit officer of the assigned agency', actors.unitOfficer()],
    ['closed_by_admin', 'the system', actors.system],
    ['no_reply', 'the reporter', actors.reporter()],
    ['no_reply', 'the national admin', actors.nationalAdmin],
  ] as const)('refuses reason %s from %s', (reasonCode, _, actor) => {
    given(responded()).when(commands.close({ reasonCode }, actor)).thenRefused('ROLE_NOT_ALLOWED');
  });

  const openBeforeFollowUp = COMPLAINT_STATUSES.filter((s) => s !== 'RESPONDED' && !TERMINAL_STATUSES.includes(s));

  it.each(openBeforeFollowUp)('requires a follow-up first: refused from %s, whoever asks', (status) => {
    const history = aComplaint().inStatus(status).events();
    given(history).when(commands.close()).thenRefused('CLOSE_REQUIRES_FOLLOW_UP');
    given(history).when(commands.close(byAdmin, actors.nationalAdmin)).thenRefused('CLOSE_REQUIRES_FOLLOW_UP');
    given(history).when(commands.close(byAdmin, actors.agencyAdmin('agency-y'))).thenRefused('CLOSE_REQUIRES_FOLLOW_UP');
  });
});

describe('AnnounceAutoClose', () => {
  it('tells the reporter, as the system, when the follow-up closes without a reply', () => {
    given(responded()).when(commands.announceAutoClose()).then([events.autoCloseAnnounced()]);
  });

  it('announces once per follow-up', () => {
    given([...responded(), events.autoCloseAnnounced()]).when(commands.announceAutoClose()).thenRefused('ALREADY_RECORDED');
  });

  it('announces again after a later follow-up', () => {
    const later = '2025-03-20T02:00:00.000Z';
    given([...responded(), events.autoCloseAnnounced(), events.disputed(), events.responded({ at: later })])
      .when(commands.announceAutoClose())
      .then([events.autoCloseAnnounced({ followUpAt: later })]);
  });

  it('refuses before a follow-up, and anyone but the system', () => {
    given(aComplaint().inStatus('IN_PROGRESS').events()).when(commands.announceAutoClose()).thenRefused('INVALID_TRANSITION');
    given(responded()).when(commands.announceAutoClose({}, actors.nationalAdmin)).thenRefused('ROLE_NOT_ALLOWED');
  });
});

describe('the whole lifecycle', () => {
  const at = (day: number) => `2025-03-${String(day).padStart(2, '0')}T02:00:00.000Z`;
  const reporter = actors.reporter();
  // The complaint is anonymous: after submitting, its reporter acts only through the tracking credential.
  const tracking = actors.tracking();
  const officer = actors.unitOfficer();
  const lifecycle: ComplaintCommand[] = [
    commands.submit({ anonymous: true }, reporter, at(3)),
    commands.verify({ slaClass: 'supervisory', anonymous: true, confidential: true }, actors.nationalAdmin, at(4)),
    commands.dispose({}, actors.nationalAdmin, at(4)),
    commands.accept({}, officer, at(5)),
    commands.requestClarification({}, officer, at(5)),
    commands.answerClarification({}, tracking, at(6)),
    commands.startMediation({}, officer, at(7)),
    commands.recordMediationOutcome({ outcome: 'no_agreement' }, officer, at(10)),
    commands.openInvestigation({}, officer, at(10)),
    commands.recordFindings({}, officer, at(20)),
    commands.respond({}, officer, at(21)),
    commands.close({}, tracking, at(24)),
  ];

  it('runs from submission to closure and folds to a closed complaint', () => {
    const history = lifecycle.reduce<ComplaintEvent[]>((past, command) => {
      const decision = complaintDecider.decide(command, foldComplaint(past));
      if (!decision.ok) throw new Error(`${command.type} refused: ${decision.refusal.code}`);
      return [...past, ...decision.events];
    }, []);

    expect(history.map((event) => event.type)).toEqual([
      'ComplaintSubmitted',
      'ComplaintVerified',
      'ComplaintDisposed',
      'DispositionAccepted',
      'ClarificationRequested',
      'ClarificationAnswered',
      'MediationStarted',
      'MediationOutcomeRecorded',
      'InvestigationOpened',
      'FindingsRecorded',
      'ComplaintResponded',
      'ComplaintClosed',
    ]);
    expect(history.map((event) => event.data.at)).toEqual(lifecycle.map((command) => command.at));
    expect(foldComplaint(history)).toEqual({
      status: 'CLOSED',
      complaintId: 'complaint-1',
      trackingId: 'LPR-2025-000001',
      targetAgencyId: null,
      assigneeAgencyId: 'agency-x',
      reporterAccountId: null,
      reporterRef: 'reporter-ref-1',
      slaPolicyVersion: null,
      closedAt: '2025-03-24T02:00:00.000Z',
      anonymous: true,
      confidential: true,
      classification: 'pengaduan',
      slaClass: 'supervisory',
      openClarifications: new Map(),
      dispositionChain: ['agency-x'],
      bounceCount: 0,
      respondedAt: at(21),
      latestFollowUp: { agencyId: 'agency-x', at: at(21), normative: false },
      rating: null,
      overdue: [],
      escalatedTo: [],
      referredToOmbudsman: false,
      autoCloseAnnouncedFor: null,
      duplicateOf: null,
      externalReferences: {},
      externalObservations: {},
      identifyingAttachments: [],
    });
  });
});
