import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { headerOf, HttpRequest, paramsOf } from '../shared/http-request';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './allow.decorator';
import { AuthConfig } from './auth.config';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { InvalidTokenError } from './jwt';
import { Principal } from './principal';
import { Role } from './roles';
import { VerifiedTokens } from './verified-tokens';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

/** The request once authenticated. */
export type AuthenticatedRequest = HttpRequest & { principal?: Principal };

/**
 * The one place access is decided, for every endpoint: a valid bearer token (else 401), a role
 * the endpoint allows (else 403; auditors read everything and change nothing), and for provider
 * and citizen callers only their own records: every `providerId` / `citizenId` in the path or
 * body must be theirs, so guessing another id gets 403, not data. (Endpoints they may call without
 * such an id return no one's personal data: scheme lists, choosable providers.)
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly limiter = new AuthFailureLimiter();
  private readonly tokens: VerifiedTokens;

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_CONFIG) config: AuthConfig,
  ) {
    this.tokens = new VerifiedTokens(config);
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.authenticate(request);
    request.principal = principal;
    if (principal.role === 'auditor') {
      if (request.method === 'GET') return true;
      throw forbidden('Auditors read everything and change nothing');
    }
    const allowed = this.reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? [];
    if (!allowed.includes(principal.role))
      throw forbidden(`The role ${principal.role} may not do this`);
    this.assertOwnRecords(principal, request);
    return true;
  }

  private authenticate(request: HttpRequest): Principal {
    const address = request.ip ?? 'unknown';
    if (this.limiter.isBlocked(address)) {
      throw new ProblemException(
        problem(
          429,
          'TOO_MANY_AUTH_FAILURES',
          'Too many failed sign-ins',
          'Wait a minute before trying again',
        ),
      );
    }
    const header = headerOf(request, 'authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9._-]{10,4096})$/.exec(header);
    try {
      if (!match) throw new InvalidTokenError('no bearer token');
      return this.tokens.verify(match[1]);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      this.limiter.record(address);
      throw new ProblemException(
        problem(
          401,
          'UNAUTHENTICATED',
          'Sign-in required',
          `A valid bearer token is required (${error.message})`,
        ),
      );
    }
  }

  private assertOwnRecords(principal: Principal, request: HttpRequest): void {
    const body = (
      typeof request.body === 'object' && request.body !== null ? request.body : {}
    ) as Record<string, unknown>;
    const ids = (name: string) =>
      [paramsOf(request)[name], body[name]].filter((v) => v !== undefined);
    if (principal.role === 'provider') {
      const providerIds = ids('providerId');
      if (providerIds.some((id) => id !== principal.providerId)) {
        throw forbidden('Provider staff see and change only their own provider');
      }
    }
    if (principal.role === 'citizen') {
      // A route naming no citizen (scheme lists, choosable providers) holds no one's data.
      if (ids('citizenId').some((id) => !principal.citizenIds?.includes(String(id)))) {
        throw forbidden('Citizens see and act only for themselves and those they represent');
      }
    }
  }
}

function forbidden(detail: string): ProblemException {
  return new ProblemException(problem(403, 'FORBIDDEN', 'Not allowed', detail));
}
