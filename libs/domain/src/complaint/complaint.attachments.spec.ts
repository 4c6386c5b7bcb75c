/** Evidence: who attaches files in which statuses, the identifying mark, and its erasure with the identity. */
import { DeciderSpecification } from '../testing/decider-specification';
import { AGENCY, AT, aComplaint, actors, commands, complaintDeciderWithin, events, testOrganisation } from '../testing/complaint-builders';
import { decideIdentifyingAttachmentsErasure } from './complaint.decide';
import { foldComplaint } from './complaint.decider';
import { OPEN_STATUSES, TERMINAL_STATUSES } from './complaint.values';

const decider = complaintDeciderWithin(testOrganisation);
const given = DeciderSpecification.for(decider);
const inStatus = (status: Parameters<ReturnType<typeof aComplaint>['inStatus']>[0]) => aComplaint().inStatus(status).events();

describe('AddAttachment', () => {
  it.each(OPEN_STATUSES)('is recorded for the reporter of a %s complaint', (status) => {
    given(inStatus(status)).when(commands.addAttachment()).then([events.attachmentAdded()]);
  });

  it('keeps the reporter’s identifying mark, and records a neutral name instead of the one the document came with', () => {
    given(inStatus('IN_PROGRESS'))
      .when(commands.addAttachment({ identifying: true, fileName: 'KTP_Budi_Santoso_3201010101010001.jpg', mediaType: 'image/jpeg' }))
      .then([events.attachmentAdded({ identifying: true, fileName: 'dokumen-identitas.jpg', mediaType: 'image/jpeg' })]);
  });

  it('is recorded for the assignee’s officer, naming the agency', () => {
    given(inStatus('IN_PROGRESS'))
      .when(commands.addAttachment({}, actors.unitOfficer()))
      .then([events.attachmentAdded({ addedBy: 'officer', agencyId: AGENCY })]);
  });

  it('is recorded for the router before disposition, and refused to the national admin afterwards', () => {
    given(inStatus('VERIFIED'))
      .when(commands.addAttachment({}, actors.nationalAdmin))
      .then([events.attachmentAdded({ addedBy: 'officer', agencyId: null })]);
    given(inStatus('IN_PROGRESS')).when(commands.addAttachment({}, actors.nationalAdmin)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it('while the reporter is asked, goes to whoever asked: the assignee after disposition', () => {
    const asked = aComplaint().inStatus('IN_PROGRESS').clarificationRequested().events();
    given(asked).when(commands.addAttachment({}, actors.unitOfficer())).then([events.attachmentAdded({ addedBy: 'officer', agencyId: AGENCY })]);
  });

  it('is refused to another reporter, an officer of another agency, and an inspector', () => {
    given(inStatus('IN_PROGRESS')).when(commands.addAttachment({}, actors.reporter('reporter-2'))).thenRefused('NOT_THE_REPORTER');
    given(inStatus('IN_PROGRESS')).when(commands.addAttachment({}, actors.unitOfficer('agency-y'))).thenRefused('NOT_CURRENT_ASSIGNEE');
    given(inStatus('IN_PROGRESS')).when(commands.addAttachment({}, actors.inspector)).thenRefused('ROLE_NOT_ALLOWED');
  });

  it('is refused to an officer marking a document identifying: only the reporter does', () => {
    given(inStatus('IN_PROGRESS')).when(commands.addAttachment({ identifying: true }, actors.unitOfficer())).thenRefused('ROLE_NOT_ALLOWED');
  });

  it.each(TERMINAL_STATUSES)('is refused once the complaint is %s', (status) => {
    given(inStatus(status)).when(commands.addAttachment()).thenRefused('INVALID_TRANSITION');
  });
});

describe('decideIdentifyingAttachmentsErasure', () => {
  const withAttachments = [
    ...inStatus('CLOSED'),
    events.attachmentAdded({ attachmentId: 'ktp', identifying: true }),
    events.attachmentAdded({ attachmentId: 'kwitansi' }),
  ];

  it('erases the documents marked identifying, whatever the status, and leaves the evidence', () => {
    expect(decideIdentifyingAttachmentsErasure(foldComplaint(withAttachments), AT, 'Permintaan')).toEqual(
      events.identifyingAttachmentsErased({ attachmentIds: ['ktp'], reason: 'Permintaan' }),
    );
  });

  it('has nothing to erase once they are erased, or when none was marked', () => {
    const erased = [...withAttachments, events.identifyingAttachmentsErased({ attachmentIds: ['ktp'] })];
    expect(decideIdentifyingAttachmentsErasure(foldComplaint(erased), AT, 'Lagi')).toBeNull();
    expect(decideIdentifyingAttachmentsErasure(foldComplaint(inStatus('IN_PROGRESS')), AT, 'Lagi')).toBeNull();
  });
});
