import { Module } from '@nestjs/common';
import { CommandExecutor } from '../commands/command-executor';
import { RecordLoader } from './record-loader';

/** Reading records and running commands on them: what every feature module needs. */
@Module({ providers: [CommandExecutor, RecordLoader], exports: [CommandExecutor, RecordLoader] })
export class RecordsModule {}
