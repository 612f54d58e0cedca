import { createContext, useContext, useMemo, useSyncExternalStore, type CSSProperties, type ReactNode } from 'react';
import { usePaymentSessionsConfig } from '../hooks/context';
import { defaultMessages, type Messages } from './messages';

/** Colors a host may set; each becomes a `--rps-color-*` variable. */
export interface ThemeColors {
  background?: string;
  surface?: string;
  foreground?: string;
  muted?: string;
  border?: string;
  accent?: string;
  accentForeground?: string;
  danger?: string;
  success?: string;
  warning?: string;
  focus?: string;
}

/**
 * The typed theme. It only sets CSS variables (`--rps-*`); every rule lives in `styles.css`, so a host can
 * also theme with plain CSS on `.rps-root`.
 */
export interface Theme {
  colors?: ThemeColors;
  /**
   * Colors for the dark appearance (`appearance="dark"`, or `"system"` when the user prefers dark); any
   * color not named here falls back to `colors`, then to the built-in dark palette. Without it a brand
   * `colors.accent` picked for a light background is used on the dark one too, where it may fall below
   * WCAG contrast: give dark variants of the colors you set.
   */
  darkColors?: ThemeColors;
  /** Corner radius: a CSS length, or a number of pixels. */
  radius?: string | number;
  /** Font stack for every part. */
  font?: string;
  /** Row height and padding scale. @defaultValue 'comfortable' */
  density?: 'compact' | 'comfortable' | 'spacious';
}

/** Light, dark, or follow the user's `prefers-color-scheme`. */
export type Appearance = 'light' | 'dark' | 'system';

const COLOR_VARS: Record<keyof ThemeColors, string> = {
  background: '--rps-color-bg',
  surface: '--rps-color-surface',
  foreground: '--rps-color-fg',
  muted: '--rps-color-muted',
  border: '--rps-color-border',
  accent: '--rps-color-accent',
  accentForeground: '--rps-color-accent-fg',
  danger: '--rps-color-danger',
  success: '--rps-color-success',
  warning: '--rps-color-warning',
  focus: '--rps-color-focus',
};

const DENSITY_SCALE: Record<NonNullable<Theme['density']>, string> = {
  compact: '0.75',
  comfortable: '1',
  spacious: '1.3',
};

