import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Document, Filter, FindOptions, IndexSpec, SortSpec, UpdateDocument } from '../read-store.port';
import { applyUpdate, findDocuments } from './mingo-eval';
import type { FindStrategy, SqliteCollection } from './sqlite-collection';
import { SqliteReadStore } from './sqlite-read-store';

// A fixed seed, so a failure reproduces and a run never depends on luck; PUSHDOWN_SEED picks another.
fc.configureGlobal({ seed: Number(process.env.PUSHDOWN_SEED ?? 20261205) });

/*
 * Differential tests: whatever SQLite answers (pushed-down filter, count, ORDER BY with
 * LIMIT/OFFSET), it must equal mingo over every document in insertion order, to the byte.
 * The values are chosen to collide: numbers vs numeric strings, booleans vs 0/1, null vs
 * missing, arrays (also nested) vs their elements, and strings whose UTF-8 byte order
 * differs from JavaScript's UTF-16 order.
 */

const STRINGS = ['a', 'b', 'A', 'ab', '', '1', '10', '2', 'é', 'x\u0000y', '😀', '\uE000', '\uFFFD', 'a\uD800', '["a"]', '{"k":"a"}'];
const NUMBERS = [0, 1, 2, 10, -1, 1.5, 0.1, -2.5e-8, 2 ** 53, 2 ** 60 + 256, 1e21];
const scalar = fc.oneof(fc.constantFrom(...STRINGS), fc.constantFrom(...NUMBERS), fc.boolean(), fc.constant(null));
const value = fc.oneof(
  { weight: 6, arbitrary: scalar },
  {
    weight: 2,
    arbitrary: fc.array(
      fc.oneof(
        { weight: 6, arbitrary: scalar },
        { weight: 1, arbitrary: fc.array(scalar, { maxLength: 2 }) },
        // Elements whose JSON text equals a string in STRINGS.
        { weight: 1, arbitrary: fc.constantFrom<unknown>(['a'], { k: 'a' }) },
      ),
      { maxLength: 3 },
    ),
  },
  { weight: 1, arbitrary: fc.record({ k: scalar }) },
);
const CLEAN_SORT_VALUES = new Set<unknown>(['2024-01-01', '2024-01-02', '2024-01-03', 'b', 1, 2, 10, 1.5]);
/**
 * Sort keys: mostly strings and numbers with duplicates, so the pushed-down sort is exercised;
 * sometimes strings SQLite orders differently from JavaScript (which the guard must catch,
 * also behind a NUL), or any value.
 */
const sortValue = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...CLEAN_SORT_VALUES) },
  { weight: 3, arbitrary: fc.constantFrom('😀', '\uE000', '\uFFFD', 'é') },
  { weight: 1, arbitrary: fc.constantFrom('x\u0000😀', 'x\u0000\uE000') },
  { weight: 1, arbitrary: value },
);
const FIELDS = ['a', 'b', 'c', 'tags'] as const;
/** `c` is the sort key: always present, mostly orderable. The others are often missing. */
const body = fc.record({ a: value, b: value, c: sortValue, tags: value }, { requiredKeys: ['c'] });

const PLAIN_IDS = ['d1', 'd2', 'd3', 'd10', 'D', 'é', '😀', '\uE000x', 'z\u0000😀', 'z\u0000\uE000'];
const plainId = fc.oneof(fc.constantFrom(...PLAIN_IDS), fc.integer({ min: 0, max: 40 }).map((n) => `i${n}`));
const anyId = fc.oneof({ weight: 9, arbitrary: plainId }, { weight: 1, arbitrary: fc.constant('x\uDC00') });
/**
 * Most collections hold only orderable `c` values, as real sort keys do, so SQL sorts them;
 * some also nulls and missing values (as an optional due date), which SQL may sort only for
 * a filter rejecting them.
 */
const docs = fc
  .tuple(fc.uniqueArray(fc.tuple(anyId, body), { selector: ([id]) => id, maxLength: 24 }), fc.constantFrom('any', 'orderable', 'nullable'))
  .map(([entries, mode]) =>
    entries.map(([_id, { c, ...fields }], i) => {
      if (mode === 'any' || CLEAN_SORT_VALUES.has(c)) return { _id, ...fields, c } as Document;
      if (mode === 'nullable' && i % 3 === 0) return { _id, ...fields, ...(i % 2 ? { c: null } : {}) } as Document;
      return { _id, ...fields, c: '2024-01-02' } as Document;
    }),
  );

