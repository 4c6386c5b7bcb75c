import type { FastifyRequest } from 'fastify';
import { boundedJsonParser, jsonNestsDeeperThan, MAX_JSON_DEPTH } from './json-body';

const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects alike, up to the limit and not beyond', () => {
    expect(jsonNestsDeeperThan(nested(3), 3)).toBe(false);
    expect(jsonNestsDeeperThan(nested(4), 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":{"b":[{"c":1}]}}', 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":{"b":[{"c":1}]}}', 4)).toBe(false);
  });

  it('measures depth, not the number of siblings', () => {
    expect(jsonNestsDeeperThan(`[${Array(1000).fill('[1]').join(',')}]`, 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan(`{"text":"${'[{'.repeat(50)}"}`, 1)).toBe(false);
    expect(jsonNestsDeeperThan(`{"text":"a \\" ${'['.repeat(50)}"}`, 1)).toBe(false);
    expect(jsonNestsDeeperThan(`{"text":"ends in a backslash \\\\", "deep": [[[]]]}`, 3)).toBe(true);
  });

  it('refuses a body nested 100,000 levels', () => {
    expect(jsonNestsDeeperThan(nested(100_000), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('boundedJsonParser', () => {
  const parseWith = (body: string) => {
    const defaultParser = jest.fn((_request: FastifyRequest, text: string, done: (error: Error | null, value?: unknown) => void) => done(null, JSON.parse(text)));
    const parser = boundedJsonParser({ getDefaultJsonParser: () => defaultParser } as never);
    const done = jest.fn();
    (parser as (request: FastifyRequest, body: Buffer, done: jest.Mock) => void)({} as FastifyRequest, Buffer.from(body), done);
    return { defaultParser, done };
  };

  it('refuses a body deeper than MAX_JSON_DEPTH before parsing it', () => {
    const { defaultParser, done } = parseWith(nested(MAX_JSON_DEPTH + 1));
    expect(defaultParser).not.toHaveBeenCalled();
    expect(done).toHaveBeenCalledWith(expect.objectContaining({ statusCode: 400, message: `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels` }));
  });

  it('hands a body at MAX_JSON_DEPTH to the parser', () => {
    const { defaultParser, done } = parseWith(nested(MAX_JSON_DEPTH));
    expect(defaultParser).toHaveBeenCalledTimes(1);
    expect(done).toHaveBeenCalledWith(null, expect.any(Array));
  });
});
