import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AccessLog } from './access-log';
import { AccessLogController } from './access-log.controller';
import { AccessLogInterceptor } from './access-log.interceptor';

@Global()
@Module({})
export class AccessLogModule implements OnApplicationShutdown {
  constructor(@Inject(AccessLog) private readonly log: AccessLog) {}

  static open(dataDir: string) {
    return {
      module: AccessLogModule,
      providers: [
        { provide: AccessLog, useFactory: () => AccessLog.open(dataDir) },
        AccessLogInterceptor,
      ],
      controllers: [AccessLogController],
      exports: [AccessLog, AccessLogInterceptor],
    };
  }

  onApplicationShutdown(): void {
    this.log.close();
  }
}
