import { AuthConfig } from './auth.config';
import { InvalidTokenError, issueToken } from './jwt';
import { VerifiedTokens } from './verified-tokens';

const config: AuthConfig = {
  mode: 'development',
  issuer: 'kundval-ledger',
  audience: 'kundval-api',
  key: { kind: 'secret', secret: Buffer.from('a secret of enough length for tests') },
};

const now = Date.UTC(2026, 11, 5, 12);
const citizenToken = () =>
  issueToken({ subject: 'c1', role: 'citizen', citizenIds: ['C1'] }, config, 600, now);

describe('verified tokens', () => {
  it('answers a token used again with the same caller', () => {
    const tokens = new VerifiedTokens(config);
    const token = citizenToken();
    expect(tokens.verify(token, now)).toEqual({
      subject: 'c1',
      role: 'citizen',
      citizenIds: ['C1'],
    });
    expect(tokens.verify(token, now + 1000)).toEqual({
      subject: 'c1',
      role: 'citizen',
      citizenIds: ['C1'],
    });
  });

  it('refuses a token verified before once it has expired (60 s leeway)', () => {
    const tokens = new VerifiedTokens(config);
    const token = citizenToken();
    tokens.verify(token, now);
    expect(() => tokens.verify(token, now + 660_000)).not.toThrow();
    expect(() => tokens.verify(token, now + 661_000)).toThrow(
      new InvalidTokenError('token expired'),
    );
  });

  it('refuses a token whose signature does not match, every time', () => {
    const tokens = new VerifiedTokens(config);
    const token = citizenToken();
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(() => tokens.verify(forged, now)).toThrow(InvalidTokenError);
    expect(() => tokens.verify(forged, now)).toThrow(InvalidTokenError);
  });

  it('gives each caller its own copy of the principal', () => {
    const tokens = new VerifiedTokens(config);
    const token = citizenToken();
    tokens.verify(token, now).citizenIds!.push('C2');
    expect(tokens.verify(token, now).citizenIds).toEqual(['C1']);
  });

  it('keeps at most as many tokens as asked, still verifying those it let go', () => {
    const tokens = new VerifiedTokens(config, 2);
    const issued = ['a', 'b', 'c'].map((subject) =>
      issueToken({ subject, role: 'caseworker' }, config, 600, now),
    );
    issued.forEach((token) => tokens.verify(token, now));
    expect(issued.map((token) => tokens.verify(token, now).subject)).toEqual(['a', 'b', 'c']);
  });
});
