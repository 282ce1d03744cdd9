import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module';
import { ProviderCommands } from './provider-commands';
import { ProviderFollowUpController } from './provider-follow-up.controller';
import { ProviderSanctionsController } from './provider-sanctions.controller';
import { ProvidersController } from './providers.controller';

@Module({
  imports: [RecordsModule],
  providers: [ProviderCommands],
  controllers: [ProvidersController, ProviderFollowUpController, ProviderSanctionsController],
})
export class ProvidersModule {}
