import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { StreamSnapshots } from './stream-snapshots';

/** The data dir's stream snapshots, for every command executor of the app. */
@Global()
@Module({})
export class StreamSnapshotsModule implements OnApplicationShutdown {
  constructor(@Inject(StreamSnapshots) private readonly snapshots: StreamSnapshots) {}

  static open(dataDir: string) {
    return {
      module: StreamSnapshotsModule,
      providers: [{ provide: StreamSnapshots, useFactory: () => StreamSnapshots.open(dataDir) }],
      exports: [StreamSnapshots],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.snapshots.close();
  }
}
