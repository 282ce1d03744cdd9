import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module';
import { AuditTrailController } from './audit-trail.controller';
import { CitizenHistory } from './citizen-history';
import { DashboardsController } from './dashboards.controller';
import { ProjectionsController } from './projections.controller';
import { RostersController } from './rosters.controller';

@Module({
  imports: [RecordsModule],
  providers: [CitizenHistory],
  exports: [CitizenHistory],
  controllers: [
    RostersController,
    DashboardsController,
    AuditTrailController,
    ProjectionsController,
  ],
})
export class QueriesModule {}
