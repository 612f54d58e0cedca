/**
 * The Radix part of `SessionDetail`: the dialog and everything in it. Loaded on demand (see
 * `SessionDetail.tsx`), so a page that never opens a session never pays for Radix.
 */
import { lookup } from '../../core/lookup';
import type { CSSProperties, ReactNode, RefObject } from 'react';
import { lazy, Suspense, useId, useState } from 'react';
import { usePaymentSessionsConfig } from '../../hooks/context';
import * as Dialog from '@radix-ui/react-dialog';
import { isPlainRecord, safeHttpUrl, sanitizeRaw } from '../../core/sanitize';
import type { Dispute, LineItem, Money, PaymentSession, Refund } from '../../core/types';
import type { Formatters } from '../format';
import type { Messages } from '../messages';
import { ErrorText } from '../error-text';
import type { SessionDetailPart, SessionLookup } from './types';
import { StatusBadge } from '../StatusBadge';
import { cx, useMessages, type Appearance, type ClassNames } from '../theme';
import { isoInstant } from '../shared/dates';
import { useBrowserLayoutEffect } from '../shared/use-browser-layout-effect';
import { readThemeVariables } from './theme-variables';
import { adjustmentCodeText, sessionTimeline } from './timeline';

/** What `SessionDetail` hands over once its props are resolved. */
export interface SessionDetailDialogProps {
  session: PaymentSession | null | undefined;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  container: HTMLElement | null | undefined;
  messages: Messages;
  formatters: Formatters;
  appearance: Appearance | undefined;
  /** The language of the dialog's text (it is portaled outside the host's `.rps-root`). */
  lang: string | undefined;
  unstyled: boolean;
  className: string | undefined;
  classNames: ClassNames<SessionDetailPart> | undefined;
  /** The theme's variables and the host's style, already merged (they win over the inherited variables). */
  style: CSSProperties;
  /**
   * A hidden element where `SessionDetail` is rendered: the theme variables that apply there (a
   * `ThemeProvider`, the host's CSS) are read from it on opening, since the portal leaves the host's tree.
   */
  themeAnchorRef: RefObject<HTMLElement | null>;
  onCloseAutoFocus: ((event: Event) => void) | undefined;
  /** Shown instead of a session while one opened by id is fetched, missing, or failed. */
  lookup?: SessionLookup | undefined;
}

export default function SessionDetailDialog(props: SessionDetailDialogProps) {
  const { session, open, onOpenChange, container, messages, formatters, className, classNames, unstyled } = props;
  const lookup = session ? undefined : props.lookup;
  const [inheritedTheme, setInheritedTheme] = useState<CSSProperties | undefined>(undefined);
  useBrowserLayoutEffect(() => {
    const anchor = props.themeAnchorRef.current;
    if (!open || unstyled || !anchor) return;
    setInheritedTheme(readThemeVariables(anchor) as CSSProperties);
  }, [open, unstyled]);
  const body = lookup ? (
    <LookupBody lookup={lookup} messages={messages} classNames={classNames} />
  ) : session ? (
    <DetailBody session={session} messages={messages} formatters={formatters} classNames={classNames} />
  ) : null;
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {body ? (
        <Dialog.Portal container={container ?? undefined}>
          <div
            // Outside the host's `.rps-root`: this element is the theme root of the dialog.
            className={cx('rps-session-detail', unstyled ? undefined : 'rps-root', className, classNames?.root)}
            style={{ ...inheritedTheme, ...props.style }}
            data-appearance={props.appearance}
            lang={props.lang}
            data-unstyled={unstyled || undefined}
            data-lookup-state={lookup?.state}
            data-status={lookup ? undefined : session?.status}
          >
            <Dialog.Overlay className={cx('rps-session-detail__overlay', classNames?.overlay)} />
            <Dialog.Content
              className={cx('rps-session-detail__content', classNames?.content)}
              onCloseAutoFocus={props.onCloseAutoFocus}
              aria-busy={lookup?.state === 'loading' || undefined}
            >
              {body}
            </Dialog.Content>
          </div>
        </Dialog.Portal>
      ) : null}
    </Dialog.Root>
  );
}

