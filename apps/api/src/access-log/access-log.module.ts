import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
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
        { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
      ],
      controllers: [AccessLogController],
      exports: [AccessLog],
    };
  }

  onApplicationShutdown(): void {
    this.log.close();
  }
}
