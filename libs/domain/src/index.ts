export * from './citizen';
export * from './condition';
export * from './placement';
export * from './provider';
export * from './scheme';
export * from './school-choice';
export * from './seed-data';
export * from './shared';
