import {
  Global,
  Inject,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type Database from 'better-sqlite3';
import { PROJECTIONS } from './projection';
import { ProjectionRunner } from './projection-runner';
import { closeReadModelDatabase, openReadModelDatabase } from './read-model-database';
import { READ_MODEL_DB } from './read-model.tokens';
import { ReadYourWritesGuard } from './read-your-writes.guard';
import { placementsProjection } from './read-models/placements.projection';
import { providersProjection } from './read-models/providers.projection';

/** The read models: their database, the projections that fill it, and the runner. */
@Global()
@Module({})
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
  ) {}

  static open(dataDir: string) {
    return {
      module: ProjectionsModule,
      providers: [
        { provide: READ_MODEL_DB, useFactory: () => openReadModelDatabase(dataDir) },
        { provide: PROJECTIONS, useValue: [providersProjection, placementsProjection] },
        ProjectionRunner,
        { provide: APP_GUARD, useClass: ReadYourWritesGuard },
      ],
      exports: [ProjectionRunner, READ_MODEL_DB],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.onApplicationShutdown();
    await closeReadModelDatabase(this.db);
  }
}