/** The dialog while a session opened by id is not there: loading, not found, or failed with Retry. */
function LookupBody({ lookup, messages, classNames }: { lookup: SessionLookup; messages: Messages; classNames: ClassNames<SessionDetailPart> | undefined }) {
  const { state, sessionId, error, onRetry } = lookup;
  const title =
    state === 'loading' ? messages.detailLookupLoading(sessionId) : state === 'not-found' ? messages.detailNotFoundTitle : messages.detailLookupFailed;
  return (
    <>
      <header className={cx('rps-session-detail__header', classNames?.header)}>
        <div className="rps-session-detail__heading-group">
          <Dialog.Title className={cx('rps-session-detail__title', classNames?.title)}>{title}</Dialog.Title>
          {state === 'not-found' ? (
            <Dialog.Description className={cx('rps-session-detail__description', classNames?.description)}>
              {messages.detailNotFound(sessionId)}
            </Dialog.Description>
          ) : (
            <Dialog.Description className="rps-visually-hidden">{sessionId}</Dialog.Description>
          )}
        </div>
        <Dialog.Close className={cx('rps-button', 'rps-session-detail__close', classNames?.close)}>{messages.close}</Dialog.Close>
      </header>
      {state === 'loading' ? <div className="rps-session-detail__lookup-loading rps-skeleton" aria-hidden="true" /> : null}
      {state === 'error' && error ? (
        <div role="alert" className="rps-session-detail__lookup-error">
          <ErrorText
            error={error}
            messages={messages}
            prefix="rps-session-detail__lookup-error"
            action={
              onRetry ? (
                <button type="button" className="rps-button rps-session-detail__retry" onClick={onRetry}>
                  {messages.retry}
                </button>
              ) : null
            }
          />
        </div>
      ) : null}
    </>
  );
}

/**
 * The merchant actions, a chunk of their own fetched only when the provider has an actions client; a
 * chunk that cannot load leaves the rest of the detail working and says the service is out of reach.
 */
const SessionActions = lazy(() =>
  import('../actions/SessionActions').catch(() => ({
    default: function ActionsUnavailable() {
      return <p className="rps-session-actions">{useMessages().errorReason.network}</p>;
    },
  })),
);

function DetailActions({ session, messages, locale }: { session: PaymentSession; messages: Messages; locale: string | undefined }) {
  const client = usePaymentSessionsConfig()?.actions;
  if (!client || client.source !== session.source) return null;
  return (
    // The fallback holds a button's height, so the body does not jump when the buttons arrive.
    <Suspense fallback={<div className="rps-session-actions" aria-hidden="true" />}>
      <SessionActions session={session} messages={messages.actions} locale={locale} />
    </Suspense>
  );
}

interface BodyProps {
  session: PaymentSession;
  messages: Messages;
  formatters: Formatters;
  classNames: ClassNames<SessionDetailPart> | undefined;
}

