import { Body, Controller, Param, Post } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import { ApiTags } from '@nestjs/swagger';
import { CommandMeta, CommandMetadata } from '../commands/command-metadata';
import { newRecordId } from '../commands/new-record-id';
import { QualityReportDto } from './dto/quality-report.dto';
import { RecordComplaintHandlingDto } from './dto/record-complaint-handling.dto';
import { RecordComplaintDto } from './dto/record-complaint.dto';
import { RecordVisitDto } from './dto/record-visit.dto';
import { ReportSeriousDeviationDto } from './dto/report-serious-deviation.dto';
import { SurveyResultDto } from './dto/survey-result.dto';
import { ProviderCommands } from './provider-commands';

/** Follow-up (uppföljning): complaints, serious deviations, visits, quality reports, surveys. */
@ApiTags('providers: follow-up')
@Controller('providers/:providerId')
export class ProviderFollowUpController {
  constructor(private readonly commands: ProviderCommands) {}

  @Post('complaints')
  @Allow('quality_officer')
  recordComplaint(
    @Param('providerId') providerId: string,
    @Body() dto: RecordComplaintDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const complaintId = newRecordId(meta, 'complaint');
    return this.commands.run(
      providerId,
      { type: 'RecordComplaint', data: { providerId, complaintId, ...dto } },
      meta,
      dto,
      { created: { complaintId } },
    );
  }

  @Post('complaints/:complaintId/handling')
  @Allow('quality_officer', 'provider')
  recordHandling(
    @Param('providerId') providerId: string,
    @Param('complaintId') complaintId: string,
    @Body() dto: RecordComplaintHandlingDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.commands.run(
      providerId,
      { type: 'RecordComplaintHandling', data: { providerId, complaintId, ...dto } },
      meta,
      dto,
    );
  }

  @Post('deviations')
  @Allow('quality_officer', 'provider')
  reportDeviation(
    @Param('providerId') providerId: string,
    @Body() dto: ReportSeriousDeviationDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const deviationId = newRecordId(meta, 'deviation');
    return this.commands.run(
      providerId,
      { type: 'ReportSeriousDeviation', data: { providerId, deviationId, ...dto } },
      meta,
      dto,
      { created: { deviationId } },
    );
  }

  @Post('visits')
  @Allow('quality_officer')
  recordVisit(
    @Param('providerId') providerId: string,
    @Body() dto: RecordVisitDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const visitId = newRecordId(meta, 'visit');
    return this.commands.run(
      providerId,
      { type: 'RecordFollowUpVisit', data: { providerId, visitId, ...dto } },
      meta,
      dto,
      { created: { visitId } },
    );
  }

  @Post('quality-reports')
  @Allow('quality_officer', 'provider')
  submitQualityReport(
    @Param('providerId') providerId: string,
    @Body() dto: QualityReportDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const reportId = newRecordId(meta, 'quality-report');
    const figures = dto.figures.map((f) => ({ ...f }));
    return this.commands.run(
      providerId,
      { type: 'SubmitQualityReport', data: { providerId, reportId, ...dto, figures } },
      meta,
      dto,
      { created: { reportId } },
    );
  }

  @Post('survey-results')
  @Allow('quality_officer')
  recordSurvey(
    @Param('providerId') providerId: string,
    @Body() dto: SurveyResultDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const surveyId = newRecordId(meta, 'survey');
    const figures = dto.figures.map((f) => ({ ...f }));
    return this.commands.run(
      providerId,
      { type: 'RecordSurveyResult', data: { providerId, surveyId, ...dto, figures } },
      meta,
      dto,
      { created: { surveyId } },
    );
  }
}
