import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module';
import { NackaSeeder } from './nacka-seeder';

/** Provides the Nacka seeder; needs the global `EVENT_STORE` provider. */
@Module({ imports: [RecordsModule], providers: [NackaSeeder], exports: [NackaSeeder] })
export class SeedModule {}
