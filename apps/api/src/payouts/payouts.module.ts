import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module';
import { PaymentRuns } from './payment-runs.service';
import { PayoutFactsController } from './payout-facts.controller';
import { PayoutInputs } from './payout-inputs';
import { PayoutsController } from './payouts.controller';
import { Statements } from './statements.service';

@Module({
  imports: [RecordsModule],
  providers: [PayoutInputs, PaymentRuns, Statements],
  controllers: [PayoutsController, PayoutFactsController],
  exports: [PaymentRuns, PayoutInputs, Statements],
})
export class PayoutsModule {}
