/** Styled components, built only on the hooks. */
export { ThemeProvider, useThemeRoot, useMessages, themeToCssVariables, cx } from './theme';
export type { Theme, ThemeColors, Appearance, ThemeProps, ClassNames } from './theme';
export { defaultMessages, type Messages } from './messages';
export { messagesDe } from './locales/de';
export { messagesFr } from './locales/fr';
export { getFormatters, isValidTimeZone, type Formatters } from './format';
export { StatusBadge, statusTone, type StatusBadgeProps, type StatusTone } from './StatusBadge';
