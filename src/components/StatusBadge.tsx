import { lookup } from '../core/lookup';
import type { SessionStatus } from '../core/types';
import { cx, useMessages } from './theme';

/** Color family of a status; the badge also carries a distinct glyph so color is never the only cue. */
export type StatusTone = 'success' | 'danger' | 'warning' | 'neutral' | 'info';

const TONES: Record<SessionStatus, StatusTone> = {
  pending: 'neutral',
  processing: 'info',
  authorized: 'info',
  captured: 'success',
  partially_captured: 'info',
  refunded: 'warning',
  partially_refunded: 'warning',
  disputed: 'danger',
  voided: 'neutral',
  expired: 'neutral',
  canceled: 'neutral',
  rejected: 'danger',
  unknown: 'neutral',
};

const GLYPHS: Record<StatusTone, string> = { success: '✓', danger: '!', warning: '↺', info: '•', neutral: '○' };

/** The tone a status is drawn in. */
export function statusTone(status: SessionStatus): StatusTone {
  // A custom adapter may hand over a status outside the model, even `constructor`.
  return lookup(TONES, status) ?? 'neutral';
}

export interface StatusBadgeProps {
  status: SessionStatus;
  /** The backend's own text, shown for `unknown` statuses so nothing is hidden. */
  rawStatus?: string;
  className?: string;
}

/**
 * A session's status as text with a tone; the visible label is the accessible name.
 *
 * @example
 * <StatusBadge status={session.status} rawStatus={session.rawStatus} />
 */
export function StatusBadge({ status, rawStatus, className }: StatusBadgeProps) {
  const messages = useMessages();
  const tone = statusTone(status);
  const label = (status === 'unknown' && rawStatus ? rawStatus : lookup(messages.status, status)) ?? rawStatus ?? status;
  return (
    <span className={cx('rps-status-badge', className)} data-status={status} data-tone={tone}>
      <span aria-hidden="true">{GLYPHS[tone]}</span>
      {label}
    </span>
  );
}
