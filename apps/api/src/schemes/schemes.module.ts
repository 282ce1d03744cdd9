import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module';
import { SchemesController } from './schemes.controller';

@Module({ imports: [RecordsModule], controllers: [SchemesController] })
export class SchemesModule {}
