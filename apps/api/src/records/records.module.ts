import { Module } from '@nestjs/common';
import { CommandExecutor } from '../commands/command-executor';
import { ProviderDirectory } from '../providers/provider-directory';
import { RecordLoader } from './record-loader';

/** Reading records and running commands on them: what every feature module needs. */
@Module({
  providers: [CommandExecutor, RecordLoader, ProviderDirectory],
  exports: [CommandExecutor, RecordLoader, ProviderDirectory],
})
export class RecordsModule {}
