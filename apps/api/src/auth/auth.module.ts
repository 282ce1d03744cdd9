import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthConfig } from './auth.config';
import { AUTH_CONFIG, AuthGuard } from './auth.guard';
import { DevTokenController } from './dev-token.controller';

/** Authentication for every route: the guard, its key configuration, the demo sign-in. */
@Global()
@Module({})
export class AuthModule {
  static with(config: AuthConfig) {
    return {
      module: AuthModule,
      providers: [
        { provide: AUTH_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      controllers: [DevTokenController],
      exports: [AUTH_CONFIG],
    };
  }
}
