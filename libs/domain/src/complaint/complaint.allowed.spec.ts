/** Which commands an actor is offered on a complaint, as the decider answers it. */
import { AGENCY, AT, OTHER_AGENCY, WINDOW_ENDS_AT, aComplaint, actors, testOrganisation } from '../testing/complaint-builders';
import type { Actor } from './actor';
import { type AllowedCommandsContext, allowedCommands } from './complaint.allowed';
import { foldComplaint } from './complaint.decider';
import type { ComplaintEvent } from './complaint.events';

const withinWindows: AllowedCommandsContext = { now: AT, disputeWindowEndsAt: WINDOW_ENDS_AT, reopenWindowEndsAt: WINDOW_ENDS_AT };
const afterWindows: AllowedCommandsContext = { now: '2025-04-01T00:00:00.000Z', disputeWindowEndsAt: WINDOW_ENDS_AT, reopenWindowEndsAt: WINDOW_ENDS_AT };

const offered = (history: ComplaintEvent[], actor: Actor, context = withinWindows) =>
  allowedCommands(actor, foldComplaint(history), testOrganisation, context);

describe('allowed commands', () => {
  describe('given a VERIFIED complaint', () => {
    const history = aComplaint().inStatus('VERIFIED').events();

    it('then the national admin is offered routing and the monitoring records', () => {
      expect(offered(history, actors.nationalAdmin)).toEqual([
        'reject',
        'archive',
        'dispose',
        'request-clarification',
        'mark-duplicate',
        'record-leadership-review',
        'link-policy-improvement',
        'add-attachment',
      ]);
    });

    it('then an inspector, an auditor and an officer are offered nothing', () => {
      expect(offered(history, actors.inspector)).toEqual([]);
      expect(offered(history, actors.auditor)).toEqual([]);
      expect(offered(history, actors.unitOfficer())).toEqual([]);
    });
  });

  describe('given a SUBMITTED complaint the reporter addressed to an agency', () => {
    const history = aComplaint().submitted({ targetAgencyId: AGENCY }).events();

    it('then that agency admin routes it (verify first; dispose waits for verification)', () => {
      expect(offered(history, actors.agencyAdmin())).toEqual([
        'verify',
        'reject',
        'archive',
        'request-clarification',
        'mark-duplicate',
        'record-leadership-review',
        'link-policy-improvement',
        'add-attachment',
      ]);
    });

    it('then the admin of another agency is offered nothing', () => {
      expect(offered(history, actors.agencyAdmin(OTHER_AGENCY))).toEqual([]);
    });
  });

  describe('given a complaint IN_PROGRESS at the agency', () => {
    const history = aComplaint().inStatus('IN_PROGRESS').events();

    it('then its officer handles it', () => {
      expect(offered(history, actors.unitOfficer())).toEqual([
        'request-clarification',
        'start-mediation',
        'open-investigation',
        'respond',
        'mark-duplicate',
        'add-attachment',
      ]);
    });

    it('then its admin may also re-dispose it within its subtree and record monitoring', () => {
      expect(offered(history, actors.agencyAdmin())).toEqual([
        'dispose',
        'request-clarification',
        'start-mediation',
        'open-investigation',
        'respond',
        'mark-duplicate',
        'record-leadership-review',
        'link-policy-improvement',
        'add-attachment',
      ]);
    });

    it('then an officer of another agency is offered nothing', () => {
      expect(offered(history, actors.unitOfficer(OTHER_AGENCY))).toEqual([]);
      expect(offered(history, actors.agencyAdmin(OTHER_AGENCY))).toEqual([]);
    });
  });

  describe('given a question to the respondent still open', () => {
    const history = aComplaint().inStatus('IN_PROGRESS').clarificationRequested({ party: 'respondent' }).events();

    it('then the officer answers it and may not respond yet', () => {
      const actions = offered(history, actors.unitOfficer());
      expect(actions).toContain('answer-clarification');
      expect(actions).not.toContain('respond');
    });
  });

  describe('given a question to the reporter asked before disposition', () => {
    const history = aComplaint().inStatus('AWAITING_REPORTER').events();

    it('then the reporter answers it, and the national admin records an answer given offline or archives', () => {
      expect(offered(history, actors.reporter())).toEqual(['answer-clarification', 'add-attachment']);
      expect(offered(history, actors.nationalAdmin)).toEqual(expect.arrayContaining(['archive', 'record-clarification-answer']));
      expect(offered(history, actors.nationalAdmin)).not.toContain('dispose');
    });

    it('then another reporter is offered nothing', () => {
      expect(offered(history, actors.reporter('someone-else'))).toEqual([]);
    });
  });

  describe('given a RESPONDED complaint', () => {
    const history = aComplaint().inStatus('RESPONDED').events();

    it('then its reporter closes, disputes or rates within the window', () => {
      expect(offered(history, actors.reporter())).toEqual(['close', 'dispute', 'rate', 'add-attachment']);
    });

    it('then after the dispute window the reporter may no longer dispute', () => {
      expect(offered(history, actors.reporter(), afterWindows)).toEqual(['close', 'rate', 'add-attachment']);
    });

    it('then an inspector may judge the follow-up normative only within the subtree holding it', () => {
      const inspector: Actor = { id: 'inspector-p', role: 'apip_inspector', agencyId: 'province-p' };
      expect(offered(history, inspector)).toEqual(['mark-follow-up-normative']);
      expect(offered(history, actors.inspector)).toEqual([]);
    });

    it('then a follow-up already judged normative is not offered to be judged again', () => {
      const marked = aComplaint().inStatus('RESPONDED').markedNormative().events();
      expect(offered(marked, actors.nationalAdmin)).not.toContain('mark-follow-up-normative');
    });
  });

  describe('given a CLOSED complaint', () => {
    const history = aComplaint().inStatus('CLOSED').events();

    it('then its reporter rates and reopens within the window, and only rates after it', () => {
      expect(offered(history, actors.reporter())).toEqual(['rate', 'reopen']);
      expect(offered(history, actors.reporter(), afterWindows)).toEqual(['rate']);
    });

    it('then once rated the reporter is not offered to rate again', () => {
      expect(offered(aComplaint().inStatus('CLOSED').rated().events(), actors.reporter())).toEqual(['reopen']);
    });
  });

  describe('given a terminal complaint', () => {
    it('then nobody is offered anything on a REJECTED one', () => {
      const history = aComplaint().inStatus('REJECTED').events();
      for (const actor of [actors.nationalAdmin, actors.agencyAdmin(), actors.reporter(), actors.system]) {
        expect(offered(history, actor)).toEqual([]);
      }
    });
  });

  describe('given the deadline process', () => {
    it('then its own commands are never listed', () => {
      expect(offered(aComplaint().inStatus('IN_PROGRESS').events(), actors.system)).toEqual([]);
    });
  });
});