/** Values that could break out of a declaration (`;`, braces, `url(`…) are refused, not passed through. */
const UNSAFE_CSS_VALUE = /[;{}<>]|url\s*\(|expression\s*\(|\\/i;

function cssValue(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed && !UNSAFE_CSS_VALUE.test(trimmed) ? trimmed : undefined;
}

/**
 * The `--rps-*` custom properties a theme sets (only those it names), for a light or a dark appearance
 * (`darkColors` over `colors` for dark).
 */
export function themeToCssVariables(theme: Theme | undefined, appearance: 'light' | 'dark' = 'light'): Record<string, string> {
  const vars: Record<string, string> = {};
  if (!theme) return vars;
  const colors = appearance === 'dark' ? { ...theme.colors, ...theme.darkColors } : theme.colors;
  for (const [key, name] of Object.entries(COLOR_VARS) as Array<[keyof ThemeColors, string]>) {
    const value = colors?.[key];
    const safe = value === undefined ? undefined : cssValue(value);
    if (safe) vars[name] = safe;
  }
  if (theme.radius !== undefined) {
    const radius = typeof theme.radius === 'number' ? `${theme.radius}px` : cssValue(theme.radius);
    if (radius) vars['--rps-radius'] = radius;
  }
  if (theme.font !== undefined) {
    const font = cssValue(theme.font);
    if (font) vars['--rps-font'] = font;
  }
  if (theme.density) vars['--rps-density'] = DENSITY_SCALE[theme.density];
  return vars;
}

/** Class-name slots: one per part of a component, merged after the stable `rps-*` class. */
export type ClassNames<Part extends string> = Partial<Record<Part, string>>;

/** Joins class names, skipping empty ones. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}

/** Props every styled component accepts for theming. */
export interface ThemeProps {
  /** Sets `--rps-*` variables on this component's root. */
  theme?: Theme;
  /** @defaultValue inherited, else 'light' */
  appearance?: Appearance;
  /** Drop the default look: no `rps-root` variables; `rps-*` classes stay for the host's own CSS. */
  unstyled?: boolean;
  /** Override any visible string. */
  messages?: Partial<Messages>;
}

interface ThemeContextValue {
  appearance: Appearance;
  unstyled: boolean;
  messages: Messages;
}

const ThemeContext = createContext<ThemeContextValue | null>(null);

/**
 * Themes every component inside it at once (one `rps-root` element holding the variables).
 *
 * @example
 * <ThemeProvider theme={{ colors: { accent: '#7c3aed' }, radius: 12 }} appearance="system">
 *   <SessionFilters /><SessionList />
 * </ThemeProvider>
 */
export function ThemeProvider({
  children,
  className,
  style,
  ...props
}: ThemeProps & { children?: ReactNode; className?: string; style?: CSSProperties }) {
  const root = useThemeRoot(props);
  return (
    <ThemeContext.Provider value={root.context}>
      <div className={cx(root.className, className)} style={{ ...root.style, ...style }} {...root.dataAttributes}>
        {children}
      </div>
    </ThemeContext.Provider>
  );
}

/**
 * What a component's root element needs for theming: the `rps-root` class (when it is the outermost themed
 * element or sets its own theme), the variables, `data-appearance`, and the merged messages.
 * Nested components do not re-declare defaults, so a provider's theme reaches them.
 */
export function useThemeRoot({ theme, appearance, unstyled, messages, locale }: ThemeProps & { locale?: string }) {
  const parent = useContext(ThemeContext);
  const ownsRoot = !parent || theme !== undefined || appearance !== undefined || unstyled !== undefined;
  // The language of the text inside, for screen readers' pronunciation (WCAG 3.1.2): on a theme root the
  // provider's locale, on any component its own `locale` prop.
  const providerLocale = usePaymentSessionsConfig()?.locale;
  const lang = locale ?? (ownsRoot ? providerLocale : undefined);
  const resolvedUnstyled = unstyled ?? parent?.unstyled ?? false;
  const resolvedAppearance = appearance ?? parent?.appearance ?? 'light';
  const parentMessages = parent?.messages ?? defaultMessages;
  const mergedMessages = useMemo(
    () => (messages ? { ...parentMessages, ...messages } : parentMessages),
    [parentMessages, messages],
  );
  // Only a `system` root whose theme has dark colors needs to know the scheme (the CSS handles the rest).
  const prefersDark = usePrefersDark(resolvedAppearance === 'system' && theme?.darkColors !== undefined);
  const dark = resolvedAppearance === 'dark' || (resolvedAppearance === 'system' && prefersDark);
  const variables = useMemo(() => themeToCssVariables(theme, dark ? 'dark' : 'light'), [theme, dark]);
  const context = useMemo<ThemeContextValue>(
    () => ({ appearance: resolvedAppearance, unstyled: resolvedUnstyled, messages: mergedMessages }),
    [resolvedAppearance, resolvedUnstyled, mergedMessages],
  );
  return {
    context,
    messages: mergedMessages,
    unstyled: resolvedUnstyled,
    className: ownsRoot && !resolvedUnstyled ? 'rps-root' : undefined,
    style: variables as CSSProperties,
    dataAttributes: {
      ...(ownsRoot ? { 'data-appearance': resolvedAppearance, 'data-unstyled': resolvedUnstyled || undefined } : {}),
      ...(lang ? { lang } : {}),
    },
  };
}

const DARK_QUERY = '(prefers-color-scheme: dark)';
const subscribeToColorScheme = (onChange: () => void) => {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return () => undefined;
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};
const prefersDarkNow = () => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;

const noSubscription = () => () => undefined;
const never = () => false;

/** Whether the user prefers a dark color scheme, kept up to date while `watch` (false on the server). */
function usePrefersDark(watch: boolean): boolean {
  return useSyncExternalStore(watch ? subscribeToColorScheme : noSubscription, watch ? prefersDarkNow : never, never);
}

/** The merged messages of the nearest theme (defaults when there is none). */
export function useMessages(): Messages {
  return useContext(ThemeContext)?.messages ?? defaultMessages;
}

/**
 * Passes a component's resolved theme (appearance, unstyled, merged messages) to the components it renders
 * inside itself, e.g. `SessionList` → `SessionDetail`: `<ThemeScope value={root.context}>…</ThemeScope>`.
 */
export const ThemeScope = ThemeContext.Provider;
