import { describe, expect, it } from 'vitest';
import { bodyOf, type CaseDetail, initialValues, offeredCommands } from './commands';

const detail = (extra: Partial<CaseDetail> = {}) =>
  ({ targetAgencyId: 'id-32.01-dinkes', dispositions: [], clarifications: [], confidential: true, anonymous: false, classification: null, category: null, slaClass: null, ...extra }) as CaseDetail;

describe('The command forms', () => {
  it('offer only what the API allows, leaving the reporter’s own commands out', () => {
    expect(offeredCommands({ allowedActions: ['respond', 'rate', 'dispute', 'close', 'answer-clarification', 'reopen'] })).toEqual(['respond', 'close']);
  });

  it('send a field that depends on another only when it applies, and leave empty optional text out', () => {
    expect(bodyOf('request-clarification', { party: 'reporter', partyAgencyId: 'id-32.02-dinkes', question: ' Kapan? ' })).toEqual({ party: 'reporter', question: 'Kapan?' });
    expect(bodyOf('request-clarification', { party: 'agency', partyAgencyId: 'id-32.02-dinkes', question: 'Kapan?' })).toEqual({
      party: 'agency',
      partyAgencyId: 'id-32.02-dinkes',
      question: 'Kapan?',
    });
    expect(bodyOf('close', { reasonCode: 'closed_by_admin', note: '  ' })).toEqual({ reasonCode: 'closed_by_admin' });
  });

  it('start from the complaint: its flags at verification, the addressed agency for a first disposition', () => {
    expect(initialValues('verify', detail())).toEqual({ classification: 'pengaduan', category: '', slaClass: 'ordinary', confidential: true, anonymous: false });
    expect(initialValues('dispose', detail())).toEqual({ agencyId: 'id-32.01-dinkes', note: '' });
    const disposed = detail({ dispositions: [{ agencyId: 'id-32.01-dinkes', previousAgencyId: null, note: '', at: '2026-12-01T00:00:00Z' }] });
    expect(initialValues('dispose', disposed)).toEqual({ agencyId: '', note: '' });
  });
});
