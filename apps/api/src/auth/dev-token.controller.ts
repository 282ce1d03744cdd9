import { fieldProblem } from '../problem/validation-problem';
import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';
import { Public } from './allow.decorator';
import { AuthConfig } from './auth.config';
import { AUTH_CONFIG } from './auth.guard';
import { DevTokenDto } from './dev-token.dto';
import { issueToken } from './jwt';

const TTL_SECONDS = 8 * 3600;

/** Demo sign-in: mints tokens for any role. Exists only in the explicit development mode. */
@ApiTags('auth')
@Controller('auth')
export class DevTokenController {
  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {}

  @Post('dev-token')
  @Public()
  @HttpCode(201)
  devToken(@Body() dto: DevTokenDto) {
    if (this.config.mode !== 'development') {
      throw new ProblemException(
        problem(404, 'NOT_FOUND', 'Not found', 'Cannot POST /auth/dev-token'),
      );
    }
    if (dto.role === 'provider' && !dto.providerId)
      throw invalid('providerId', 'a provider token names its provider');
    if (dto.role === 'citizen' && !dto.citizenIds)
      throw invalid('citizenIds', 'a citizen token lists the citizens it may act for');
    const principal = {
      subject: dto.subject,
      role: dto.role,
      ...(dto.role === 'provider' ? { providerId: dto.providerId } : {}),
      ...(dto.role === 'citizen' ? { citizenIds: dto.citizenIds } : {}),
    };
    const token = issueToken(principal, this.config, TTL_SECONDS);
    return {
      token,
      expiresAt: new Date(Date.now() + TTL_SECONDS * 1000).toISOString(),
      ...principal,
    };
  }
}

function invalid(field: string, message: string): ProblemException {
  return fieldProblem(field, message);
}