function DetailBody({ session, messages, formatters, classNames }: BodyProps) {
  const paymentUrl = safeHttpUrl(session.paymentUrl);
  const overview: Array<[string, ReactNode]> = [];
  if (session.kind) overview.push([messages.columnKind, lookup(messages.kind, session.kind) ?? session.kind]);
  if (session.orderId) overview.push([messages.orderId, session.orderId]);
  if (session.paymentToken) overview.push([messages.paymentToken_ ?? messages.detailPaymentToken, <code key="token">{session.paymentToken}</code>]);

  // The amount is always listed (the fallback says it is unknown); the others only when the backend sent them.
  const optionalAmounts: Array<[string, Money | undefined]> = [
    [messages.captured, session.capturedAmount],
    [messages.refunded, session.refundedAmount],
    [messages.refundable, session.refundableAmount],
    [messages.capturable, session.capturableAmount],
    [messages.fee, session.fee],
  ];
  const amounts: Array<[string, ReactNode]> = [
    [messages.amount, formatters.money(session.amount)],
    ...optionalAmounts.flatMap(([label, money]): Array<[string, ReactNode]> => (money ? [[label, formatters.money(money)]] : [])),
  ];
  const customer: Array<[string, string | undefined]> = [
    [messages.customerName, session.customer?.name],
    [messages.customerEmail, session.customer?.email],
    [messages.customerBusinessId, session.customer?.businessId],
  ];
  const customerEntries = customer.filter((entry): entry is [string, string] => Boolean(entry[1]));
  // As an adapter keeps it (secrets out, links checked, strings capped), in case a custom one did not.
  const metadata = session.metadata === undefined || session.metadata === null ? undefined : sanitizeRaw(session.metadata);

  return (
    <>
      <header className={cx('rps-session-detail__header', classNames?.header)}>
        <div className="rps-session-detail__heading-group">
          <Dialog.Title className={cx('rps-session-detail__title', classNames?.title)}>{messages.detailTitle(session.id)}</Dialog.Title>
          <Dialog.Description className={cx('rps-session-detail__description', classNames?.description)}>
            <StatusBadge status={session.status} rawStatus={session.rawStatus} />{' '}
            <span className="rps-session-detail__total">{formatters.money(session.amount)}</span>
          </Dialog.Description>
        </div>
        <Dialog.Close className={cx('rps-button', 'rps-session-detail__close', classNames?.close)}>{messages.close}</Dialog.Close>
      </header>

      <DetailActions session={session} messages={messages} locale={formatters.locale} />

      {overview.length > 0 ? <DefinitionList entries={overview} classNames={classNames} part="overview" /> : null}
      {paymentUrl ? (
        <p className="rps-session-detail__link-row">
          <a className={cx('rps-session-detail__link', classNames?.link)} href={paymentUrl} target="_blank" rel="noopener noreferrer">
            {messages.paymentLink}
            {/* Opens in a new tab; the arrow is decoration only. */}
            <span aria-hidden="true"> ↗</span>
          </a>
        </p>
      ) : null}

      <Section title={messages.amounts} part="amounts" classNames={classNames}>
        <DefinitionList entries={amounts} classNames={classNames} part="amounts" />
      </Section>

      {customerEntries.length > 0 ? (
        <Section title={messages.customer} part="customer" classNames={classNames}>
          <DefinitionList entries={customerEntries} classNames={classNames} part="customer" />
        </Section>
      ) : null}

      <Section title={messages.timeline} part="timeline" classNames={classNames}>
        <Timeline session={session} messages={messages} formatters={formatters} classNames={classNames} />
      </Section>

      {session.items.length > 0 ? (
        <Section title={messages.lineItems} part="items" classNames={classNames}>
          {(headingId) => (
            <LineItemsTable items={session.items} labelledBy={headingId} messages={messages} formatters={formatters} classNames={classNames} />
          )}
        </Section>
      ) : null}

      {session.refunds.length > 0 ? (
        <Section title={messages.refunds} part="refunds" classNames={classNames}>
          {(headingId) => (
            <AdjustmentsTable entries={session.refunds} labelledBy={headingId} messages={messages} formatters={formatters} classNames={classNames} />
          )}
        </Section>
      ) : null}

      {session.disputes.length > 0 ? (
        <Section title={messages.disputes} part="disputes" classNames={classNames}>
          {(headingId) => (
            <AdjustmentsTable entries={session.disputes} labelledBy={headingId} messages={messages} formatters={formatters} classNames={classNames} />
          )}
        </Section>
      ) : null}

      {metadata !== undefined ? (
        <Section title={messages.metadata} part="metadata" classNames={classNames}>
          <Metadata value={metadata} messages={messages} classNames={classNames} />
        </Section>
      ) : null}
    </>
  );
}

