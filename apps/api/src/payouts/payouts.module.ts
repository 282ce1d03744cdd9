import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module';
import { PaymentRuns } from './payment-runs.service';
import { PayoutFactsController } from './payout-facts.controller';
import { PayoutInputs } from './payout-inputs';
import { PayoutsController } from './payouts.controller';

@Module({
  imports: [RecordsModule],
  providers: [PayoutInputs, PaymentRuns],
  controllers: [PayoutsController, PayoutFactsController],
  exports: [PaymentRuns, PayoutInputs],
})
export class PayoutsModule {}
