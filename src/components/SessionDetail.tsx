import { cloneElement, version as reactVersion, useEffect, useRef, useState, type CSSProperties, type MouseEvent, type ReactElement, type Ref, type RefObject } from 'react';
import type { PaymentSession } from '../core/types';
import { usePaymentSessionsConfig } from '../hooks/context';
import { useControllableState } from '../hooks/use-controllable-state';
import type { SessionDetailDialogProps } from './detail/SessionDetailDialog';
import type { SessionDetailPart, SessionLookup } from './detail/types';
import { getFormatters } from './format';
import { cx, ThemeScope, useThemeRoot, type ClassNames, type ThemeProps } from './theme';

export { sessionTimeline, type SessionTimelineEvent } from './detail/timeline';
export type { SessionDetailPart, SessionLookup } from './detail/types';

/** Props of {@link SessionDetail}. */
export interface SessionDetailProps extends ThemeProps {
  /** The session to show. Without one nothing is rendered, unless `lookup` says what to show instead. */
  session: PaymentSession | null | undefined;
  /** Shown while `session` is missing: a session opened by id being fetched, not found, or failed. */
  lookup?: SessionLookup;
  /** Whether the dialog is open (controlled, with `onOpenChange`). */
  open?: boolean;
  /** Whether the dialog starts open when uncontrolled. @defaultValue false */
  defaultOpen?: boolean;
  /** Called when the dialog asks to open or close (Escape, the close button, a click outside, the trigger). */
  onOpenChange?: (open: boolean) => void;
  /**
   * An element that opens the dialog (a `<button>`); focus returns to it when the dialog closes.
   * Without one, control `open` yourself and return focus with `onCloseAutoFocus`.
   */
  trigger?: ReactElement;
  /** BCP 47 locale for amounts and dates. @defaultValue the provider's `locale` */
  locale?: string;
  /** IANA time zone for dates. @defaultValue the provider's `timeZone` */
  timeZone?: string;
  /** Class of the root (the themed element the dialog is portaled in). */
  className?: string;
  classNames?: ClassNames<SessionDetailPart>;
  /** Inline style of the root (the themed element the dialog is portaled in), applied after the theme's variables. */
  style?: CSSProperties;
  /** Where the dialog is portaled to. @defaultValue document.body */
  container?: HTMLElement | null;
  /**
   * Radix's close auto-focus event: call `event.preventDefault()` and focus an element yourself to decide
   * where focus goes when the dialog closes (SessionList returns it to the row's button).
   */
  onCloseAutoFocus?: (event: Event) => void;
}

type DialogComponent = (props: SessionDetailDialogProps) => ReactElement;

/** The dialog once its chunk has arrived (shared by every SessionDetail on the page). */
let loadedDialog: DialogComponent | undefined;
let loadingDialog: Promise<DialogComponent> | undefined;

/**
 * Fetches the detail dialog's chunk (Radix Dialog and the dialog body) ahead of time. `SessionDetail`
 * calls it itself when it mounts; call it earlier, e.g. on hover, to have it even sooner.
 */
export function preloadSessionDetail(): Promise<void> {
  loadingDialog ??= import('./detail/SessionDetailDialog').then(
    (module) => (loadedDialog = module.default),
    (error: unknown) => {
      // A failed chunk (offline, a new deployment) is tried again on the next mount or opening.
      loadingDialog = undefined;
      throw error;
    },
  );
  return loadingDialog.then(() => undefined);
}

/**
 * The dialog component, rendering nothing but the trigger until its chunk is there. If the chunk cannot
 * be loaded while the dialog is asked to open, `onLoadFailed` runs (the caller closes and says so); the
 * next opening tries again.
 */
function useDialogComponent(open: boolean, onLoadFailed: () => void): DialogComponent | undefined {
  // Always `undefined` on the first render, on the server and in the browser alike, so hydration matches.
  const [dialog, setDialog] = useState<DialogComponent | undefined>(undefined);
  const onLoadFailedRef = useRef(onLoadFailed);
  useEffect(() => {
    onLoadFailedRef.current = onLoadFailed;
  });
  useEffect(() => {
    if (dialog) return;
    if (loadedDialog) {
      setDialog(() => loadedDialog);
      return;
    }
    let current = true;
    preloadSessionDetail().then(
      () => current && setDialog(() => loadedDialog),
      () => {
        // Before anyone asked to open, a failure stays silent: the next opening retries.
        if (current && open) onLoadFailedRef.current();
      },
    );
    return () => {
      current = false;
    };
  }, [dialog, open]);
  return dialog;
}

