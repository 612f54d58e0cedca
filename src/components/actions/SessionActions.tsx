/**
 * The merchant actions' UI: one button per action a session allows, each opening its Radix dialog
 * (refund, capture, void, cancel) driven by `useSessionAction`. A chunk of its own, loaded only where a
 * provider has an actions client.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  SESSION_ACTIONS,
  checkActionInput,
  refundItemLimits,
  REFUND_REASONS,
  type ActionInputProblem,
  type RefundInput,
  type RefundItem,
  type RefundReason,
  type SessionActionName,
} from '../../core/actions';
import type { PaymentSessionsError } from '../../core/errors';
import { lookup } from '../../core/lookup';
import { currencyExponent, minorToDecimalString, parseDecimalToMinor } from '../../core/money';
import type { Money, PaymentSession } from '../../core/types';
import { usePaymentSessionsConfig } from '../../hooks/context';
import { useSessionAction, type SessionActionConfirmProblem, type UseSessionActionResult } from '../../hooks/use-session-action';
import { getFormatters, type Formatters } from '../format';
import type { ActionMessages } from '../messages';
import { cx, useMessages } from '../theme';
import { defaultActionMessages } from './messages';

/** Props of {@link SessionActions}. */
export interface SessionActionsProps {
  /** The session to act on: the record the list or `usePaymentSession` holds. */
  session: PaymentSession;
  /** Override any of the actions' strings (they also come from the theme's `messages.actions`). */
  messages?: Partial<ActionMessages>;
  /** Class of the area holding the buttons. */
  className?: string;
  /** BCP 47 locale for amounts. @defaultValue the provider's `locale` */
  locale?: string;
}

/** What every action's dialog receives. */
export interface ActionDialogProps {
  session: PaymentSession;
  messages: ActionMessages;
  formatters: Formatters;
}

/** The strings in effect: the English defaults, then the theme's `messages.actions`, then the props'. */
function useActionMessages(own: Partial<ActionMessages> | undefined): ActionMessages {
  const themed = useMessages().actions;
  return useMemo(() => ({ ...defaultActionMessages, ...themed, ...own }), [themed, own]);
}

function useFormatters(locale: string | undefined): Formatters {
  const config = usePaymentSessionsConfig();
  return getFormatters(locale ?? config?.locale, config?.timeZone, useMessages().unknownValue);
}

/**
 * The actions area of a session: a button for each action the provider's actions client can perform on
 * it now (`actionsFor`), each opening a dialog that asks, confirms, runs and reports. Renders nothing
 * without an actions client, or for a session of another source.
 *
 * @example
 * <PaymentSessionsProvider fetcher={fetcher} actions={createTruemedActions({ baseUrl: '/api/truemed' })}>
 *   <SessionActions session={session} />
 * </PaymentSessionsProvider>
 */
export function SessionActions({ session, messages: own, className, locale }: SessionActionsProps) {
  const client = usePaymentSessionsConfig()?.actions;
  const messages = useActionMessages(own);
  const formatters = useFormatters(locale);
  const areaRef = useRef<HTMLDivElement>(null);
  // An action whose attempt is on screen keeps its button (and dialog) though the session, showing the
  // effect of a success, may no longer allow it; it goes once its dialog closes.
  const [held, setHeld] = useState<SessionActionName[]>([]);
  // Any action's hook sees a success on this session, and its `allowed` follows the session as that
  // success left it (a voided authorization offers nothing) until the backend's record arrives.
  const { allowed } = useSessionAction(session, 'refund');
  if (!client || client.source !== session.source) return null;
  const visible = SESSION_ACTIONS.filter((action) => allowed.includes(action) || held.includes(action));
  const holdFor =
    (action: SessionActionName): Hold =>
    (keep, refocus) => {
      setHeld((current) => (keep ? (current.includes(action) ? current : [...current, action]) : current.filter((entry) => entry !== action)));
      if (refocus) areaRef.current?.focus();
    };
  const props = { session, messages, formatters };
  return (
    // Focusable only from script: where focus goes when an action's dialog closes and its button is gone.
    <div ref={areaRef} tabIndex={-1} role={visible.length > 0 ? 'group' : undefined} aria-label={visible.length > 0 ? messages.areaLabel : undefined} className={cx('rps-session-actions', className)}>
      {visible.map((action) =>
        action === 'refund' ? (
          <RefundDialog key={action} {...props} hold={holdFor(action)} />
        ) : action === 'capture' ? (
          <CaptureDialog key={action} {...props} hold={holdFor(action)} />
        ) : (
          <ConfirmActionDialog key={action} action={action} {...props} hold={holdFor(action)} />
        ),
      )}
    </div>
  );
}

