import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventStoreConfig, openEventStore } from '@kundval/event-store';
import { AppModule } from './app.module';

/** Builds the API on an opened store; shared by `main.ts` and the end-to-end tests. */
export async function createApp(
  config: EventStoreConfig,
  options: { logger?: false } = {},
): Promise<INestApplication> {
  const store = await openEventStore(config);
  const app = await NestFactory.create(AppModule.withStore(store, config), {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  return app;
}
