import { RecordedEvent } from '@kundval/event-store';
import { capacityDeclaredV1 } from './capacity-declared.v1';
import { Upcaster } from './upcaster';

/** Every upcaster, by event type and the version it upgrades from. */
const UPCASTERS: readonly Upcaster[] = [capacityDeclaredV1];

const byType = new Map<string, Map<number, Upcaster>>();
for (const upcaster of UPCASTERS) {
  const versions = byType.get(upcaster.type) ?? new Map<number, Upcaster>();
  versions.set(upcaster.fromVersion, upcaster);
  byType.set(upcaster.type, versions);
}

/**
 * The event as the current code expects it: stored events keep the schema version they were
 * written with, and are upgraded step by step when read, so old events fold and project as new.
 */
export function upcast(event: RecordedEvent): RecordedEvent {
  const versions = byType.get(event.type);
  if (!versions) return event;
  let version = Number(event.metadata.schemaVersion ?? 1);
  let data = event.data;
  for (let step = versions.get(version); step; step = versions.get(version)) {
    data = step.up(data, event);
    version += 1;
  }
  return version === event.metadata.schemaVersion
    ? event
    : { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
}

/** The schema version events of this type are written with now: one past the last upcaster. */
export function currentSchemaVersion(type: string): number {
  const versions = byType.get(type);
  return versions ? Math.max(...versions.keys()) + 1 : 1;
}
