import type { CreateIndexesOptions, IndexDescriptionInfo } from 'mongodb';
import { InvalidOperationError } from '../errors';
import type { IndexSpec } from '../read-store.port';
import { fromIndexDescription, toIndexOptions } from './mongo-indexes';

/** What listIndexes returns for an index created with `keys` and these options, as MongoDB 8 lists it. */
function listed({ keys, name, unique, partialFilterExpression }: Pick<IndexSpec, 'keys'> & CreateIndexesOptions): IndexDescriptionInfo {
  return { v: 2, key: keys, name, ...(unique && { unique }), ...(partialFilterExpression && { partialFilterExpression }) };
}

describe('index specs', () => {
  it.each<IndexSpec>([
    { keys: { agencyId: 1, status: 1, submittedAt: -1 }, name: 'agencyId_1_status_1_submittedAt_-1' },
    { keys: { 'location.district.code': 1, agencyId: 1 }, name: 'district_agency', unique: true },
    { keys: { category: 1, submittedAt: 1, _id: 1 }, name: 'public_by_category', partialFilter: { confidential: false, classification: { $exists: true } } },
  ])('round-trips %j through createIndex options and listIndexes', (spec) => {
    expect(fromIndexDescription(listed({ keys: spec.keys, ...toIndexOptions(spec) }))).toEqual(spec);
  });

  it('sends a partial filter as partialFilterExpression and refuses one on a unique index', () => {
    expect(toIndexOptions({ keys: { a: 1 }, partialFilter: { b: true } })).toEqual({ partialFilterExpression: { b: true } });
    expect(() => toIndexOptions({ keys: { a: 1 }, name: 'by_a', unique: true, partialFilter: { b: true } })).toThrow(InvalidOperationError);
  });

  it('keeps the key order of a compound index', () => {
    const spec = fromIndexDescription(listed({ keys: { z: 1, a: -1, m: 1 }, name: 'z_1_a_-1_m_1' }));
    expect(Object.keys(spec?.keys ?? {})).toEqual(['z', 'a', 'm']);
  });

  it('sends a name only when given and unique only when true', () => {
    expect(toIndexOptions({ keys: { a: 1 } })).toEqual({});
    expect(toIndexOptions({ keys: { a: 1 }, name: 'by_a', unique: false })).toEqual({ name: 'by_a' });
    expect(toIndexOptions({ keys: { a: 1 }, unique: true })).toEqual({ unique: true });
  });

  it('sends a text index with default_language none and reads it back from the weights MongoDB lists', () => {
    const spec: IndexSpec = { keys: { searchText: 'text' }, name: 'search_text', default_language: 'none' };
    expect(toIndexOptions(spec)).toEqual({ name: 'search_text', default_language: 'none' });
    const description: IndexDescriptionInfo = { v: 2, key: { _fts: 'text', _ftsx: 1 }, name: 'search_text', weights: { searchText: 1 }, default_language: 'none', textIndexVersion: 3 };
    expect(fromIndexDescription(description)).toEqual(spec);
    expect(() => toIndexOptions({ keys: { searchText: 'text' } })).toThrow(InvalidOperationError);
    expect(() => toIndexOptions({ keys: { searchText: 'text', status: 1 }, default_language: 'none' })).toThrow(InvalidOperationError);
  });

  it('leaves out _id_ and indexes whose keys are not 1, -1 or text', () => {
    expect(fromIndexDescription({ v: 2, key: { _id: 1 }, name: '_id_' })).toBeNull();
    expect(fromIndexDescription({ v: 2, key: { agencyId: 'hashed' }, name: 'agencyId_hashed' })).toBeNull();
  });
});
