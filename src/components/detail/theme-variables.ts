import { themeToCssVariables, type ThemeColors } from '../theme';

/** A value for every theme color, only to learn the variable names (TypeScript keeps it complete). */
const EVERY_COLOR: Required<ThemeColors> = {
  background: 'x',
  surface: 'x',
  foreground: 'x',
  muted: 'x',
  border: 'x',
  accent: 'x',
  accentForeground: 'x',
  danger: 'x',
  success: 'x',
  warning: 'x',
  focus: 'x',
};

/** The `--rps-*` variables a theme can set, derived from `themeToCssVariables` so the two never drift. */
const THEME_VARIABLES = Object.keys(themeToCssVariables({ colors: EVERY_COLOR, radius: 1, font: 'x', density: 'compact' }));

/**
 * The theme variables as they apply on `element` (from a `theme` prop, a `ThemeProvider`, or the host's
 * own CSS). Radix portals the detail dialog to `document.body`, outside the list's `.rps-root`, so the
 * list hands these to the dialog to look the same.
 */
export function readThemeVariables(element: Element): Record<string, string> {
  const computed = element.ownerDocument.defaultView?.getComputedStyle(element);
  const variables: Record<string, string> = {};
  if (!computed) return variables;
  for (const name of THEME_VARIABLES) {
    const value = computed.getPropertyValue(name).trim();
    if (value) variables[name] = value;
  }
  return variables;
}
