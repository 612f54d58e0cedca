import { useEffect, useMemo, useRef, useState } from 'react';
import {
  ExportButton,
  Pagination,
  PaymentSessionsProvider,
  RefundSummary,
  SessionFilters,
  SessionList,
  SessionWorkspace,
  createTruemedFetcher,
  type Appearance,
  type Messages,
  type SessionFetcher,
  type Theme,
} from 'react-payment-sessions';
import { createTruemedActions, type SessionActionsClient } from 'react-payment-sessions/actions';
import { messagesDe } from 'react-payment-sessions/locales/de';
import { messagesFr } from 'react-payment-sessions/locales/fr';
import { forgetOneEntrySession, oneEntryFetcher } from './oneentry';

/** The proxy route of this portal's server: the browser never sees the API key. */
const TRUEMED_PROXY = '/api/truemed';
/** Truemed through this portal's own proxy route. */
const truemedFetcher = createTruemedFetcher({ baseUrl: TRUEMED_PROXY });
/** Refund, capture, void and cancel through the same proxy, which lets only an admin write. */
const truemedActions = createTruemedActions({ baseUrl: TRUEMED_PROXY });

// OneEntry's SDK has no payment writes: its sessions get no actions client, so no action buttons.
const BACKENDS: Record<string, { label: string; fetcher: SessionFetcher; actions?: SessionActionsClient }> = {
  truemed: { label: 'Truemed (via proxy)', fetcher: truemedFetcher, actions: truemedActions },
  oneentry: { label: 'OneEntry (SDK)', fetcher: oneEntryFetcher },
};

/** Who signs in: an admin may act on payments, a viewer only looks (the server refuses its writes). */
type Role = 'admin' | 'viewer';
const ROLES: Record<Role, { label: string }> = {
  admin: { label: 'Admin (refunds and captures)' },
  viewer: { label: 'Viewer (read-only)' },
};

const LOCALES: Record<string, { label: string; timeZone: string; messages?: Messages }> = {
  'en-US': { label: 'English (US)', timeZone: 'America/New_York' },
  'de-DE': { label: 'Deutsch', timeZone: 'Europe/Berlin', messages: messagesDe },
  'fr-FR': { label: 'Français', timeZone: 'Europe/Paris', messages: messagesFr },
};

const ACCENTS: Record<string, { label: string; theme?: Theme }> = {
  default: { label: 'Default' },
  // Each brand color with a lighter variant for the dark appearance, where the light one is under 4.5:1.
  violet: {
    label: 'Violet, rounded',
    theme: { colors: { accent: '#6d28d9', focus: '#6d28d9' }, darkColors: { accent: '#c4b5fd', focus: '#c4b5fd' }, radius: 12 },
  },
  teal: {
    label: 'Teal, compact',
    theme: { colors: { accent: '#0f766e', focus: '#0f766e' }, darkColors: { accent: '#5eead4', focus: '#5eead4' }, radius: 4, density: 'compact' },
  },
};

const APPEARANCES: Record<Appearance, { label: string }> = {
  light: { label: 'Light' },
  dark: { label: 'Dark' },
  system: { label: 'System' },
};

