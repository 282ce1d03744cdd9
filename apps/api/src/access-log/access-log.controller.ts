import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { pageOf } from '../queries/paging';
import { textParam } from '../queries/query-text';
import { AccessLog } from './access-log';

/** Auditors query who read whose data (auditors may call every GET; no other role is allowed). */
@ApiTags('access log')
@Controller('access-log')
export class AccessLogController {
  constructor(@Inject(AccessLog) private readonly log: AccessLog) {}

  @Get()
  list(@Query() query: { citizenId?: string; actor?: string; limit?: string; offset?: string }) {
    const page = pageOf(query);
    const { items, total } = this.log.query({
      citizenId: textParam(query.citizenId, 'citizenId'),
      actor: textParam(query.actor, 'actor'),
      ...page,
    });
    return { items, page: { ...page, total } };
  }
}