const INDEXES: IndexSpec[] = [
  { keys: { a: 1 } },
  { keys: { a: 1, c: 1 } },
  { keys: { b: -1, c: 1 } },
  { keys: { c: 1 } },
  { keys: { tags: 1, b: 1 } },
];
const indexes = fc.subarray(INDEXES);

/** Values the pushdown accepts: it must translate filters built from them exactly. */
const pushable = fc.oneof(
  fc.constantFrom('a', 'b', 'A', 'ab', '', '1', '10', '2', 'é', 'x\u0000y', '😀', '\uE000', '\uFFFD', '["a"]', '{"k":"a"}', 'true'),
  fc.constantFrom(0, 1, 2, 10, -1, 1.5, 0.1, 2 ** 53, 1e21, '2024-01-02'),
  fc.boolean(),
  fc.constant(null),
);
const list = fc.array(pushable, { maxLength: 3 });
/** Range operands the pushdown accepts: numbers, and strings below U+D800. */
const rangeable = fc.constantFrom('a', 'b', 'ab', '', '1', '10', 'é', 'x\u0000y', '2024-01-02', 0, 1, 2, 10, -1, 1.5, 0.1, 2 ** 53, 1e21);
const literal = fc.constantFrom('a', 'b', '1', '', 'é', '😀', '\\.', '\\$1', 'x\u0000', 'ab', '"a"', 'k');
const exactCondition = fc.oneof(
  pushable,
  pushable.map(($eq) => ({ $eq })),
  pushable.map(($ne) => ({ $ne })),
  list.map(($in) => ({ $in })),
  list.map(($nin) => ({ $nin })),
  list.map(($all) => ({ $all })),
  fc.boolean().map(($exists) => ({ $exists })),
  literal.map(($regex) => ({ $regex })),
  literal.map(($regex) => ({ $regex, $options: '' })),
  fc.tuple(pushable, list).map(([$ne, $in]) => ({ $ne, $in })),
  rangeable.map(($gt) => ({ $gt })),
  rangeable.map(($lte) => ({ $lte })),
  fc.tuple(rangeable, rangeable).map(([$gte, $lt]) => ({ $gte, $lt })),
);
const plainIds = fc.array(plainId, { maxLength: 3 });
const exactIdCondition = fc.oneof(
  plainId,
  plainId.map(($eq) => ({ $eq })),
  plainId.map(($ne) => ({ $ne })),
  plainIds.map(($in) => ({ $in })),
  plainIds.map(($nin) => ({ $nin })),
  // The deadline process pages by (nextDueAt, _id): ids below U+D800 compare in SQL.
  fc.constantFrom('d1', 'd10', 'D', 'é', 'i2').map(($gt) => ({ $gt })),
  fc.constantFrom('d2', 'i', '').map(($lte) => ({ $lte })),
);
const flatExact = fc.record(
  { a: exactCondition, b: exactCondition, c: exactCondition, tags: exactCondition, _id: exactIdCondition },
  { requiredKeys: [] },
);
const exactFilter: fc.Arbitrary<Filter> = fc.oneof(
  { weight: 6, arbitrary: flatExact },
  // The national queue: everything, sorted (bounded by an index on the first sort key).
  { weight: 2, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.array(flatExact, { maxLength: 3 }).map(($and) => ({ $and })) },
  { weight: 1, arbitrary: fc.array(flatExact, { maxLength: 3 }).map(($or) => ({ $or })) },
);
/** Conditions left to mingo: SQL may only narrow the candidates. */
const fallbackCondition: fc.Arbitrary<Filter> = fc.oneof(
  fc.record({ a: fc.constantFrom<unknown>({ $gt: 1 }, { $lte: 'b' }, { $size: 1 }, ['a'], { k: 'a' }, 2 ** 60 + 256, 'a\uD800') }),
  fc.record({ c: fc.constantFrom<unknown>({ $regex: '^a' }, { $regex: 'A', $options: 'i' }, /b/, { $elemMatch: { $eq: 1 } }) }),
  fc.record({ 'a.k': pushable }),
  fc.record({ _id: fc.constantFrom<unknown>('x\uDC00', { $in: ['x\uDC00', 'd1'] }, { $gt: 'd' }) }),
  fc.record({ $nor: fc.constant([{ a: 'a' }]) }),
);
const anyFilter: fc.Arbitrary<Filter> = fc.oneof(
  { weight: 3, arbitrary: exactFilter },
  { weight: 1, arbitrary: fc.tuple(flatExact, fallbackCondition).map(([exact, rest]) => ({ ...exact, ...rest })) },
);

