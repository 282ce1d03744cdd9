import { Module } from '@nestjs/common';
import { CitizensModule } from '../citizens/citizens.module';
import { RecordsModule } from '../records/records.module';
import { AdmissionRoundsController } from './admission-rounds.controller';
import { AdmissionProcess } from './admission.process';

@Module({
  imports: [RecordsModule, CitizensModule],
  providers: [AdmissionProcess],
  controllers: [AdmissionRoundsController],
})
export class SchoolChoiceModule {}
