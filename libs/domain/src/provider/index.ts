export * from './choosability';
export * from './decide-provider';
export * from './provider.commands';
export * from './provider.decider';
export * from './provider.events';
export * from './provider.queries';
export * from './provider.state';
export * from './provider.types';
