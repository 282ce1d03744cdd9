export * from './nacka-general-conditions.seed';
export * from './nacka-market-shares.seed';
export * from './nacka-provider-counts.seed';
export * from './nacka-schemes.seed';
export * from './seed-commands';