/** The message for a failed or unknown attempt: by its code, then a generic one. */
export function actionErrorText(error: PaymentSessionsError | null, messages: ActionMessages): string {
  return lookup(messages.errors, error?.code) ?? messages.errorGeneric;
}

/** The message for an input problem (`checkActionInput`'s or the hook's). */
function problemText(problem: SessionActionConfirmProblem, messages: ActionMessages): string {
  return lookup(messages.problems, problem) ?? messages.errorGeneric;
}

const noHold: Hold = () => undefined;

const TITLE_KEY = { refund: 'refund', capture: 'capture', void: 'void', cancel: 'cancelSession' } as const;
const CONFIRM_KEY = { refund: 'confirmRefund', capture: 'confirmCapture', void: 'confirmVoid', cancel: 'confirmCancel' } as const;

interface ShellProps<A extends SessionActionName> extends ActionDialogProps {
  action: A;
  state: UseSessionActionResult<A>;
  /** The form (refund, capture), shown until it is reviewed; void and cancel have none. */
  form?: (onReview: () => void) => ReactNode;
  /** The confirmation text: exactly what happens. */
  summary: () => string;
  /** Called on a fresh opening: the form starts again from its defaults. */
  onOpen?: () => void;
  /** Sends the reviewed input (a new key). */
  onConfirm: () => SessionActionConfirmProblem | null;
  /** Keeps the button (and its dialog) while an attempt is shown, though the session may no longer allow it. */
  hold: Hold;
}

/** `hold(true)` keeps an action's button; `hold(false, refocus)` lets it go (and focuses the area). */
export type Hold = (keep: boolean, refocus?: boolean) => void;

/**
 * One action's dialog: the trigger button, the form, the confirmation step, and the running, succeeded,
 * failed and unknown states with a live region announcing each. Escape, a click outside and the close
 * button do nothing while the write runs.
 */
