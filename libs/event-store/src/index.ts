export * from './port';
export * from './errors';
export * from './config/event-store.config';
export * from './config/open-event-store';
