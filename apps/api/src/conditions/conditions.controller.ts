import { Body, Controller, Get, Post } from '@nestjs/common';
import { Allow, STAFF } from '../auth/allow.decorator';
import { ApiTags } from '@nestjs/swagger';
import { conditionCatalogueDecider } from '@kundval/domain';
import { CommandExecutor } from '../commands/command-executor';
import { CommandMeta, CommandMetadata } from '../commands/command-metadata';
import { RecordLoader } from '../records/record-loader';
import { streamIds } from '../records/stream-ids';
import { DefineConditionDto } from './dto/define-condition.dto';

/** General authorisation conditions (generella auktorisationsvillkor), shared by all schemes. */
@ApiTags('conditions')
@Controller('conditions')
export class ConditionsController {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly records: RecordLoader,
  ) {}

  @Post()
  @Allow('quality_officer')
  define(@Body() dto: DefineConditionDto, @CommandMeta() meta: CommandMetadata) {
    return this.executor.execute(
      conditionCatalogueDecider,
      streamIds.conditionCatalogue(),
      { type: 'DefineGeneralCondition', data: dto },
      meta,
      { request: dto },
    );
  }

  @Get()
  @Allow(...STAFF)
  async list() {
    return (await this.records.conditionCatalogue()).conditions;
  }
}
