import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module';
import { ConditionsController } from './conditions.controller';

@Module({ imports: [RecordsModule], controllers: [ConditionsController] })
export class ConditionsModule {}
