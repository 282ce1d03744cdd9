export * from './applicable-conditions';
export * from './authorisation-condition';
export * from './condition-catalogue.commands';
export * from './condition-catalogue.decider';
export * from './condition-catalogue.events';
export * from './condition-catalogue.state';
export * from './decide-condition-catalogue';
