export * from './calendar-date';
export * from './decision-context';
export * from './domain.error';
export * from './messages';
export * from './money';
export * from './organisation-number';
export * from './validation';
export * from './unknown-command';
