import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module';
import { CitizensController } from './citizens.controller';
import { EntitlementsController } from './entitlements.controller';
import { NonChoiceController } from './non-choice/non-choice.controller';
import { NonChoiceCandidates } from './non-choice/non-choice-candidates';
import { NonChoiceProcess } from './non-choice/non-choice.process';
import { NonChoiceScheduler } from './non-choice/non-choice.scheduler';
import { PlacementWorkflow } from './placement-workflow';
import { RosterPreloader } from './roster-preloader';

@Module({
  imports: [RecordsModule],
  providers: [
    PlacementWorkflow,
    NonChoiceProcess,
    NonChoiceCandidates,
    NonChoiceScheduler,
    RosterPreloader,
  ],
  controllers: [CitizensController, EntitlementsController, NonChoiceController],
  exports: [PlacementWorkflow],
})
export class CitizensModule {}
