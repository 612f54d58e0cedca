/** Styled components, built only on the hooks. */
export { ThemeProvider, ThemeScope, useThemeRoot, useMessages, themeToCssVariables, cx } from './theme';
export type { Theme, ThemeColors, Appearance, ThemeProps, ClassNames } from './theme';
export { defaultMessages, type ActionMessages, type Messages } from './messages';
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
export { SessionList, type SessionListProps, type SessionDetailRenderProps } from './SessionList';
export {
  sessionListColumns,
  DEFAULT_SESSION_LIST_COLUMNS,
  type SessionListColumn,
  type SessionListColumnId,
  type SessionListColumnInput,
  type SessionListColumnContext,
  type SessionListColumnAlign,
} from './list/columns';
export type { SessionListPart } from './list/rows';
export { SessionFilters, SESSION_FILTER_FIELDS, type SessionFiltersProps, type SessionFiltersPart, type SessionFilterField } from './SessionFilters';
export { RefundSummary, type RefundSummaryProps, type RefundSummaryPart } from './RefundSummary';
export { SessionDetail, preloadSessionDetail, sessionTimeline, type SessionDetailProps, type SessionLookup, type SessionDetailPart, type SessionTimelineEvent } from './SessionDetail';
export { Pagination, DEFAULT_PAGE_SIZE_OPTIONS, type PaginationProps, type PaginationPart } from './Pagination';
export { ExportButton, type ExportButtonProps, type ExportButtonPart, type ExportInfo } from './ExportButton';