function ActionDialogShell<A extends SessionActionName>({ action, state, messages, form, summary, onConfirm, onOpen, hold }: ShellProps<A>) {
  const [open, setOpen] = useState(false);
  const [reviewing, setReviewing] = useState(!form);
  const [problem, setProblem] = useState<SessionActionConfirmProblem | null>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const statusId = useId();
  const { status } = state;
  const running = status === 'running';
  const settledError = status === 'failed' || status === 'unknown';

  // Each step moves focus to its own first thing (the amount, the confirm button, Retry, Close), since the
  // button that was pressed is gone or no longer the thing to press.
  const focusStep = () => contentRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  useEffect(() => {
    if (open) focusStep();
  }, [open, status, reviewing]);

  const onOpenChange = (next: boolean) => {
    if (running) return;
    setOpen(next);
    setProblem(null);
    if (next) {
      setReviewing(!form);
      if (status === 'unknown') return;
      onOpen?.();
      state.begin();
      return;
    }
    // An unknown outcome stays on record (the hook keeps it and its key) until retried; a success stays
    // so that the session shows its effect until the backend's record arrives.
    if (status !== 'unknown' && status !== 'succeeded') state.reset();
  };
  const confirm = () => {
    if (running) return;
    hold(true);
    const refused = onConfirm();
    setProblem(refused);
    if (refused && form) setReviewing(false);
  };
  const onReview = () => {
    // After a failure the corrected input is a new attempt, with a new key once confirmed.
    if (status === 'failed') state.begin();
    setProblem(null);
    setReviewing(true);
  };
  // On failure the form comes back with what was typed, under the reason.
  const showForm = form !== undefined && (status === 'failed' || (status === 'confirming' && !reviewing));
  const showSummary = !showForm && (status === 'confirming' || running || status === 'unknown');

  let announcement = '';
  if (running) announcement = messages.running;
  else if (status === 'succeeded') announcement = messages.succeeded;
  else if (status === 'failed') announcement = `${messages.failedTitle} ${actionErrorText(state.error, messages)}`;
  else if (status === 'unknown') announcement = messages.unknownTitle;

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger className="rps-button" data-action={action} disabled={state.busy && !settledError}>
        {messages[TITLE_KEY[action]]}
      </Dialog.Trigger>
      <Dialog.Portal>
        <div className="rps-root rps-session-actions__root" data-status={status}>
          <Dialog.Overlay className="rps-session-detail__overlay" />
          <Dialog.Content
            ref={contentRef}
            className="rps-session-detail__content rps-session-actions__dialog"
            aria-busy={running || undefined}
            aria-describedby={statusId}
            data-action={action}
            onOpenAutoFocus={(event) => {
              event.preventDefault();
              focusStep();
            }}
            onEscapeKeyDown={(event) => {
              if (running) event.preventDefault();
            }}
            onInteractOutside={(event) => {
              if (running) event.preventDefault();
            }}
            onCloseAutoFocus={(event) => {
              // The trigger is gone once its action is no longer allowed (a full refund): focus the area.
              if (!state.available) {
                event.preventDefault();
                hold(false, true);
              } else hold(false);
            }}
          >
            <header className="rps-session-detail__header">
              <Dialog.Title className="rps-session-detail__title">{messages[TITLE_KEY[action]]}</Dialog.Title>
              <Dialog.Close className="rps-button" disabled={running}>
                {messages.dismiss}
              </Dialog.Close>
            </header>
            <div id={statusId}>
              {status === 'unknown' ? (
                <div role="alert">
                  <p className="rps-session-actions__error">{messages.unknownTitle}</p>
                  <p>{messages.unknownHint}</p>
                </div>
              ) : status === 'failed' ? (
                <div role="alert">
                  <p className="rps-session-actions__error">{messages.failedTitle}</p>
                  <p>{actionErrorText(state.error, messages)}</p>
                </div>
              ) : status === 'succeeded' ? (
                <p>{messages.succeeded}</p>
              ) : null}
              {showSummary ? <p className="rps-session-actions__summary">{summary()}</p> : null}
            </div>
            {showForm ? form(onReview) : null}
            {problem && !showForm ? (
              <p role="alert" className="rps-session-actions__error">
                {problemText(problem, messages)}
              </p>
            ) : null}
            <p className="rps-visually-hidden" role="status">
              {announcement}
            </p>
            <div className="rps-session-actions__buttons">
              {settledError ? (
                <button type="button" className="rps-button" data-variant={status === 'unknown' ? 'primary' : undefined} data-autofocus={status === 'unknown' || !form || undefined} onClick={state.retry}>
                  {messages.retry}
                </button>
              ) : null}
              {showSummary && status !== 'unknown' ? (
                <>
                  {form ? (
                    <button type="button" className="rps-button" aria-disabled={running || undefined} onClick={() => !running && setReviewing(false)}>
                      {messages.back}
                    </button>
                  ) : null}
                  {/* aria-disabled, not disabled: a disabled button would drop the focus out of the dialog. */}
                  <button type="button" className="rps-button" data-variant="primary" aria-disabled={running || undefined} data-autofocus onClick={confirm}>
                    {running ? messages.running : messages[CONFIRM_KEY[action]]}
                  </button>
                </>
              ) : null}
              {status === 'succeeded' ? (
                <Dialog.Close className="rps-button" data-variant="primary" data-autofocus>
                  {messages.dismiss}
                </Dialog.Close>
              ) : null}
            </div>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** Parses typed major units (`12.50`, or `12,50` where a comma is the decimal mark) into `Money`. */
function parseAmount(text: string, currency: string): Money | undefined {
  const trimmed = text.trim();
  const decimal = trimmed.includes(',') && !trimmed.includes('.') ? trimmed.replace(',', '.') : trimmed;
  const minor = parseDecimalToMinor(decimal, currencyExponent(currency));
  return minor === undefined ? undefined : { amountMinor: minor, currency };
}

/** The typed amount's problem, or the checked `Money`. */
function readAmount(text: string, limit: Money | undefined): { amount?: Money; problem: ActionInputProblem | null } {
  if (!limit) return { problem: 'limit_unknown' };
  const amount = parseAmount(text, limit.currency);
  if (!amount) return { problem: 'not_integer' };
  if (amount.amountMinor <= 0) return { amount, problem: 'not_positive' };
  if (amount.amountMinor > limit.amountMinor) return { amount, problem: 'above_limit' };
  return { amount, problem: null };
}

interface AmountFieldProps {
  value: string;
  onChange: (value: string) => void;
  limit: Money | undefined;
  problem: ActionInputProblem | null;
  messages: ActionMessages;
  formatters: Formatters;
}

/** The amount field: labelled with the currency, the limit as its hint, a problem tied to it. */
function AmountField({ value, onChange, limit, problem, messages, formatters }: AmountFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="rps-session-actions__field">
      <label htmlFor={id}>{messages.amountLabel(limit?.currency ?? '')}</label>
      <input
        id={id}
        className="rps-session-filters__input"
        data-autofocus
        inputMode="decimal"
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${hintId} ${errorId}` : hintId}
      />
      <span id={hintId}>
        {limit ? messages.amountHint(formatters.money(limit)) : null}
      </span>
      {problem ? (
        <span id={errorId} className="rps-session-actions__error">
          {lookup(messages.problems, problem) ?? messages.errorGeneric}
        </span>
      ) : null}
    </div>
  );
}

/** The customer a refund goes to, as the confirmation names them: email, else name. */
function customerOf(session: PaymentSession): string | undefined {
  return session.customer?.email || session.customer?.name || undefined;
}

/** The amount field's text: what a failed attempt kept, else the whole limit; `fullText` resets it on opening. */
function useAmountText(kept: Money | undefined, limit: Money | undefined) {
  const fullText = limit ? minorToDecimalString(limit.amountMinor, limit.currency) : '';
  const [amountText, setAmountText] = useState(() => (kept ? minorToDecimalString(kept.amountMinor, kept.currency) : fullText));
  return { amountText, setAmountText, fullText };
}

function ReviewButton({ messages }: { messages: ActionMessages }) {
  return (
    <div className="rps-session-actions__buttons">
      <button type="submit" className="rps-button" data-variant="primary">
        {messages.review}
      </button>
    </div>
  );
}

/**
 * Refunds a captured session: the amount in its currency (all that is refundable by default; a partial
 * one is checked against what is left), the reason, optional quantities per line item where the backend
 * says how many are refundable, then a confirmation saying exactly what happens.
 */
export function RefundDialog({ session, messages, formatters, hold = noHold }: ActionDialogProps & { hold?: Hold }) {
  const state = useSessionAction(session, 'refund');
  const shown = state.session ?? session;
  const limit = state.limit;
  const kept = state.input;
  const { amountText, setAmountText, fullText } = useAmountText(kept?.amount, limit);
  const [reason, setReason] = useState<RefundReason>(kept?.reason ?? 'customer_request');
  const itemLimits = refundItemLimits(shown).filter((entry) => entry.quantity > 0);
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [problem, setProblem] = useState<ActionInputProblem | null>(null);
  const reviewed = useRef<RefundInput | null>(null);
  const reasonId = useId();
  const onOpen = () => {
    setAmountText(fullText);
    setReason('customer_request');
    setQuantities({});
    setProblem(null);
    reviewed.current = null;
  };

  const build = (): { input?: RefundInput; problem: ActionInputProblem | null } => {
    const read = readAmount(amountText, limit);
    if (read.problem || !read.amount) return { problem: read.problem };
    const items: RefundItem[] = itemLimits.flatMap(({ index, item }) => {
      const quantity = Number(quantities[index] ?? '0');
      if (!quantities[index] || quantity === 0) return [];
      return [{ ...(item.sku ? { sku: item.sku } : { name: item.name }), quantity }];
    });
    const input: RefundInput = { amount: read.amount, reason, ...(items.length > 0 ? { items } : {}) };
    return { input, problem: checkActionInput(shown, 'refund', input) };
  };

  const form = (onReview: () => void) => {
    const submit = (event: FormEvent) => {
      event.preventDefault();
      const built = build();
      setProblem(built.problem);
      if (built.problem || !built.input) return;
      reviewed.current = built.input;
      onReview();
    };
    return (
      <form className="rps-session-actions__form" onSubmit={submit} noValidate>
        <AmountField value={amountText} onChange={setAmountText} limit={limit} problem={problem && problem !== 'invalid_items' ? problem : null} messages={messages} formatters={formatters} />
        <div className="rps-session-actions__field">
          <label htmlFor={reasonId}>{messages.reasonLabel}</label>
          <select id={reasonId} className="rps-session-filters__select" value={reason} onChange={(event) => setReason(event.target.value as RefundReason)}>
            {REFUND_REASONS.map((code) => (
              <option key={code} value={code}>
                {lookup(messages.reasons, code) ?? code}
              </option>
            ))}
          </select>
        </div>
        {itemLimits.length > 0 ? (
          <fieldset className="rps-session-actions__field">
            <legend>{messages.itemsLabel}</legend>
            {itemLimits.map(({ index, item, quantity }) => (
              <QuantityField
                key={index}
                label={messages.itemQuantityLabel(item.name, formatters.number(quantity))}
                max={quantity}
                value={quantities[index] ?? ''}
                invalid={problem === 'invalid_items'}
                onChange={(value) => setQuantities((current) => ({ ...current, [index]: value }))}
              />
            ))}
            {problem === 'invalid_items' ? <span className="rps-session-actions__error">{lookup(messages.problems, problem)}</span> : null}
          </fieldset>
        ) : null}
        <ReviewButton messages={messages} />
      </form>
    );
  };

  const summary = () => {
    const input = reviewed.current ?? kept;
    const amount = input?.amount ?? limit;
    return messages.refundSummary(formatters.money(amount), formatters.money(limit ?? amount), customerOf(shown));
  };

  return (
    <ActionDialogShell
      action="refund"
      state={state}
      session={session}
      messages={messages}
      formatters={formatters}
      form={form}
      summary={summary}
      hold={hold}
      onOpen={onOpen}
      onConfirm={() => (reviewed.current ? state.confirm(reviewed.current) : 'not_integer')}
    />
  );
}

function QuantityField({ label, max, value, invalid, onChange }: { label: string; max: number; value: string; invalid: boolean; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="rps-session-actions__item">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="rps-session-filters__input"
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        step={1}
        value={value}
        aria-invalid={invalid || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

/** Captures an authorization: an amount up to what is capturable (all of it by default), then a confirmation. */
export function CaptureDialog({ session, messages, formatters, hold = noHold }: ActionDialogProps & { hold?: Hold }) {
  const state = useSessionAction(session, 'capture');
  const limit = state.limit;
  const kept = state.input;
  const { amountText, setAmountText, fullText } = useAmountText(kept?.amount, limit);
  const [problem, setProblem] = useState<ActionInputProblem | null>(null);
  const reviewed = useRef<Money | null>(null);
  const onOpen = () => {
    setAmountText(fullText);
    setProblem(null);
    reviewed.current = null;
  };

  const form = (onReview: () => void) => {
    const submit = (event: FormEvent) => {
      event.preventDefault();
      const read = readAmount(amountText, limit);
      setProblem(read.problem);
      if (read.problem || !read.amount) return;
      reviewed.current = read.amount;
      onReview();
    };
    return (
      <form className="rps-session-actions__form" onSubmit={submit} noValidate>
        <AmountField value={amountText} onChange={setAmountText} limit={limit} problem={problem} messages={messages} formatters={formatters} />
        <ReviewButton messages={messages} />
      </form>
    );
  };
  const summary = () => {
    const amount = reviewed.current ?? kept?.amount ?? limit;
    return messages.captureSummary(formatters.money(amount), formatters.money(limit ?? amount));
  };
  return (
    <ActionDialogShell
      action="capture"
      state={state}
      session={session}
      messages={messages}
      formatters={formatters}
      form={form}
      summary={summary}
      hold={hold}
      onOpen={onOpen}
      onConfirm={() => (reviewed.current ? state.confirm({ amount: reviewed.current }) : 'not_integer')}
    />
  );
}

/** Voids an authorization or cancels a pending session, after a confirmation step. */
export function ConfirmActionDialog({
  action,
  session,
  messages,
  formatters,
  hold = noHold,
}: ActionDialogProps & { action: 'void' | 'cancel'; hold?: Hold }) {
  const state = useSessionAction(session, action);
  const summary = () => (action === 'void' ? messages.voidSummary(formatters.money(session.capturableAmount ?? session.amount)) : messages.cancelSummary);
  return (
    <ActionDialogShell
      action={action}
      state={state}
      session={session}
      messages={messages}
      formatters={formatters}
      summary={summary}
      hold={hold}
      onConfirm={() => state.confirm()}
    />
  );
}

export default SessionActions;
