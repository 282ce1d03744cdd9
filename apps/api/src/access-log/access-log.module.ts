import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AccessLog } from './access-log';
import { AccessLogController } from './access-log.controller';

@Global()
@Module({})
export class AccessLogModule implements OnApplicationShutdown {
  constructor(@Inject(AccessLog) private readonly log: AccessLog) {}

  static open(dataDir: string) {
    return {
      module: AccessLogModule,
      providers: [{ provide: AccessLog, useFactory: () => AccessLog.open(dataDir) }],
      controllers: [AccessLogController],
      exports: [AccessLog],
    };
  }

  onApplicationShutdown(): void {
    this.log.close();
  }
}
