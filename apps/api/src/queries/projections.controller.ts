import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Allow, STAFF } from '../auth/allow.decorator';
import { ApiTags } from '@nestjs/swagger';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';
import { ProjectionRunner } from '../projections/projection-runner';

/** Read-model operations: status, and rebuild from position zero while the API keeps serving. */
@ApiTags('read models')
@Controller('projections')
export class ProjectionsController {
  constructor(private readonly runner: ProjectionRunner) {}

  @Get()
  @Allow(...STAFF)
  status() {
    return this.runner.status();
  }

  @Post('rebuild')
  @Allow('quality_officer')
  @HttpCode(200)
  rebuildAll() {
    return this.runner.rebuildAll();
  }

  @Post(':name/rebuild')
  @Allow('quality_officer')
  @HttpCode(200)
  async rebuild(@Param('name') name: string) {
    const known = (await this.runner.status()).some((s) => s.name === name);
    if (!known)
      throw new ProblemException(
        problem(
          404,
          'PROJECTION_NOT_FOUND',
          'No such projection',
          `There is no projection "${name}"`,
        ),
      );
    return this.runner.rebuild(name);
  }
}
