import { logsAt } from './logging';

describe('logsAt', () => {
  it('writes a message at its own level and every more verbose one, never when silent', () => {
    expect((['silent', 'error', 'warn', 'log', 'debug', 'verbose'] as const).map((level) => logsAt(level, 'log'))).toEqual([false, false, false, true, true, true]);
    expect(logsAt('error', 'error')).toBe(true);
    expect(logsAt('silent', 'error')).toBe(false);
    expect(logsAt('log', 'debug')).toBe(false);
  });
});
