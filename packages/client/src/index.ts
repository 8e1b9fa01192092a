export * from './events';
export * from './format';
export * from './http';
export { en } from './i18n/en';
export { id, type Resources } from './i18n/id';
export {
  type EmptyRoute,
  type FileRoute,
  type JsonRoute,
  pathOf,
  type RouteKey,
  type RouteOptions,
} from './routes';
