import 'reflect-metadata';
import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { EventStoreConfig, openEventStore } from '@kundval/event-store';
import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { validationProblem } from './problem/validation-problem';

/** Builds the API on an opened store; shared by `main.ts` and the end-to-end tests. */
export async function createApp(
  config: EventStoreConfig,
  options: { logger?: false } = {},
): Promise<INestApplication> {
  const store = await openEventStore(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.withStore(store, config), {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  app.useBodyParser('json', { limit: '256kb' });
  app.useGlobalFilters(new ProblemDetailsFilter());
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
