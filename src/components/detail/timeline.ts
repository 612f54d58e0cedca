import { lookup } from '../../core/lookup';
import type { Dispute, Money, PaymentSession, Refund } from '../../core/types';
import { timeOf } from '../shared/dates';
import type { Messages } from '../messages';

/** One entry of a session's timeline (see {@link sessionTimeline}). */
export interface SessionTimelineEvent {
  /** Unique within the timeline. */
  key: string;
  type: 'created' | 'authorized' | 'captured' | 'refund' | 'dispute';
  label: string;
  at: string | undefined;
  amount?: Money;
  /** The backend's status and reason for a refund or dispute, in words ({@link Messages.adjustmentCodes}). */
  note?: string;
}

/**
 * The session's events, labelled with `messages`, oldest first: created, authorized, captured, each
 * refund and each dispute. Events without a readable time keep their lifecycle order after the dated
 * ones (a refund the backend sent without a date still shows).
 */
export function sessionTimeline(session: PaymentSession, messages: Messages): SessionTimelineEvent[] {
  const events: SessionTimelineEvent[] = [];
  if (session.createdAt) events.push({ key: 'created', type: 'created', label: messages.eventCreated, at: session.createdAt });
  if (session.authorizedAt) events.push({ key: 'authorized', type: 'authorized', label: messages.eventAuthorized, at: session.authorizedAt });
  if (session.capturedAt) {
    events.push({ key: 'captured', type: 'captured', label: messages.eventCaptured, at: session.capturedAt, amount: session.capturedAmount });
  }
  session.refunds.forEach((refund, index) =>
    events.push(adjustmentEvent('refund', refund, index, messages.eventRefund, messages)),
  );
  session.disputes.forEach((dispute, index) =>
    events.push(adjustmentEvent('dispute', dispute, index, messages.eventDispute, messages)),
  );
  return events
    .map((event, order) => ({ event, order, time: timeOf(event.at) }))
    .sort((a, b) => {
      const aDated = !Number.isNaN(a.time);
      const bDated = !Number.isNaN(b.time);
      if (aDated && bDated && a.time !== b.time) return a.time - b.time;
      if (aDated !== bDated) return aDated ? -1 : 1;
      return a.order - b.order;
    })
    .map(({ event }) => event);
}

/** A refund's or dispute's status or reason code in words, or as written when `messages` does not know it. */
export function adjustmentCodeText(code: string, messages: Messages): string {
  return lookup(messages.adjustmentCodes, code.toLowerCase()) ?? code;
}

function adjustmentEvent(type: 'refund' | 'dispute', entry: Refund | Dispute, index: number, label: string, messages: Messages): SessionTimelineEvent {
  const note =
    [entry.status, entry.reason]
      .filter((code): code is string => Boolean(code))
      .map((code) => adjustmentCodeText(code, messages))
      .join(' · ') || undefined;
  return { key: `${type}-${entry.id}-${index}`, type, label, at: entry.createdAt, amount: entry.amount, note };
}