/**
 * One payment session in a modal dialog (Radix Dialog: focus is trapped inside and restored on close,
 * Escape closes): amounts, customer, a timeline (created → authorized → captured → refunds and disputes,
 * by time), line items with what is still refundable and capturable, refunds, disputes and metadata.
 *
 * It never renders `session.raw` or any secret: metadata is shown as text with secret keys removed, and
 * the only link is `session.paymentUrl`, and only when it is an http(s) URL.
 *
 * Radix and the dialog's body load as a separate chunk, fetched as soon as a `SessionDetail` mounts in a
 * browser (so it is there by the time anyone clicks) and never during server rendering; until it
 * arrives the trigger still works and the dialog opens the moment it does. Call
 * {@link preloadSessionDetail} to fetch it earlier.
 *
 * The dialog is portaled to `document.body`, outside any `.rps-root`, so its root element carries the
 * theme itself: `rps-root`, `data-appearance`, the `--rps-*` variables that apply where `SessionDetail`
 * is rendered (from a `ThemeProvider`, a `SessionList`'s `theme`, or the host's CSS), then its own `theme`.
 *
 * @example
 * // Standalone, with its own trigger (focus returns to it on close):
 * <SessionDetail session={session} trigger={<button type="button">Details</button>} />
 *
 * // Controlled:
 * const [open, setOpen] = useState(false);
 * <SessionDetail session={session} open={open} onOpenChange={setOpen} timeZone="Europe/Berlin" />
 */
export function SessionDetail(props: SessionDetailProps) {
  const { session, trigger, container, className, classNames, style, onCloseAutoFocus } = props;
  const root = useThemeRoot(props);
  const config = usePaymentSessionsConfig();
  const messages = root.messages;
  const formatters = getFormatters(props.locale ?? config?.locale, props.timeZone ?? config?.timeZone, messages.unknownValue);
  const [open, setOpen] = useControllableState({
    value: props.open,
    defaultValue: props.defaultOpen ?? false,
    onValueChange: props.onOpenChange,
    caller: 'SessionDetail',
  });
  // An opening whose chunk could not load: closed again (so `open` tells the truth) and said so.
  const [loadFailed, setLoadFailed] = useState(false);
  const Dialog = useDialogComponent(open, () => {
    setLoadFailed(true);
    setOpen(false);
  });
  if (open && loadFailed) setLoadFailed(false);

  // The portal leaves the host's tree, and with it any theme variables set there: the dialog reads them on
  // opening from a hidden element that stays where SessionDetail is rendered.
  const anchorRef = useRef<HTMLSpanElement>(null);

  // The trigger is ours, not Radix's, so it is the same element before and after the dialog's chunk
  // arrives (focus and the host's references stay on it); closing returns focus to it.
  const triggerRef = useRef<HTMLElement | null>(null);
  const closeAutoFocus = (event: Event) => {
    onCloseAutoFocus?.(event);
    if (event.defaultPrevented || !trigger) return;
    event.preventDefault();
    triggerRef.current?.focus();
  };

  return (
    <ThemeScope value={root.context}>
      {root.unstyled ? null : <span ref={anchorRef} hidden className="rps-session-detail__anchor" />}
      {trigger ? <Trigger trigger={trigger} open={open} onOpen={() => setOpen(true)} triggerRef={triggerRef} /> : null}
      {loadFailed ? (
        <p role="alert" className={cx('rps-session-detail__load-error', classNames?.loadError)}>
          {messages.detailLoadFailed}
        </p>
      ) : null}
      {Dialog ? (
        <Dialog
          session={session}
          open={open}
          onOpenChange={setOpen}
          container={container}
          messages={messages}
          formatters={formatters}
          appearance={root.context.appearance}
          lang={props.locale ?? config?.locale}
          unstyled={root.unstyled}
          className={className}
          classNames={classNames}
          themeAnchorRef={anchorRef}
          style={{ ...root.style, ...style }}
          onCloseAutoFocus={closeAutoFocus}
          lookup={props.lookup}
        />
      ) : null}
    </ThemeScope>
  );
}

const REACT_18 = reactVersion.startsWith('18.');

/** The host's trigger element, opening the dialog and saying so to assistive technology. */
function Trigger({ trigger, open, onOpen, triggerRef }: { trigger: ReactElement; open: boolean; onOpen: () => void; triggerRef: RefObject<HTMLElement | null> }) {
  const own = trigger.props as { onClick?: (event: MouseEvent<HTMLElement>) => void; ref?: Ref<HTMLElement> };
  // React 19 passes a ref as a prop; React 18 keeps it on the element (reading it there in 19 warns).
  const ownRef = REACT_18 ? (trigger as unknown as { ref?: Ref<HTMLElement> }).ref : own.ref;
  return cloneElement(trigger as ReactElement<Record<string, unknown>>, {
    'aria-haspopup': 'dialog',
    'aria-expanded': open,
    'data-state': open ? 'open' : 'closed',
    ref: (element: HTMLElement | null) => {
      triggerRef.current = element;
      if (typeof ownRef === 'function') ownRef(element);
      else if (ownRef) (ownRef as { current: HTMLElement | null }).current = element;
    },
    onClick: (event: MouseEvent<HTMLElement>) => {
      own.onClick?.(event);
      if (!event.defaultPrevented) onOpen();
    },
  });
}