const sortField = fc.constantFrom('a', 'b', 'c', 'tags', '_id');
const sort: fc.Arbitrary<SortSpec> = fc
  .tuple(
    fc.uniqueArray(fc.tuple(sortField, fc.constantFrom(1 as const, -1 as const)), { selector: ([field]) => field, minLength: 1, maxLength: 3 }),
    fc.boolean(),
    fc.constantFrom(1 as const, -1 as const),
  )
  .map(([keys, byId, direction]) => {
    const spec: SortSpec = Object.fromEntries(keys);
    // The API's shape: one key, then _id the same way.
    if (byId && !('_id' in spec)) spec._id = direction;
    return spec;
  });
const options: fc.Arbitrary<FindOptions> = fc.record(
  {
    sort: fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: sort }),
    skip: fc.integer({ min: 0, max: 6 }),
    limit: fc.integer({ min: 0, max: 6 }),
    projection: fc.constantFrom<Record<string, 0 | 1>>({ b: 0 }, { a: 1 }),
  },
  { requiredKeys: [] },
);

const mutation = fc.oneof(
  fc.record({ set: fc.constantFrom(...FIELDS), to: value }),
  fc.record({ unset: fc.constantFrom(...FIELDS) }),
  fc.record({ remove: fc.constant(true) }),
  fc.record({ insert: body }),
);

type Outcome = { value: string } | { error: string };

function outcome(work: () => unknown): Outcome {
  try {
    return { value: JSON.stringify(work()) };
  } catch (error) {
    return { error: (error as Error).constructor.name };
  }
}

async function asyncOutcome(work: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { value: JSON.stringify(await work()) };
  } catch (error) {
    return { error: (error as Error).constructor.name };
  }
}

/** Documents as the store holds them: JSON round-tripped. */
const stored = (documents: Document[]): Document[] => JSON.parse(JSON.stringify(documents));

