/**
 * Mapping a page of untrusted records: the valid ones kept, the others (and repeats) dropped and reported
 * to the host's `onInvalidRecord`.
 */
import * as v from 'valibot';
import type { InvalidRecordReport } from '../core/types';
import { IdSchema } from './schemas';

/** Called for each record dropped from a page, with its index in the response and why. */
export type InvalidRecordHandler = (report: InvalidRecordReport) => void;

/** The outcome of mapping one untrusted record. */
export type MapResult<T> = { ok: true; value: T } | { ok: false; id?: string; issues: string[] };

/**
 * Maps every record of a page, keeping the valid ones and reporting the others. A host's handler that throws
 * must not turn a readable page into an error, so its failure is logged and ignored.
 *
 * A record whose id an earlier record of the page already has is dropped and reported too: a session is
 * one row, and a repeated one would be counted twice in every total (and give the list two rows with
 * one key). The first occurrence is kept.
 */
export function mapRecords<T extends { id: string }>(
  records: readonly unknown[],
  mapOne: (record: unknown) => MapResult<T>,
  source: string,
  onInvalidRecord: InvalidRecordHandler | undefined,
): { kept: T[]; invalid: number } {
  const kept: T[] = [];
  const firstIndexById = new Map<string, number>();
  let invalid = 0;
  records.forEach((record, index) => {
    let result = mapOne(record);
    if (result.ok) {
      const first = firstIndexById.get(result.value.id);
      if (first === undefined) {
        firstIndexById.set(result.value.id, index);
        kept.push(result.value);
        return;
      }
      result = { ok: false, id: result.value.id, issues: [`id: repeats the id of record ${first} on this page (the first one is kept)`] };
    }
    invalid += 1;
    if (!onInvalidRecord) return;
    const report: InvalidRecordReport = { source, index, issues: result.issues };
    if (result.id !== undefined) report.id = result.id;
    try {
      onInvalidRecord(report);
    } catch (error) {
      console.error(`react-payment-sessions: onInvalidRecord threw while reporting a ${source} record.`, error);
    }
  });
  return { kept, invalid };
}

/** The id of an untrusted record when it can be read, for reports about records that are otherwise invalid. */
export function readableId(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const result = v.safeParse(IdSchema, (record as { id?: unknown }).id);
  return result.success ? result.output : undefined;
}

/** Copies only the defined values, so optional model fields are absent rather than present as `undefined`. */
export function assignDefined<T extends object>(target: T, values: { [K in keyof T]?: T[K] | undefined }): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}
