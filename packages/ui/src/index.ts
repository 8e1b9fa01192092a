export { ErrorAlert, errorMessage } from './error-alert';
export { changeLanguage, i18next, initI18n, type Language } from './i18n';
export { useFirstScreenShown } from './launch-screen';
export { lazyScreen } from './lazy-screen';
export { OfflineTimeNote } from './offline-time-note';
export { StatusBadge, statusColors } from './status-badge';
export { cssVariablesResolver, theme } from './theme';
