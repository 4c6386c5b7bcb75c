import { refuse } from '@lacak/domain';
import {
  CommandRefusedError,
  ConcurrencyConflictError,
  IdempotencyKeyReusedError,
  IntegrityViolationError,
  RevisionMismatchError,
  UnknownReferenceError,
} from './errors';
import { type CommandResult, type OperationalMetrics, NO_METRICS, recordingCommand } from './operational-metrics';

describe('Recording how a command ended', () => {
  const recorder = () => {
    const results: (CommandResult & { command: string })[] = [];
    const metrics: OperationalMetrics = { ...NO_METRICS, commandFinished: (command, result) => results.push({ command, ...result }) };
    return { metrics, results };
  };

  it('records an accepted command and returns its outcome', async () => {
    const { metrics, results } = recorder();
    await expect(recordingCommand(metrics, 'VerifyComplaint', async () => 'stored')).resolves.toBe('stored');
    expect(results).toEqual([{ command: 'VerifyComplaint', outcome: 'accepted' }]);
  });

  it.each<[string, Error, CommandResult]>([
    ['a domain refusal, with its code', new CommandRefusedError(refuse('INVALID_TRANSITION', 'no')), { outcome: 'refused', code: 'INVALID_TRANSITION' }],
    ['an unknown reference', new UnknownReferenceError('agencyId', 'No agency x'), { outcome: 'refused', code: 'UNKNOWN_REFERENCE' }],
    ['a stale If-Match (412)', new RevisionMismatchError(0n, 1n), { outcome: 'conflict' }],
    ['races lost to other commands (409)', new ConcurrencyConflictError('c-1'), { outcome: 'conflict' }],
    ['a reused Idempotency-Key', new IdempotencyKeyReusedError(), { outcome: 'conflict' }],
    ['a broken hash chain', new IntegrityViolationError('complaint-c-1', [{ revision: '0', kind: 'hash-mismatch' }]), { outcome: 'error' }],
    ['a store that fails', new Error('disk I/O error'), { outcome: 'error' }],
  ])('records %s; the error passes through unchanged', async (_, error, result) => {
    const { metrics, results } = recorder();
    await expect(recordingCommand(metrics, 'DisposeComplaint', () => Promise.reject(error))).rejects.toBe(error);
    expect(results).toEqual([{ command: 'DisposeComplaint', ...result }]);
  });
});
