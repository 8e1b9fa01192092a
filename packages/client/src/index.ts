export * from './events';
export * from './format';
export * from './http';
export { en } from './i18n/en';
export { id, type Resources } from './i18n/id';
export * from './routes';
