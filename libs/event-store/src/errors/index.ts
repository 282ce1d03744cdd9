export * from './event-store-configuration.error';
export * from './event-store-unavailable.error';
export * from './invalid-event.error';
export * from './wrong-expected-revision.error';
