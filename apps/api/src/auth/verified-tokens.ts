import { AuthConfig } from './auth.config';
import { VerifiedToken, verifyToken } from './jwt';
import { Principal } from './principal';

/**
 * Tokens already verified, so that a client sending the same token with every request is not
 * verified again each time (the signature and the claims' decoding were a tenth of a roster
 * query's server time). A token is reused only within the instants it is valid; after that it is
 * verified again, which refuses it with the reason. The least recently used go first.
 */
export class VerifiedTokens {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private readonly tokens = new Map<string, VerifiedToken>();

  constructor(
    private readonly config: AuthConfig,
    private readonly max = 10_000,
  ) {}

  /** The token's caller (a copy: callers may not change what later requests get). */
  verify(token: string, now = Date.now()): Principal {
    let verified = this.tokens.get(token);
    if (verified) this.tokens.delete(token);
    if (!verified || now < verified.validFromMs || now >= verified.validUntilMs)
      verified = verifyToken(token, this.config, now);
    this.tokens.set(token, verified);
    if (this.tokens.size > this.max) this.tokens.delete(this.tokens.keys().next().value!);
    const { principal } = verified;
    return principal.citizenIds
      ? { ...principal, citizenIds: [...principal.citizenIds] }
      : { ...principal };
  }
}