function Section({
  title,
  part,
  classNames,
  children,
}: {
  title: string;
  part: string;
  classNames: ClassNames<SessionDetailPart> | undefined;
  /** The content, or a function of the heading's id (to name a table after the section). */
  children: ReactNode | ((headingId: string) => ReactNode);
}) {
  const headingId = useId();
  return (
    <section className={cx('rps-session-detail__section', classNames?.section)} data-section={part} aria-labelledby={headingId}>
      <h3 id={headingId} className={cx('rps-session-detail__section-title', classNames?.heading)}>
        {title}
      </h3>
      {typeof children === 'function' ? children(headingId) : children}
    </section>
  );
}

function DefinitionList({
  entries,
  part,
  classNames,
}: {
  entries: Array<[string, ReactNode]>;
  part: string;
  classNames: ClassNames<SessionDetailPart> | undefined;
}) {
  return (
    <dl className={cx('rps-session-detail__list', classNames?.list)} data-list={part}>
      {entries.map(([label, value], index) => (
        <div key={`${index}-${label}`} className="rps-session-detail__entry">
          <dt className="rps-session-detail__term">{label}</dt>
          <dd className="rps-session-detail__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A date as `<time>` when it is readable, else the fallback text. */
function DateText({ iso, formatters }: { iso: string | undefined; formatters: Formatters }) {
  const instant = isoInstant(iso);
  return instant ? <time dateTime={instant}>{formatters.dateTime(iso)}</time> : <>{formatters.fallback}</>;
}

function Timeline({ session, messages, formatters, classNames }: BodyProps) {
  const events = sessionTimeline(session, messages);
  if (events.length === 0) return <p className="rps-session-detail__empty">{messages.none}</p>;
  return (
    <ol className={cx('rps-session-detail__timeline', classNames?.timeline)}>
      {events.map((event) => (
        <li key={event.key} className="rps-session-detail__event" data-event={event.type}>
          <span className="rps-session-detail__event-time">
            <DateText iso={event.at} formatters={formatters} />
          </span>{' '}
          <span className="rps-session-detail__event-label">{event.label}</span>
          {event.amount ? <span className="rps-session-detail__event-amount"> {formatters.money(event.amount)}</span> : null}
          {event.note ? <span className="rps-session-detail__event-note"> {event.note}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** `$10.00 · Qty 2`: a remaining amount with the quantity it covers, when the backend sent one. */
function withQuantity(money: Money | undefined, quantity: number | undefined, messages: Messages, formatters: Formatters): string {
  const amount = formatters.money(money);
  return quantity === undefined ? amount : `${amount} · ${messages.itemQuantity} ${formatters.number(quantity)}`;
}

/** Props of the detail's tables: named after their section's heading. */
type TableProps = Omit<BodyProps, 'session'> & { labelledBy: string };

function LineItemsTable({ items, labelledBy, messages, formatters, classNames }: TableProps & { items: LineItem[] }) {
  // Refundable/capturable columns only when some item has them (captured / open authorization).
  const showRefundable = items.some((item) => item.refundable !== undefined || item.quantityRefundable !== undefined);
  const showCapturable = items.some((item) => item.capturable !== undefined || item.quantityCapturable !== undefined);
  return (
    <div className="rps-session-detail__table-scroller">
      {/* Focusable, so that arrow keys scroll a table wider than a narrow dialog (its focus trap skips the scroller). */}
      <table className={cx('rps-session-detail__table', classNames?.table)} data-table="items" aria-labelledby={labelledBy} tabIndex={0}>
        <thead>
          <tr>
            <th scope="col" className="rps-session-detail__header-cell">{messages.itemName}</th>
            <th scope="col" className="rps-session-detail__header-cell" data-align="end">{messages.itemQuantity}</th>
            <th scope="col" className="rps-session-detail__header-cell" data-align="end">{messages.itemUnitPrice}</th>
            <th scope="col" className="rps-session-detail__header-cell" data-align="end">{messages.itemTotal}</th>
            {showRefundable ? <th scope="col" className="rps-session-detail__header-cell" data-align="end">{messages.itemRefundable}</th> : null}
            {showCapturable ? <th scope="col" className="rps-session-detail__header-cell" data-align="end">{messages.itemCapturable}</th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr key={`${item.sku ?? item.name}-${index}`}>
              <th scope="row" className="rps-session-detail__cell rps-session-detail__row-header">
                {item.name}
                {item.sku ? <span className="rps-session-detail__secondary"> {item.sku}</span> : null}
              </th>
              <td className="rps-session-detail__cell" data-align="end">{formatters.number(item.quantity)}</td>
              <td className="rps-session-detail__cell" data-align="end">{formatters.money(item.unitPrice)}</td>
              <td className="rps-session-detail__cell" data-align="end">{formatters.money(item.total)}</td>
              {showRefundable ? (
                <td className="rps-session-detail__cell" data-align="end">{withQuantity(item.refundable, item.quantityRefundable, messages, formatters)}</td>
              ) : null}
              {showCapturable ? (
                <td className="rps-session-detail__cell" data-align="end">{withQuantity(item.capturable, item.quantityCapturable, messages, formatters)}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AdjustmentsTable({ entries, labelledBy, messages, formatters, classNames }: TableProps & { entries: Array<Refund | Dispute> }) {
  return (
    <div className="rps-session-detail__table-scroller">
      <table className={cx('rps-session-detail__table', classNames?.table)} aria-labelledby={labelledBy} tabIndex={0}>
        <thead>
          <tr>
            <th scope="col" className="rps-session-detail__header-cell">{messages.detailReference}</th>
            <th scope="col" className="rps-session-detail__header-cell">{messages.columnCreated}</th>
            <th scope="col" className="rps-session-detail__header-cell" data-align="end">{messages.amount}</th>
            <th scope="col" className="rps-session-detail__header-cell">{messages.columnStatus}</th>
            <th scope="col" className="rps-session-detail__header-cell">{messages.detailReason}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => (
            <tr key={`${entry.id}-${index}`}>
              <th scope="row" className="rps-session-detail__cell rps-session-detail__row-header">
                <code>{entry.id}</code>
              </th>
              <td className="rps-session-detail__cell">
                <DateText iso={entry.createdAt} formatters={formatters} />
              </td>
              <td className="rps-session-detail__cell" data-align="end">{formatters.money(entry.amount)}</td>
              <td className="rps-session-detail__cell">{entry.status ? adjustmentCodeText(entry.status, messages) : formatters.fallback}</td>
              <td className="rps-session-detail__cell">{entry.reason ? adjustmentCodeText(entry.reason, messages) : formatters.fallback}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Any value as readable text (React escapes it; nothing is ever parsed as HTML). */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

function Metadata({
  value,
  messages,
  classNames,
}: {
  value: unknown;
  messages: Messages;
  classNames: ClassNames<SessionDetailPart> | undefined;
}) {
  if (!isPlainRecord(value)) {
    return <pre className={cx('rps-session-detail__pre', 'rps-session-detail__metadata', classNames?.metadata)}>{asText(value)}</pre>;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return <p className="rps-session-detail__empty">{messages.none}</p>;
  return (
    <dl className={cx('rps-session-detail__list', 'rps-session-detail__metadata', classNames?.list, classNames?.metadata)} data-list="metadata">
      {entries.map(([key, entry]) => (
        <div key={key} className="rps-session-detail__entry">
          <dt className="rps-session-detail__term">
            <code>{key}</code>
          </dt>
          <dd className="rps-session-detail__value">
            {entry !== null && typeof entry === 'object' ? <pre className="rps-session-detail__pre">{asText(entry)}</pre> : asText(entry)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
