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
import { messagesDe } from 'react-payment-sessions/locales/de';
import { messagesFr } from 'react-payment-sessions/locales/fr';
import { forgetOneEntrySession, oneEntryFetcher } from './oneentry';

/** Truemed through this portal's own proxy route: the browser never sees the API key. */
const truemedFetcher = createTruemedFetcher({ baseUrl: '/api/truemed' });

const BACKENDS: Record<string, { label: string; fetcher: SessionFetcher }> = {
  truemed: { label: 'Truemed (via proxy)', fetcher: truemedFetcher },
  oneentry: { label: 'OneEntry (SDK)', fetcher: oneEntryFetcher },
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

/** The server's readable hint that this browser signed in (the session itself is an HttpOnly cookie). */
const hintsSignedIn = () => document.cookie.split(/;\s*/).includes('rps_demo_signed_in=1');

export function App() {
  // With the hint the portal renders at once, so its first list request does not wait for /api/me; the
  // check still runs alongside and signs the page out if the session is gone.
  const [signedIn, setSignedIn] = useState<boolean | undefined>(() => (hintsSignedIn() ? true : undefined));
  useEffect(() => {
    fetch('/api/me')
      .then((response) => response.json() as Promise<{ signedIn: boolean }>)
      .then((me) => setSignedIn(me.signedIn))
      .catch(() => setSignedIn(false));
  }, []);

  // Signing in with the button removes it: focus then goes to the portal's heading, not to <body>.
  const [justSignedIn, setJustSignedIn] = useState(false);
  if (signedIn === undefined) return <p className="demo-splash">Loading…</p>;
  if (!signedIn) return <SignIn onSignedIn={() => { setJustSignedIn(true); setSignedIn(true); }} />;
  return <Portal focusHeading={justSignedIn} onSignedOut={() => { setJustSignedIn(false); setSignedIn(false); }} />;
}

function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [error, setError] = useState<string>();
  return (
    <main className="demo-signin">
      <h1>Acme Wellness — merchant portal</h1>
      <p>This demo signs you in with a cookie; the payments route checks it before calling Truemed.</p>
      <button
        type="button"
        className="demo-button"
        onClick={async () => {
          const response = await fetch('/api/login', { method: 'POST' });
          if (response.ok) onSignedIn();
          else setError('Sign-in failed.');
        }}
      >
        Sign in as the demo merchant
      </button>
      {error ? <p role="alert">{error}</p> : null}
    </main>
  );
}

function Portal({ onSignedOut, focusHeading }: { onSignedOut: () => void; focusHeading: boolean }) {
  const [backend, setBackend] = useUrlSetting('backend', 'truemed', Object.keys(BACKENDS));
  const [locale, setLocale] = useUrlSetting('lang', 'en-US', Object.keys(LOCALES));
  const [appearance, setAppearance] = useUrlSetting('appearance', 'light', Object.keys(APPEARANCES));
  const [accent, setAccent] = useUrlSetting('accent', 'default', Object.keys(ACCENTS));
  const localeSettings = LOCALES[locale] ?? LOCALES['en-US']!;
  const fetcher = (BACKENDS[backend] ?? BACKENDS.truemed!).fetcher;
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
      <PaymentSessionsProvider fetcher={fetcher} locale={locale} timeZone={localeSettings.timeZone}>
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
