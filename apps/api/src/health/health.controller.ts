import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@kundval/event-store';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  store: { kind: string; headPosition: number | null; ready: boolean; error?: string };
}

@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  async health(): Promise<HealthReport> {
    try {
      const headPosition = await this.store.headPosition();
      return { status: 'ok', store: { kind: this.store.kind, headPosition, ready: true } };
    } catch (error) {
      return {
        status: 'unavailable',
        store: {
          kind: this.store.kind,
          headPosition: null,
          ready: false,
          error: (error as Error).message,
        },
      };
    }
  }
}