/** One labelled portal setting: a select over a table of choices (id → label). */
function SettingSelect({ label, value, choices, onChange }: {
  label: string;
  value: string;
  choices: Record<string, { label: string }>;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {Object.entries(choices).map(([id, choice]) => (
          <option key={id} value={id}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Portal settings live in the URL too, so a reload or a shared link shows the same view. */
function useUrlSetting(name: string, fallback: string, allowed: readonly string[]) {
  const read = () => {
    const value = new URLSearchParams(window.location.search).get(name);
    return value && allowed.includes(value) ? value : fallback;
  };
  const [value, setValue] = useState(read);
  useEffect(() => {
    const onPop = () => setValue(read());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  });
  const update = (next: string) => {
    const url = new URL(window.location.href);
    if (next === fallback) url.searchParams.delete(name);
    else url.searchParams.set(name, next);
    window.history.replaceState(window.history.state, '', url);
    setValue(next);
  };
  return [value, update] as const;
}

/** The server's readable hints (the session itself is an HttpOnly cookie): that this browser signed in, and as whom. */
const hintCookies = () => document.cookie.split(/;\s*/);
const hintsSignedIn = () => hintCookies().includes('rps_demo_signed_in=1');
const hintedRole = (): Role => (hintCookies().includes('rps_demo_role=viewer') ? 'viewer' : 'admin');

export function App() {
  // With the hint the portal renders at once, so its first list request does not wait for /api/me; the
  // check still runs alongside and signs the page out if the session is gone. The role hint only decides
  // which buttons show: the proxy checks the role kept with the session.
  const [signedInAs, setSignedInAs] = useState<Role | false | undefined>(() => (hintsSignedIn() ? hintedRole() : undefined));
  useEffect(() => {
    fetch('/api/me')
      .then((response) => response.json() as Promise<{ signedIn: boolean; role?: Role }>)
      .then((me) => setSignedInAs(me.signedIn ? (me.role === 'viewer' ? 'viewer' : 'admin') : false))
      .catch(() => setSignedInAs(false));
  }, []);

  // Signing in with the button removes it: focus then goes to the portal's heading, not to <body>.
  const [justSignedIn, setJustSignedIn] = useState(false);
  if (signedInAs === undefined) return <p className="demo-splash">Loading…</p>;
  if (!signedInAs) return <SignIn onSignedIn={(role) => { setJustSignedIn(true); setSignedInAs(role); }} />;
  return <Portal role={signedInAs} focusHeading={justSignedIn} onSignedOut={() => { setJustSignedIn(false); setSignedInAs(false); }} />;
}

function SignIn({ onSignedIn }: { onSignedIn: (role: Role) => void }) {
  const [error, setError] = useState<string>();
  const [role, setRole] = useState<Role>('admin');
  return (
    <main className="demo-signin">
      <h1>Acme Wellness — merchant portal</h1>
      <p>This demo signs you in with a cookie; the payments route checks it before calling Truemed.</p>
      <SettingSelect label="Role" value={role} choices={ROLES} onChange={(next) => setRole(next === 'viewer' ? 'viewer' : 'admin')} />
      <button
        type="button"
        className="demo-button"
        onClick={async () => {
          const response = await fetch('/api/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ role }),
          });
          if (response.ok) onSignedIn(role);
          else setError('Sign-in failed.');
        }}
      >
        Sign in as the demo merchant
      </button>
      {error ? <p role="alert">{error}</p> : null}
    </main>
  );
}

function Portal({ role, onSignedOut, focusHeading }: { role: Role; onSignedOut: () => void; focusHeading: boolean }) {
  const [backend, setBackend] = useUrlSetting('backend', 'truemed', Object.keys(BACKENDS));
  const [locale, setLocale] = useUrlSetting('lang', 'en-US', Object.keys(LOCALES));
  const [appearance, setAppearance] = useUrlSetting('appearance', 'light', Object.keys(APPEARANCES));
  const [accent, setAccent] = useUrlSetting('accent', 'default', Object.keys(ACCENTS));
  const localeSettings = LOCALES[locale] ?? LOCALES['en-US']!;
  const { fetcher, actions } = BACKENDS[backend] ?? BACKENDS.truemed!;
  const include = useMemo(() => ({ items: true, refunds: true, disputes: true, metadata: true, fee: true }), []);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) headingRef.current?.focus();
  }, [focusHeading]);

  return (
    <div className="demo-shell" data-appearance={appearance}>
      <header className="demo-header">
        <h1 ref={headingRef} tabIndex={-1}>
          Acme Wellness · Payments
        </h1>
        <div className="demo-settings" role="group" aria-label="Portal settings">
          <SettingSelect label="Backend" value={backend} choices={BACKENDS} onChange={setBackend} />
          <SettingSelect label="Language" value={locale} choices={LOCALES} onChange={setLocale} />
          <SettingSelect label="Appearance" value={appearance} choices={APPEARANCES} onChange={setAppearance} />
          <SettingSelect label="Theme" value={accent} choices={ACCENTS} onChange={setAccent} />
          <button
            type="button"
            className="demo-button"
            onClick={async () => {
              await fetch('/api/logout', { method: 'POST' });
              forgetOneEntrySession();
              onSignedOut();
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      {/* A viewer gets no actions client, so no action buttons. */}
      <PaymentSessionsProvider fetcher={fetcher} actions={role === 'admin' ? actions : undefined} locale={locale} timeZone={localeSettings.timeZone}>
        {/* A new workspace per backend: filters of one backend mean nothing to the other. */}
        <SessionWorkspace
          key={backend}
          syncWithUrl
          include={include}
          appearance={appearance as Appearance}
          theme={ACCENTS[accent]?.theme}
          messages={localeSettings.messages}
          className="demo-workspace"
        >
          <main className="demo-main">
            <SessionFilters />
            <section className="demo-overview" aria-label="Overview">
              <RefundSummary />
              <ExportButton />
            </section>
            <SessionList />
            <Pagination />
          </main>
        </SessionWorkspace>
      </PaymentSessionsProvider>
    </div>
  );
}
