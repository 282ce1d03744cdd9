import 'reflect-metadata';
import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { EventStoreConfig, openEventStore } from '@kundval/event-store';
import { AppModule } from './app.module';
import { securityHeaders } from './shared/security-headers';
import { identitySecretsFromEnv } from './citizens/identity/identity-secrets';
import { AuthConfig, developmentAuthConfig } from './auth/auth.config';
import { ReadYourWritesInterceptor } from './projections/read-your-writes.interceptor';
import { Clock, SystemClock } from './shared/clock';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { validationProblem } from './problem/validation-problem';

/**
 * Builds the API on an opened store; shared by `main.ts` and the end-to-end tests. Without an
 * `auth` configuration it uses the development one (tests, the CLI); `main.ts` always passes the
 * one read from the environment.
 */
export async function createApp(
  config: EventStoreConfig,
  options: { logger?: false; clock?: Clock; auth?: AuthConfig } = {},
): Promise<INestApplication> {
  const store = await openEventStore(config);
  // Local files (identities, later read models) live in the data directory whatever the store.
  const dataDir = config.kind === 'embedded' ? config.dataDir : (process.env.DATA_DIR ?? './data');
  const auth = options.auth ?? developmentAuthConfig();
  const identity = { dataDir, secrets: identitySecretsFromEnv(process.env, auth.mode) };
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.withStore(store, config, identity, options.clock ?? new SystemClock(), auth),
    {
      logger: options.logger ?? ['log', 'warn', 'error'],
    },
  );
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.useBodyParser('json', { limit: '256kb' });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalInterceptors(app.get(ReadYourWritesInterceptor));
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationProblem,
    }),
  );
  const openApi = new DocumentBuilder()
    .setTitle('Kundval Ledger API')
    .setDescription(
      'Commands and queries of the kundval voucher ledger. Errors are application/problem+json.',
    )
    .setVersion('1')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/openapi.json',
  });
  app.enableShutdownHooks();
  return app;
}