describe('SQLite pushdown: differential against mingo', () => {
  let dir: string;
  let store: SqliteReadStore;
  let collections = 0;
  /** How often each strategy answered, sorted queries apart. */
  const strategies: Record<string, number> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lacak-pushdown-'));
    store = SqliteReadStore.open({ file: join(dir, 'read-models.sqlite') });
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function seed(documents: Document[], specs: IndexSpec[], indexFirst: boolean): Promise<SqliteCollection> {
    const collection = store.collection(`p${collections++}`);
    if (indexFirst) for (const spec of specs) await collection.createIndex(spec);
    for (const doc of documents) await collection.insertOne(structuredClone(doc));
    if (!indexFirst) for (const spec of specs) await collection.createIndex(spec);
    return collection;
  }

  /** find, findOne and countDocuments answer as mingo does over `reference` (documents in insertion order). */
  async function expectSameAsMingo(collection: SqliteCollection, reference: Document[], filter: Filter, findOptions: FindOptions) {
    const plan = collection.plan(filter, findOptions);
    if (plan) {
      const key = `${plan.strategy}${findOptions.sort ? ' sorted' : ''}${plan.sql.includes('coalesce') ? ' bounded' : ''}`;
      strategies[key] = (strategies[key] ?? 0) + 1;
    }
    const context = { filter, findOptions, strategy: plan?.strategy };

    const expected = outcome(() => findDocuments(structuredClone(reference), filter, findOptions));
    const actual = await asyncOutcome(() => collection.find(filter, findOptions));
    if (findOptions.sort || !('value' in expected)) {
      expect({ ...context, result: actual }).toEqual({ ...context, result: expected });
    } else {
      // Without a sort the order (and so which page) is unspecified: compare what can be.
      const all = findDocuments(structuredClone(reference), filter, { projection: findOptions.projection });
      const page = JSON.parse((actual as { value: string }).value) as Document[];
      expect({ ...context, length: page.length }).toEqual({ ...context, length: JSON.parse(expected.value).length });
      const allTexts = new Set(all.map((doc) => JSON.stringify(doc)));
      expect(page.filter((doc) => !allTexts.has(JSON.stringify(doc)))).toEqual([]);
    }

    const count = await asyncOutcome(() => collection.countDocuments(filter));
    expect({ ...context, count }).toEqual({ ...context, count: outcome(() => findDocuments(reference, filter).length) });
  }

  it('answers exact filters, with and without sort/skip/limit, as mingo does', async () => {
    await fc.assert(
      fc.asyncProperty(docs, indexes, fc.boolean(), fc.array(fc.tuple(exactFilter, options), { minLength: 1, maxLength: 8 }),
        async (documents, specs, indexFirst, queries) => {
          const collection = await seed(documents, specs, indexFirst);
          const reference = stored(documents);
          for (const [filter, findOptions] of queries) {
            // null: no table yet (nothing inserted, no index), so nothing to plan.
            expect({ filter, exact: collection.plan(filter)?.exact ?? null }).toEqual({ filter, exact: documents.length || specs.length ? true : null });
            await expectSameAsMingo(collection, reference, filter, findOptions);
          }
        }),
      { numRuns: 200 },
    );
    // The property must have exercised the pushdown, not only the fallbacks.
    expect(strategies['sql sorted']).toBeGreaterThan(400);
    expect(strategies.sql).toBeGreaterThan(100);
    expect(strategies['matched sorted']).toBeGreaterThan(7);
  });

  it('answers the unfiltered queue, sorted and paged, as mingo does (reading only the page when an index holds the sort key)', async () => {
    const bounded = () => strategies['sql sorted bounded'] ?? 0;
    const before = bounded();
    const page = fc.record({
      sort: fc.constantFrom<SortSpec>({ c: 1 }, { c: -1 }, { c: 1, _id: 1 }, { c: -1, _id: -1 }, { c: -1, a: 1 }),
      skip: fc.integer({ min: 0, max: 8 }),
      limit: fc.integer({ min: 1, max: 5 }),
    });
    await fc.assert(
      fc.asyncProperty(docs, fc.subarray(INDEXES), fc.boolean(), fc.array(page, { minLength: 1, maxLength: 6 }),
        async (documents, specs, indexFirst, pages) => {
          const collection = await seed(documents, specs, indexFirst);
          for (const findOptions of pages) await expectSameAsMingo(collection, stored(documents), {}, findOptions);
        }),
      { numRuns: 125 },
    );
    expect(bounded() - before).toBeGreaterThan(75);
  });

  it('matches every colliding value with every pushed-down operator as mingo does, with and without an index', async () => {
    const values: unknown[] = [
      ...STRINGS, ...NUMBERS, true, false, null, {}, { k: 'a' }, 'a.', '😀a',
      [], ['a'], [['a']], [{ k: 'a' }], [1, 'a'], [null], [[null]], [true], [0], ['["a"]'], [['a', '1']], [[['a']]],
    ];
    const documents = [{ _id: 'missing' }, ...values.map((f, i) => ({ _id: `v${i}`, f }))] as Document[];
    const reference = stored(documents);
    const operands = [...STRINGS.filter((s) => !s.includes('\uD800')), ...NUMBERS.filter((n) => n !== 2 ** 60 + 256), true, false, null, 'true'];
    const rangeOperands = operands.filter((v) => typeof v === 'number' || (typeof v === 'string' && !/[\uD800-\uFFFF]/.test(v)));
    const filters: Filter[] = [
      { f: { $exists: true } },
      { f: { $exists: false } },
      ...['a', '1', '', 'é', '😀', '"a"', '\\['].map((pattern) => ({ f: { $regex: pattern } })),
      ...operands.flatMap((v) => [
        { f: v }, { f: { $ne: v } }, { f: { $in: [v, 'b'] } }, { f: { $nin: [v, 2] } }, { f: { $all: [v] } }, { f: { $all: [v, 'a'] } },
      ]),
      // Ranges compare within a type (strings with strings, numbers with numbers), arrays by element.
      ...rangeOperands.flatMap((v) => [{ f: { $gt: v } }, { f: { $gte: v } }, { f: { $lt: v } }, { f: { $lte: v, $gt: '' } }]),
    ];
    // SQLite would compare these differently (another int64, surrogate bytes): left to mingo.
    const unpushable: Filter[] = [
      ...[2 ** 60 + 256, 'a\uD800', '\uD83D'].flatMap((v) => [{ f: v }, { f: { $in: [v] } }, { f: { $ne: v } }]),
      // Not literal text: a metacharacter, a lone surrogate (half of 😀 to JavaScript), a flag.
      ...['.', 'a.', '\uD83D', 'a\uD800'].map((pattern) => ({ f: { $regex: pattern } })),
      { f: { $regex: 'A', $options: 'i' } },
      // Above U+D800 SQLite's byte order and JavaScript's differ; null and booleans have no range.
      ...['😀', '\uE000', '\uFFFD', null, true].map((v) => ({ f: { $lt: v } })),
    ];
    for (const indexed of [false, true]) {
      const collection = await seed(documents, indexed ? [{ keys: { f: 1 } }] : [], false);
      for (const filter of [...filters, ...unpushable]) {
        const exact = !unpushable.includes(filter);
        expect({ filter, exact: collection.plan(filter)?.exact }).toEqual({ filter, exact });
        const ids = (await collection.find(filter, { sort: { _id: 1 } })).map((doc) => doc._id);
        expect({ filter, indexed, ids }).toEqual({ filter, indexed, ids: findDocuments(reference, filter, { sort: { _id: 1 } }).map((doc) => doc._id) });
        expect({ filter, indexed, count: await collection.countDocuments(filter) }).toEqual({ filter, indexed, count: ids.length });
      }
    }
  });

  it('sorts in SQL only when SQLite orders every sort value as JavaScript does', async () => {
    const clean = ['', 'a', 'b', 'A', 'é', '\uD7FF', 'ab', 1, 2.5, -3, 10];
    // Pairs SQLite (UTF-8 bytes) and JavaScript (UTF-16 units) order differently, also behind a NUL.
    const tricky = [['😀', '\uE000'], ['😀', '\uFFFD'], ['x\u0000😀', 'x\u0000\uE000'], ['a\uD800', 'a\uFFFD']];
    for (const indexed of [false, true]) {
      for (const pair of [[], ...tricky]) {
        const values = [...clean, ...pair];
        const byValue = values.map((c, i) => ({ _id: `d${i}`, c })) as Document[];
        const byId = values.filter((c) => typeof c === 'string').map((_id, i) => ({ _id, n: i })) as Document[];
        for (const [documents, findOptions] of [
          [byValue, { sort: { c: 1 } }],
          [byValue, { sort: { c: -1, _id: 1 }, skip: 2, limit: 5 }],
          [byId, { sort: { _id: -1 } }],
        ] as const) {
          const collection = await seed(documents, indexed ? [{ keys: { c: 1 } }] : [], false);
          expect(collection.plan({}, findOptions)?.strategy).toBe(pair.length ? 'matched' : 'sql');
          await expectSameAsMingo(collection, stored(documents), {}, findOptions);
        }
      }
    }
  });

  it('keeps ties in insertion order when the sort lacks _id, whichever index SQLite reads', async () => {
    const documents = [
      { _id: 'k1', a: 'y', b: 1 },
      { _id: 'k2', a: 'x', b: 1 },
      { _id: 'k3', a: 'x', b: 0 },
      { _id: 'k4', a: 'y', b: 1 },
    ] as Document[];
    const collection = await seed(documents, [{ keys: { a: 1 } }, { keys: { b: 1 } }], true);
    for (const [filter, findOptions] of [
      [{ a: { $in: ['x', 'y'] } }, { sort: { b: 1 } }],
      [{ a: { $in: ['y', 'x'] } }, { sort: { b: -1 }, limit: 2 }],
      [{ b: 1 }, { sort: { b: 1 }, skip: 1 }],
    ] as const) {
      expect(collection.plan(filter, findOptions)?.strategy).toBe('sql');
      await expectSameAsMingo(collection, stored(documents), filter, findOptions);
    }
  });

  it('answers any filter as mingo does, also after updates, deletes and inserts', async () => {
    await fc.assert(
      fc.asyncProperty(
        docs, indexes, fc.boolean(),
        fc.array(fc.tuple(anyFilter, options), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(mutation, fc.nat()), { maxLength: 6 }),
        async (documents, specs, indexFirst, queries, mutations) => {
          const collection = await seed(documents, specs, indexFirst);
          let reference = stored(documents);
          for (const [filter, findOptions] of queries) await expectSameAsMingo(collection, reference, filter, findOptions);

          let inserted = 0;
          for (const [change, n] of mutations) {
            const target = reference[n % Math.max(reference.length, 1)];
            if ('insert' in change) {
              const doc = { _id: `new${inserted++}`, ...change.insert } as Document;
              await collection.insertOne(structuredClone(doc));
              reference.push(...stored([doc]));
            } else if (!target) {
              continue;
            } else if ('remove' in change) {
              await collection.deleteOne({ _id: target._id });
              reference = reference.filter((doc) => doc !== target);
            } else {
              const update: UpdateDocument = 'set' in change ? { $set: { [change.set]: change.to } } : { $unset: { [change.unset]: '' } };
              await collection.updateOne({ _id: target._id }, update);
              applyUpdate([target], { _id: target._id }, structuredClone(update));
              reference = stored(reference);
            }
            // Cached facts about sort values must not outlive a write.
            for (const [filter, findOptions] of queries) await expectSameAsMingo(collection, reference, filter, findOptions);
          }
        },
      ),
      // PUSHDOWN_RUNS=5000 for a longer hunt.
      { numRuns: Number(process.env.PUSHDOWN_RUNS ?? 125) },
    );
  });
});

