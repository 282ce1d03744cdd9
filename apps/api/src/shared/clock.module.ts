import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** Provides the clock to every module. */
@Global()
@Module({})
export class ClockModule {
  static with(clock: Clock = new SystemClock()) {
    return {
      module: ClockModule,
      providers: [{ provide: Clock, useValue: clock }],
      exports: [Clock],
    };
  }
}
