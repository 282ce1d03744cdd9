import { stockholmDateOf } from '@kundval/domain';
import { Upcaster } from './upcaster';

/**
 * Version 1 of `CapacityDeclared` (written before capacity could be removed) named the ceiling
 * `capacity` and had no declaration date; version 2 calls it `ceiling` (null: no ceiling) and
 * dates it. The date of a v1 declaration is the business date (Europe/Stockholm, as every date
 * the domain decides by) of when it was recorded.
 */
export const capacityDeclaredV1: Upcaster = {
  type: 'CapacityDeclared',
  fromVersion: 1,
  up: (data, event) => {
    const { capacity, ...rest } = data as { capacity: number; [key: string]: unknown };
    return { ...rest, ceiling: capacity, declaredOn: stockholmDateOf(new Date(event.recordedAt)) };
  },
};
