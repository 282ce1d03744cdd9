import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from '../auth/allow.decorator';
import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { ProjectionRunner, ProjectionStatus } from '../projections/projection-runner';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  store: { kind: string; headPosition: number | null; ready: boolean; error?: string };
  /** Each read model's position in the log and how many events it is behind. */
  projections: ProjectionStatus[];
}

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
  ) {}

  @Get()
  @Public()
  async health(): Promise<HealthReport> {
    try {
      const headPosition = await this.store.headPosition();
      return {
        status: 'ok',
        store: { kind: this.store.kind, headPosition, ready: true },
        projections: await this.projections.status(),
      };
    } catch (error) {
      return {
        status: 'unavailable',
        store: {
          kind: this.store.kind,
          headPosition: null,
          ready: false,
          error: (error as Error).message,
        },
        projections: [],
      };
    }
  }
}
