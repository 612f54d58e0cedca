/** Styled components, built only on the hooks. */
export { ThemeProvider, ThemeScope, useThemeRoot, useMessages, themeToCssVariables, cx } from './theme';
export type { Theme, ThemeColors, Appearance, ThemeProps, ClassNames } from './theme';
export { defaultMessages, type Messages } from './messages';
export { messagesDe } from './locales/de';
export { messagesFr } from './locales/fr';
export { getFormatters, useFormatters, isValidTimeZone, type Formatters } from './format';
export {
  SessionWorkspace,
  useSessionWorkspace,
  useResolvedQuery,
  useResolvedFilters,
  type SessionWorkspaceProps,
  type SessionWorkspaceValue,
} from './workspace';
export { StatusBadge, statusTone, type StatusBadgeProps, type StatusTone } from './StatusBadge';
