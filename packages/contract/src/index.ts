export * from './areas';
export * from './auth';
export * from './common';
export * from './errors';
export * from './phone';
export * from './roles';
export * from './users';
