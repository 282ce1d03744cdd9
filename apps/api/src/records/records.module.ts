import { Module } from '@nestjs/common';
import { CommandExecutor } from '../commands/command-executor';
import { ProviderDirectory } from '../providers/provider-directory';
import { EntitlementSnapshots } from './entitlement-snapshot';
import { RecordLoader } from './record-loader';

/** Reading records and running commands on them: what every feature module needs. */
@Module({
  providers: [CommandExecutor, RecordLoader, ProviderDirectory, EntitlementSnapshots],
  exports: [CommandExecutor, RecordLoader, ProviderDirectory, EntitlementSnapshots],
})
export class RecordsModule {}
