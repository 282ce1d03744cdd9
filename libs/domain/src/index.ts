export * from './condition';
export * from './provider';
export * from './scheme';
export * from './seed-data';
export * from './shared';
