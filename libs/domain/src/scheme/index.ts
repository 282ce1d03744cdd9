export * from './decide-scheme';
export * from './scheme.commands';
export * from './scheme.decider';
export * from './scheme.events';
export * from './scheme.queries';
export * from './scheme.state';
export * from './scheme.types';
