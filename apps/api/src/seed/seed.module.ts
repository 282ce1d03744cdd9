import { Module } from '@nestjs/common';
import { CommandExecutor } from '../commands/command-executor';
import { RecordLoader } from '../records/record-loader';
import { NackaSeeder } from './nacka-seeder';

/** Provides the Nacka seeder; needs the global `EVENT_STORE` provider. */
@Module({
  // CommandExecutor and RecordLoader are provided here until their own modules export them.
  providers: [NackaSeeder, CommandExecutor, RecordLoader],
  exports: [NackaSeeder],
})
export class SeedModule {}