describe('SQLite pushdown: the API queries', () => {
  let dir: string;
  let file: string;
  let store: SqliteReadStore;
  let complaints: SqliteCollection;

  // The complaints projection's indexes, as it declares them (this lib may not import projections).
  const COMPLAINT_INDEXES: IndexSpec[] = [
    { name: 'queue_agency_status_age', keys: { agencyPath: 1, status: 1, submittedAt: 1, _id: 1 } },
    { name: 'queue_agency_age', keys: { agencyPath: 1, submittedAt: 1, _id: 1 } },
    { name: 'queue_agency_due', keys: { agencyPath: 1, nextDueAt: 1, _id: 1 } },
    { name: 'queue_status_age', keys: { status: 1, submittedAt: 1, _id: 1 } },
    { name: 'queue_status_due', keys: { status: 1, nextDueAt: 1, _id: 1 } },
    { name: 'queue_age', keys: { submittedAt: 1, _id: 1 } },
    { name: 'queue_due', keys: { nextDueAt: 1, _id: 1 } },
    { name: 'reporter_age', keys: { reporterAccountId: 1, submittedAt: 1, _id: 1 } },
    { name: 'reporter_due', keys: { reporterAccountId: 1, nextDueAt: 1, _id: 1 } },
    { name: 'tracking_id', keys: { trackingId: 1 }, unique: true },
    { name: 'public_age', keys: { confidential: 1, submittedAt: 1, _id: 1 }, partialFilter: { confidential: false, classification: { $exists: true } } },
    { name: 'public_category_age', keys: { category: 1, submittedAt: 1, _id: 1 }, partialFilter: { confidential: false, classification: { $exists: true } } },
  ];
  const STATUSES = ['SUBMITTED', 'VERIFIED', 'DISPOSED', 'IN_PROGRESS'];

  function complaint(i: number): Document {
    const province = `id-${30 + (i % 4)}`;
    return {
      _id: `c${(i * 7919) % 1000}`,
      trackingId: `LPR-${i}`,
      status: STATUSES[i % STATUSES.length],
      agencyPath: ['national', province, `${province}-disdik`],
      reporterAccountId: i % 3 === 0 ? null : `acc-${i % 5}`,
      confidential: i % 5 === 0,
      anonymous: false,
      // Duplicates, so ties are broken by _id.
      submittedAt: new Date(Date.UTC(2024, 0, 1 + (i % 17))).toISOString(),
      searchText: `lpr-${i} ${i % 2 ? 'bpjs' : 'jalan'} rusak`,
      // Closed clocks have no due date; older documents lack the field and the flags.
      ...(i % 7 !== 6 && {
        nextDueAt: i % 4 === 3 ? null : new Date(Date.UTC(2024, 1, 1 + (i % 11))).toISOString(),
        isOverdue: i % 3 === 1,
        isEscalated: i % 8 === 2,
      }),
    };
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lacak-pushdown-api-'));
    file = join(dir, 'read-models.sqlite');
    store = SqliteReadStore.open({ file });
    complaints = store.collection('complaints');
    for (const spec of COMPLAINT_INDEXES) await complaints.createIndex(spec);
    await complaints.bulkWrite(Array.from({ length: 300 }, (_, i) => ({ insertOne: { document: complaint(i) } })));
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const page = (direction: 1 | -1, pageNumber = 1): FindOptions => ({
    sort: { submittedAt: direction, _id: direction },
    skip: (pageNumber - 1) * 20,
    limit: 20,
  });

  /** The filters `queueFilter` builds, and the public list's. */
  const API_FILTERS: Filter[] = [
    {},
    { status: 'SUBMITTED' },
    { status: { $in: ['DISPOSED', 'IN_PROGRESS'] } },
    { agencyPath: 'id-32' },
    { agencyPath: 'id-32', status: 'SUBMITTED' },
    { agencyPath: { $all: ['id-32', 'id-32-disdik'] }, status: { $in: ['VERIFIED', 'SUBMITTED'] } },
    { agencyPath: 'id-31', confidential: false, anonymous: false },
    { agencyPath: 'id-31', status: 'DISPOSED', searchText: { $regex: 'bpjs' } },
    { reporterAccountId: 'acc-1' },
    { confidential: false, status: { $nin: ['REJECTED', 'ARCHIVED_INVALID', 'DUPLICATE'] } },
    { status: 'SUBMITTED', isOverdue: true },
    { agencyPath: 'id-30', isEscalated: false },
  ];
  /** The work queue sorted by due date: documents without one are left out. */
  const dueFilter = (filter: Filter): Filter => ({ ...filter, nextDueAt: { $ne: null } });
  const DUE: FindOptions = { sort: { nextDueAt: 1, _id: 1 }, skip: 0, limit: 20 };

  it('answers them entirely in SQL, as mingo does', async () => {
    const reference = await complaints.find({});
    for (const filter of API_FILTERS) {
      for (const options of [page(1), page(-1), page(-1, 3), { sort: { submittedAt: 1, _id: 1 } as SortSpec, limit: 10_000 }]) {
        expect({ filter, options, plan: complaints.plan(filter, options)?.strategy }).toEqual({ filter, options, plan: 'sql' });
        expect(await complaints.find(filter, options)).toEqual(findDocuments(reference, filter, options));
      }
      expect(await complaints.countDocuments(filter)).toBe(findDocuments(reference, filter).length);
      expect({ filter, plan: complaints.plan(dueFilter(filter), DUE)?.strategy }).toEqual({ filter, plan: 'sql' });
      expect(await complaints.find(dueFilter(filter), DUE)).toEqual(findDocuments(reference, dueFilter(filter), DUE));
    }
  });

  it('reads a status page and its count from the status index, not from every document', () => {
    const plan = (filter: Filter, options: FindOptions & { count?: boolean } = page(-1)) => complaints.explain(filter, options).join('\n');

    expect(plan({ status: 'SUBMITTED' })).toMatch(/^SEARCH c_complaints USING INDEX c_complaints\.queue_status_age \(<expr>=\?\)/);
    // The index gives the submittedAt order; only ties are sorted, by _id.
    expect(plan({ status: 'SUBMITTED' })).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    // A count, and several statuses (sorted after the search either way), need no order: either index led by status serves them.
    expect(plan({ status: 'SUBMITTED' }, { count: true })).toMatch(/^SEARCH c_complaints USING COVERING INDEX c_complaints\.queue_status_(age|due) \(<expr>=\?\)$/);
    expect(plan({ status: { $in: ['DISPOSED', 'IN_PROGRESS'] } })).toMatch(/USING INDEX c_complaints\.queue_status_(age|due) \(<expr>=\?\)/);
    expect(plan({ status: { $in: ['DISPOSED', 'IN_PROGRESS'] } }, { count: true }))
      .toMatch(/USING COVERING INDEX c_complaints\.queue_status_(age|due) \(<expr>=\?\)/);
    // agencyPath holds arrays: the page is read in order along the side table of its elements (the
    // holders of a scalar agencyPath through the index), the count from side table and index alone.
    expect(plan({ agencyPath: 'id-32', status: 'SUBMITTED' })).toMatch(/^MERGE \(UNION ALL\)\nLEFT\nSEARCH s USING PRIMARY KEY \(k0=\?\)\n/);
    expect(plan({ agencyPath: 'id-32', status: 'SUBMITTED' })).toMatch(/\nRIGHT\nSEARCH c_complaints USING INDEX c_complaints\.queue_agency_age \(<expr>=\?\)/);
    expect(plan({ agencyPath: 'id-32', status: 'SUBMITTED' }, { count: true })).toMatch(/SEARCH c_complaints\.queue_agency_status_age\.multikey USING PRIMARY KEY \(k0=\? AND k1=\?\)/);
    expect(plan({ reporterAccountId: 'acc-1' })).toMatch(/^SEARCH c_complaints USING INDEX c_complaints\.reporter_age \(<expr>=\?\)/);
    expect(plan({ reporterAccountId: 'acc-1' })).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    expect(plan({ trackingId: 'LPR-7' }, {})).toMatch(/USING INDEX c_complaints\.tracking_id \(<expr>=\?\)/);
    // No filter: the page's last submittedAt comes from an index holding it, then only the page's documents are read.
    expect(complaints.plan({}, page(-1))?.sql).toMatch(/coalesce/);
    expect(plan({})).toMatch(/^SEARCH c_complaints USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(plan({})).not.toMatch(/^SCAN c_complaints$/m);
    // By due date: read in next_due order (nulls, keyed X'', come last), stopping after the page.
    expect(plan(dueFilter({}), DUE)).toMatch(/^SCAN c_complaints USING INDEX c_complaints\.queue_due/);
    expect(plan(dueFilter({}), DUE)).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    expect(plan({ _id: { $in: ['c1', 'c2'] } }, {})).toMatch(/USING INDEX sqlite_autoindex_c_complaints_1 \(_id=\?\)/);
  });

  it('sorts in mingo when a sort value is one SQLite would order differently, and again in SQL once it is gone', async () => {
    const filter = { status: 'SUBMITTED' };
    const options = page(1);
    expect(complaints.plan(filter, options)?.strategy).toBe('sql');
    const first = (await complaints.find(filter, options))[0];

    // mingo puts null before every string; SQLite's key puts it after.
    await complaints.updateOne({ _id: first._id }, { $set: { submittedAt: null } });
    expect(complaints.plan(filter, options)?.strategy).toBe('matched');
    const reference = await complaints.find({});
    expect(await complaints.find(filter, options)).toEqual(findDocuments(reference, filter, options));
    // Other statuses are still sorted in SQL: the check covers the filter's documents.
    expect(complaints.plan({ status: 'VERIFIED' }, options)?.strategy).toBe('sql');

    // Another connection's write (seen through PRAGMA data_version) also expires what was learnt.
    const other = SqliteReadStore.open({ file });
    await other.collection('complaints').updateOne({ _id: first._id }, { $set: { submittedAt: '2024-01-05T00:00:00.000Z' } });
    expect(complaints.plan(filter, options)?.strategy).toBe('sql');
    await other.collection('complaints').updateOne({ _id: first._id }, { $set: { submittedAt: '\u{1F600}' } });
    await other.close();
    expect(complaints.plan(filter, options)?.strategy).toBe('matched');
    const updated = await complaints.find({});
    expect(await complaints.find(filter, options)).toEqual(findDocuments(updated, filter, options));
  });

  it('sorts by a key with nulls in SQL only when the filter rejects them', async () => {
    const reference = await complaints.find({});
    const due = '2024-02-03T00:00:00.000Z';
    const cases: Array<[Filter, FindStrategy]> = [
      [{ nextDueAt: { $ne: null } }, 'sql'],
      [{ nextDueAt: { $nin: [null, due] } }, 'sql'],
      [{ nextDueAt: { $in: [due, '2024-02-04T00:00:00.000Z'] } }, 'sql'],
      [{ nextDueAt: due }, 'sql'],
      [{ $and: [{ status: 'VERIFIED' }, { nextDueAt: { $ne: null } }] }, 'sql'],
      // These let nulls and missing values through: mingo puts them first, SQLite's key last.
      [{}, 'matched'],
      [{ nextDueAt: { $ne: due } }, 'matched'],
      [{ nextDueAt: { $in: [null, due] } }, 'matched'],
      [{ nextDueAt: { $nin: [due] } }, 'matched'],
      [{ nextDueAt: { $exists: true } }, 'matched'],
      [{ $or: [{ nextDueAt: { $ne: null } }, { status: 'VERIFIED' }] }, 'matched'],
    ];
    for (const [filter, strategy] of cases) {
      for (const options of [DUE, { ...DUE, sort: { nextDueAt: -1, _id: -1 } as SortSpec, skip: 40 }]) {
        expect({ filter, plan: complaints.plan(filter, options)?.strategy }).toEqual({ filter, plan: strategy });
        expect(await complaints.find(filter, options)).toEqual(findDocuments(reference, filter, options));
      }
    }
  });

  it('drops the array branch of an equality only while no document holds an array there, then reads the side table', async () => {
    const sql = () => complaints.plan({ status: 'SUBMITTED' }, {})?.sql ?? '';
    expect(sql()).not.toMatch(/json_each/);
    await complaints.insertOne({ _id: 'multi', trackingId: 'LPR-multi', status: ['SUBMITTED', 'VERIFIED'], submittedAt: '2024-02-01' });
    // An index leads with status: its multikey side table holds the array's elements.
    expect(sql()).toMatch(/rowid IN \(SELECT rid FROM "c_complaints\.queue_status_age\.multikey" WHERE k0 IN/);
    expect((await complaints.find({ status: 'VERIFIED' })).map((doc) => doc._id)).toContain('multi');
    expect(await complaints.countDocuments({ status: 'SUBMITTED' })).toBe(76);
  });
});
