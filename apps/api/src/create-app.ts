import 'reflect-metadata';
import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { EventStoreConfig, openEventStore } from '@kundval/event-store';
import { AppModule } from './app.module';
import { API_HEADERS, securityHeaders } from './shared/security-headers';
import type { HttpReply, HttpRequest } from './shared/http-request';
import { useJsonBody } from './shared/json-body';
import { identitySecretsFromEnv } from './citizens/identity/identity-secrets';
import { AuthConfig, developmentAuthConfig } from './auth/auth.config';
import { Clock, SystemClock } from './shared/clock';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { validationProblem } from './problem/validation-problem';

/** The largest request body accepted; a command is a few hundred bytes. */
const BODY_LIMIT_BYTES = 256 * 1024;

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
  const problems = new ProblemDetailsFilter();
  // Fastify rather than Express: the same routes at about a third of the framework's cost per
  // request (see docs/benchmarks.md, "The HTTP layer").
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.withStore(store, config, identity, options.clock ?? new SystemClock(), auth),
    // Ids in paths are checked by the handlers, whose refusals say what is wrong with them; a path
    // Fastify cannot route (not percent-encoded UTF-8) is answered as any other refusal.
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      routerOptions: { maxParamLength: 16 * 1024 },
      frameworkErrors: (error: Error, request: HttpRequest, reply: HttpReply) => {
        reply.headers(API_HEADERS);
        problems.answer(error, request, reply);
      },
    }),
    // The JSON body reader is our own (useJsonBody below), not Nest's.
    { logger: options.logger ?? ['log', 'warn', 'error'], bodyParser: false },
  );
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', securityHeaders);
  useJsonBody(fastify, BODY_LIMIT_BYTES);
  app.useGlobalFilters(problems);
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
