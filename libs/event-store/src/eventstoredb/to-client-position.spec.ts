import { START } from '@eventstore/db-client';
import { toClientPosition, toPortPosition } from './to-client-position';

describe('positions', () => {
  it('uses the commit position as the port’s position', () => {
    expect(toPortPosition({ commit: BigInt(1234), prepare: BigInt(1234) })).toBe(1234);
  });

  it('resumes after 0 from the start of the log', () => {
    expect(toClientPosition(0)).toBe(START);
  });

  it('resumes after p from { commit: p, prepare: p }', () => {
    expect(toClientPosition(98765)).toEqual({ commit: BigInt(98765), prepare: BigInt(98765) });
  });

  it('round-trips a position the server handed out', () => {
    const position = { commit: BigInt(2 ** 40 + 17), prepare: BigInt(2 ** 40 + 17) };
    expect(toClientPosition(toPortPosition(position))).toEqual(position);
  });

  it.each([-1, 0.5, Number.POSITIVE_INFINITY])('refuses %p', (after) => {
    expect(() => toClientPosition(after)).toThrow(RangeError);
  });
});
