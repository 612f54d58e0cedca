import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InvalidRecordReport } from '../../src/core/types';
import { assignDefined, mapRecords, readableId, type MapResult } from '../../src/adapters/records';

type Row = { id: string; name: string };

/** Accepts `{ id, name }` records with a string name; anything else is invalid, with its id when it has one. */
function mapRow(record: unknown): MapResult<Row> {
  const candidate = record as { id?: unknown; name?: unknown } | null;
  if (typeof candidate?.name === 'string' && typeof candidate.id === 'string') return { ok: true, value: { id: candidate.id, name: candidate.name } };
  const id = readableId(record);
  return { ok: false, ...(id === undefined ? {} : { id }), issues: ['name: must be text'] };
}

afterEach(() => vi.restoreAllMocks());

describe('mapRecords', () => {
  it('keeps the valid records in order and reports each invalid one with its index and id', () => {
    const reports: InvalidRecordReport[] = [];
    const result = mapRecords([{ id: 'a', name: 'A' }, { id: 'b' }, null, { id: 'c', name: 'C' }], mapRow, 'test', (report) => reports.push(report));
    expect(result).toEqual({ kept: [{ id: 'a', name: 'A' }, { id: 'c', name: 'C' }], invalid: 2 });
    expect(reports).toEqual([
      { source: 'test', index: 1, id: 'b', issues: ['name: must be text'] },
      { source: 'test', index: 2, issues: ['name: must be text'] },
    ]);
  });

  it('drops a record that repeats an earlier id on the page, keeping the first', () => {
    const reports: InvalidRecordReport[] = [];
    const result = mapRecords([{ id: 'a', name: 'first' }, { id: 'a', name: 'again' }], mapRow, 'test', (report) => reports.push(report));
    expect(result).toEqual({ kept: [{ id: 'a', name: 'first' }], invalid: 1 });
    expect(reports).toEqual([{ source: 'test', index: 1, id: 'a', issues: ['id: repeats the id of record 0 on this page (the first one is kept)'] }]);
  });

  it('counts invalid records without a handler, and survives a handler that throws', () => {
    expect(mapRecords([{ id: 'b' }], mapRow, 'test', undefined)).toEqual({ kept: [], invalid: 1 });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = mapRecords([{ id: 'b' }, { id: 'c', name: 'C' }], mapRow, 'test', () => {
      throw new Error('host bug');
    });
    expect(result).toEqual({ kept: [{ id: 'c', name: 'C' }], invalid: 1 });
    expect(logged).toHaveBeenCalledOnce();
  });
});

describe('readableId', () => {
  it('reads a string or whole-number id, and nothing else', () => {
    expect(readableId({ id: ' ps_1 ' })).toBe('ps_1');
    expect(readableId({ id: 42 })).toBe('42');
    expect(readableId({ id: -1 })).toBeUndefined();
    expect(readableId({ id: '' })).toBeUndefined();
    expect(readableId('ps_1')).toBeUndefined();
    expect(readableId(null)).toBeUndefined();
  });
});

describe('assignDefined', () => {
  it('copies only the defined values, so absent fields stay absent', () => {
    const target: { a?: number; b?: string; c?: boolean } = { c: true };
    assignDefined(target, { a: 0, b: undefined });
    expect(target).toStrictEqual({ c: true, a: 0 });
    expect('b' in target).toBe(false);
  });
});
