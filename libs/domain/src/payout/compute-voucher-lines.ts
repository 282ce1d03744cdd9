import {
  lastEntitledDay,
  performedHoursFor,
  supplementLastDay,
} from '../citizen/entitlement.queries';
import { EntitlementState, GrantedEntitlement } from '../citizen/entitlement.state';
import { LevelPeriod, Placement } from '../citizen/entitlement.types';
import { isAuthorisedOn } from '../provider/choosability';
import { vatCompensationFor } from '../provider/provider.queries';
import { ProviderState } from '../provider/provider.state';
import { paymentRuleFor, rateOn } from '../scheme/scheme.queries';
import { EstablishedScheme, SchemeState } from '../scheme/scheme.state';
import { PaymentRule, ScheduledRate } from '../scheme/scheme.types';
import { CalendarDate } from '../shared/calendar-date';
import { DomainError } from '../shared/domain.error';
import { BasisPoints, FULL_BASIS_POINTS } from '../shared/money';
import { countingDayOf } from './counting-day';
import { assertPeriod, datesOf, firstDayOf, lastDayOf, Period } from './period';
import { divideRounded } from './rounding';
import { AmountsPool, BasisPool, NO_FLAGS } from './shared-values';
import {
  HoursBasis,
  paymentKey,
  SupplementBasis,
  VoucherLine,
  VoucherLineFlag,
  VoucherSegment,
} from './voucher-line';

/** What a payment run needs to compute one scheme's lines for one period. */
export type VoucherComputationInput = Readonly<{
  /** The month, `YYYY-MM`. */
  period: Period;
  scheme: SchemeState;
  /**
   * Provider states by provider id. Every provider an entitlement places the citizen with during
   * the period must be present (`INVALID_INPUT` otherwise); others are ignored.
   */
  providers: Readonly<Record<string, ProviderState>>;
  /** Entitlements; those of other schemes and ungranted ones are skipped. */
  entitlements: readonly EntitlementState[];
}>;

type Context = Readonly<{
  period: Period;
  scheme: EstablishedScheme;
  rule: PaymentRule;
  dates: readonly CalendarDate[];
  daysInMonth: number;
  countingDay: CalendarDate | null;
  /** The counting day's index in `dates`, or -1. */
  countingDayIndex: number;
  providers: Readonly<Record<string, ProviderState>>;
  // Per provider and day, and per level and day (by day index): the same for every entitlement
  // of the run, so each is worked out once instead of once per citizen and day.
  providerDays: Map<string, ProviderDay[]>;
  rates: Map<string, (ScheduledRate | null)[]>;
  uniformProviderDays: Map<string, ProviderDay | null>;
  uniformRates: Map<string, ScheduledRate | null | typeof MIXED>;
  // A run holds its lines until they are appended: equal parts of them are held once.
  amounts: AmountsPool;
  bases: BasisPool;
}>;

type ProviderDay = Readonly<{ authorised: boolean; vatBasisPoints: BasisPoints }>;

// Consecutive paid days (by day index from 0) with the same level, rate and VAT percentage: a
// segment in the making. Kept as runs rather than one record per day, since a month is mostly one.
type PaidRun = {
  from: number;
  to: number;
  /** The level of the run's first day (its later days have the same `level`). */
  readonly level: LevelPeriod;
  readonly rate: ScheduledRate;
  readonly vatBasisPoints: BasisPoints;
};

// What one provider's days with the citizen in the month look like.
type ProviderDays = {
  placedDays: number;
  unauthorisedDays: number;
  unpricedDays: number;
  paid: PaidRun[];
  /** Σ granted hundredths of hours per month over the paid days (the hourly cap's numerator). */
  grantedHundredths: number;
};

const PER_MONTH_HUNDREDTHS = 100n;
const BP = BigInt(FULL_BASIS_POINTS);

/**
 * Computes what each provider is owed for each entitlement of a scheme in a period, as of the
 * states given (so for a closed period: what the current history says was owed).
 *
 * Days: a day counts for the provider the citizen is placed with that day, if the citizen is
 * entitled, the provider is authorised (`isAuthorisedOn`: up to the day before a
 * de-authorisation's or withdrawal's effective date, unless an appeal overturned it) and a rate
 * is in force for the citizen's level that day. Each day is paid at its own rate and level.
 *
 * Payment models:
 * - monthly, `per_day`: voucher = Σ(rate × days) / days in month;
 * - monthly, `counting_day`: the provider the citizen is placed with on the counting day, if
 *   paid that day, gets the whole month at that day's rate, level and VAT percentage; the
 *   others get nothing.
 *   An entitlement starting or ending within the month follows the same rule;
 * - daily: voucher = Σ(rate × days);
 * - hourly: paid hours = reported hours, capped at the granted hours prorated over the
 *   provider's paid days (Σ granted hours per month of each paid day / days in month, rounded
 *   half up to hundredths); the excess is flagged, not paid. Voucher = paid hours × the rate,
 *   the rate weighted by days when it changes within the month:
 *   paid × Σ(rate × days) / paid days. Without a report (or with zero hours) there is no line.
 *
 * VAT compensation: Σ(rate × days × basis points) over the same denominator × 10 000, for
 * non-municipal providers only, on the voucher (not on supplements: in the School Act it is part
 * of the basic amount). Supplements: amount per month × days in force on paid days / days in
 * month, per supplement (under a counting-day rule: in full if in force on the counting day).
 *
 * Rounding: each of those amounts is an exact fraction rounded once, half up, to whole öre
 * ({@link divideRounded}); a line's total is voucher + VAT + Σ supplements, and a run's total is
 * the sum of its line totals, so the lines always add up to the total exactly. Two providers
 * sharing a month may together receive an öre more or less than the monthly rate.
 *
 * One line per (entitlement, provider) with paid days (and, hourly, reported hours), sorted by
 * citizen, entitlement, first paid day and provider. Pure and deterministic.
 */
export function computeVoucherLines(input: VoucherComputationInput): VoucherLine[] {
  const linesOf = voucherLineCalculator(input);
  const lines: VoucherLine[] = [];
  for (const entitlement of input.entitlements) lines.push(...linesOf(entitlement));
  return lines.sort(compareVoucherLines);
}

/**
 * `computeVoucherLines` one entitlement at a time, for callers that stream entitlements instead
 * of holding them all: the returned function gives one entitlement's lines (unsorted; none for
 * another scheme or an ungranted entitlement). Sorting every line with
 * {@link compareVoucherLines} gives exactly what `computeVoucherLines` returns.
 */
export function voucherLineCalculator(
  input: Omit<VoucherComputationInput, 'entitlements'>,
): (entitlement: EntitlementState) => VoucherLine[] {
  const period = assertPeriod(input.period, 'period');
  const scheme = input.scheme;
  if (!scheme || scheme.status === 'not_established') {
    throw new DomainError('SCHEME_NOT_ESTABLISHED', 'Vouchers need an established scheme.');
  }
  const rule = paymentRuleFor(scheme, period);
  const dates = datesOf(period);
  const countingDay =
    scheme.paymentModel === 'monthly' && rule.proration === 'counting_day'
      ? countingDayOf(period, rule.countingDay)
      : null;
  const context: Context = {
    period,
    scheme,
    rule,
    dates,
    daysInMonth: dates.length,
    countingDay,
    countingDayIndex: countingDay === null ? -1 : dates.indexOf(countingDay),
    providers: input.providers ?? {},
    providerDays: new Map(),
    rates: new Map(),
    uniformProviderDays: new Map(),
    uniformRates: new Map(),
    amounts: new AmountsPool(),
    bases: new BasisPool(),
  };
  return (entitlement) =>
    entitlement.status === 'not_granted' || entitlement.schemeId !== scheme.schemeId
      ? []
      : linesFor(entitlement, context);
}

function linesFor(entitlement: GrantedEntitlement, context: Context): VoucherLine[] {
  const { dates } = context;
  const first = dates[0];
  const last = dates[dates.length - 1];
  const { placements } = entitlement;
  // Most entitlements of a closed period recomputed, or of a month they are not placed in, have
  // no placement that month: nothing to look up day by day.
  const placed = placements.findIndex((p) => p.from <= last && (p.to === null || p.to >= first));
  if (placed < 0) return [];
  const lastEntitled = lastEntitledDay(entitlement);
  const whole = wholeMonth(entitlement, placements[placed], lastEntitled, context);
  if (whole) {
    const line = lineFor(entitlement, placements[placed].providerId, whole, context);
    return line ? [line] : [];
  }
  const byProvider = new Map<string, ProviderDays>();
  // The dates come from the period, so they are valid: the per-day lookups below are the
  // entitlement queries (placementOn, levelOn) without their argument checks, which cost more
  // than the lookups themselves when made for every day of every entitlement.
  for (let index = 0; index < dates.length; index++) {
    const date = dates[index];
    if (date < entitlement.validFrom || (lastEntitled !== null && date > lastEntitled)) continue;
    const placement = placementAt(placements, date);
    if (!placement) continue;
    let days = byProvider.get(placement.providerId);
    if (!days) {
      days = {
        placedDays: 0,
        unauthorisedDays: 0,
        unpricedDays: 0,
        paid: [],
        grantedHundredths: 0,
      };
      byProvider.set(placement.providerId, days);
    }
    countDay(days, entitlement, placement.providerId, date, index, context);
  }
  const lines: VoucherLine[] = [];
  for (const [providerId, days] of byProvider) {
    const line = lineFor(entitlement, providerId, days, context);
    if (line) lines.push(line);
  }
  return lines;
}

/**
 * The days of the usual month, worked out without going day by day: entitled all month, with one
 * placement (the first that overlaps the month covers all of it), one level, and a provider and
 * rate that are the same every day. They are exactly what the day-by-day count gives then: every
 * day counts the same and all of them form one run. Undefined for any other month.
 */
function wholeMonth(
  entitlement: GrantedEntitlement,
  placement: Placement,
  lastEntitled: CalendarDate | null,
  context: Context,
): ProviderDays | undefined {
  const { dates } = context;
  const n = dates.length;
  const first = dates[0];
  const last = dates[n - 1];
  if (entitlement.validFrom > first || (lastEntitled !== null && lastEntitled < last)) return;
  if (placement.from > first || (placement.to !== null && placement.to < last)) return;
  const providerDay = uniformProviderDay(context, placement.providerId);
  if (!providerDay) return;
  const days: ProviderDays = {
    placedDays: n,
    unauthorisedDays: 0,
    unpricedDays: 0,
    paid: [],
    grantedHundredths: 0,
  };
  if (!providerDay.authorised) {
    days.unauthorisedDays = n;
    return days;
  }
  const level = levelAt(entitlement.levels, first);
  if (!level || entitlement.levels.some((e) => e.effectiveDate > first && e.effectiveDate <= last))
    return;
  const rate = uniformRate(context, level.level);
  if (rate === MIXED) return;
  if (rate === null) {
    days.unpricedDays = n;
    return days;
  }
  days.paid.push({ from: 0, to: n - 1, level, rate, vatBasisPoints: providerDay.vatBasisPoints });
  // The day-by-day count adds the same whole number once per day.
  days.grantedHundredths = n * Math.round((level.grantedHoursPerMonth ?? 0) * 100);
  return days;
}

const MIXED = Symbol('mixed');

// The provider's day when the same every day of the month (authorisation and VAT), else null.
function uniformProviderDay(context: Context, providerId: string): ProviderDay | null {
  let uniform = context.uniformProviderDays.get(providerId);
  if (uniform === undefined) {
    const day = providerDayOf(context, providerId, 0);
    uniform = day;
    for (let index = 1; index < context.dates.length; index++) {
      const other = providerDayOf(context, providerId, index);
      if (other.authorised !== day.authorised || other.vatBasisPoints !== day.vatBasisPoints) {
        uniform = null;
        break;
      }
    }
    context.uniformProviderDays.set(providerId, uniform);
  }
  return uniform;
}

// The first day's rate for a level when every day's rate is the same (or none every day).
function uniformRate(context: Context, level: string): ScheduledRate | null | typeof MIXED {
  let uniform = context.uniformRates.get(level);
  if (uniform === undefined) {
    const rate = rateOf(context, level, 0) ?? null;
    uniform = rate;
    for (let index = 1; index < context.dates.length; index++) {
      const other = rateOf(context, level, index) ?? null;
      const same =
        rate === null
          ? other === null
          : other !== null &&
            other.amountOre === rate.amountOre &&
            other.effectiveDate === rate.effectiveDate;
      if (!same) {
        uniform = MIXED;
        break;
      }
    }
    context.uniformRates.set(level, uniform);
  }
  return uniform;
}

// placementOn for a day known to be within the entitlement.
function placementAt(placements: readonly Placement[], date: CalendarDate): Placement | undefined {
  for (const placement of placements) {
    if (placement.from <= date && (placement.to === null || date <= placement.to)) return placement;
  }
  return undefined;
}

// levelOn for a day known to be within the entitlement.
function levelAt(levels: readonly LevelPeriod[], date: CalendarDate): LevelPeriod | undefined {
  let found: LevelPeriod | undefined;
  for (const entry of levels) {
    if (entry.effectiveDate <= date && (!found || entry.effectiveDate >= found.effectiveDate)) {
      found = entry;
    }
  }
  return found;
}

function providerState(context: Context, providerId: string): ProviderState {
  if (!Object.hasOwn(context.providers, providerId)) {
    throw new DomainError(
      'INVALID_INPUT',
      `The state of provider "${providerId}" is needed to compute the vouchers.`,
      { field: 'providers', providerId },
    );
  }
  return context.providers[providerId];
}

function countDay(
  days: ProviderDays,
  entitlement: GrantedEntitlement,
  providerId: string,
  date: CalendarDate,
  index: number,
  context: Context,
): void {
  days.placedDays += 1;
  const providerDay = providerDayOf(context, providerId, index);
  if (!providerDay.authorised) {
    days.unauthorisedDays += 1;
    return;
  }
  const level = levelAt(entitlement.levels, date) as LevelPeriod;
  const rate = rateOf(context, level.level, index);
  if (!rate) {
    days.unpricedDays += 1;
    return;
  }
  const vatBasisPoints = providerDay.vatBasisPoints;
  days.grantedHundredths += Math.round((level.grantedHoursPerMonth ?? 0) * 100);
  const run = days.paid[days.paid.length - 1];
  const continues =
    run !== undefined &&
    run.to + 1 === index &&
    run.level.level === level.level &&
    run.rate.amountOre === rate.amountOre &&
    run.rate.effectiveDate === rate.effectiveDate &&
    run.vatBasisPoints === vatBasisPoints;
  if (continues) run.to = index;
  else days.paid.push({ from: index, to: index, level, rate, vatBasisPoints });
}

function providerDayOf(context: Context, providerId: string, index: number): ProviderDay {
  let byDay = context.providerDays.get(providerId);
  if (!byDay) context.providerDays.set(providerId, (byDay = []));
  let day = byDay[index];
  if (!day) {
    const provider = providerState(context, providerId);
    const date = context.dates[index];
    const authorised = isAuthorisedOn(provider, context.scheme, date);
    day = {
      authorised,
      vatBasisPoints: authorised ? vatCompensationFor(provider, context.scheme, date) : 0,
    };
    byDay[index] = day;
  }
  return day;
}

function rateOf(context: Context, level: string, index: number): ScheduledRate | undefined {
  let byDay = context.rates.get(level);
  if (!byDay) context.rates.set(level, (byDay = []));
  let rate = byDay[index];
  if (rate === undefined) {
    rate = rateOn(context.scheme, level, context.dates[index]) ?? null;
    byDay[index] = rate;
  }
  return rate ?? undefined;
}

function lineFor(
  entitlement: GrantedEntitlement,
  providerId: string,
  days: ProviderDays,
  context: Context,
): VoucherLine | null {
  const { countingDay, daysInMonth, period, scheme } = context;
  let segments: VoucherSegment[];
  let supplementDays: readonly PaidRun[];
  if (countingDay !== null) {
    const at = context.countingDayIndex;
    const paidThen = days.paid.find((run) => run.from <= at && at <= run.to);
    if (!paidThen) return null;
    segments = [
      {
        ...segmentOf(paidThen, daysInMonth, context.dates),
        from: firstDayOf(period),
        to: lastDayOf(period),
      },
    ];
    supplementDays = [{ ...paidThen, from: at, to: at }];
  } else {
    if (days.paid.length === 0) return null;
    segments = days.paid.map((run) => ({
      ...segmentOf(run, run.to - run.from + 1, context.dates),
      to: context.dates[run.to],
    }));
    supplementDays = days.paid;
  }
  const paidDays = sum(segments.map((segment) => segment.days));
  const hours =
    scheme.paymentModel === 'hourly' ? hoursBasis(entitlement, providerId, days, context) : null;
  if (scheme.paymentModel === 'hourly' && hours === null) return null;

  const [multiplier, denominator] = fraction(scheme.paymentModel, daysInMonth, paidDays, hours);
  const rateDays = sumBig(segments.map((s) => BigInt(s.rateOre) * BigInt(s.days)));
  const rateDaysVat = sumBig(
    segments.map((s) => BigInt(s.rateOre) * BigInt(s.days) * BigInt(s.vatBasisPoints)),
  );
  const voucherOre = divideRounded(rateDays * multiplier, denominator);
  const vatCompensationOre = divideRounded(rateDaysVat * multiplier, denominator * BP);
  const supplements = supplementsBasis(
    entitlement,
    supplementDays,
    context.dates,
    countingDay === null ? 1 : daysInMonth,
    daysInMonth,
  );
  const supplementOre = sum(supplements.map((s) => s.amountOre));
  const vatRates = new Set(segments.map((s) => s.vatBasisPoints));
  const flags: VoucherLineFlag[] = [];
  if (hours !== null && hours.excess > 0) flags.push('excess_hours');
  if (days.unauthorisedDays > 0) flags.push('unauthorised_days');
  if (days.unpricedDays > 0) flags.push('unpriced_days');
  const { amounts, bases } = context;

  return {
    lineKey: paymentKey(period, entitlement.entitlementId, providerId),
    schemeId: scheme.schemeId,
    period,
    citizenId: entitlement.citizenId,
    entitlementId: entitlement.entitlementId,
    providerId,
    model: scheme.paymentModel,
    basis: bases.of({
      proration: countingDay === null ? 'per_day' : 'counting_day',
      countingDay,
      daysInMonth,
      placedDays: days.placedDays,
      paidDays,
      unauthorisedDays: days.unauthorisedDays,
      unpricedDays: days.unpricedDays,
      segments,
      vatBasisPoints: vatRates.size === 1 ? segments[0].vatBasisPoints : null,
      hours,
      supplements,
    }),
    amounts: amounts.of(
      voucherOre,
      vatCompensationOre,
      supplementOre,
      voucherOre + vatCompensationOre + supplementOre,
    ),
    flags: flags.length === 0 ? NO_FLAGS : flags,
  };
}

// voucher = Σ(rate × days) × multiplier / denominator, by payment model.
function fraction(
  model: EstablishedScheme['paymentModel'],
  daysInMonth: number,
  paidDays: number,
  hours: HoursBasis | null,
): [bigint, bigint] {
  switch (model) {
    case 'monthly':
      return [1n, BigInt(daysInMonth)];
    case 'daily':
      return [1n, 1n];
    case 'hourly':
      return [BigInt((hours as HoursBasis).paid), PER_MONTH_HUNDREDTHS * BigInt(paidDays)];
  }
}

function segmentOf(run: PaidRun, days: number, dates: readonly CalendarDate[]): VoucherSegment {
  const date = dates[run.from];
  return {
    from: date,
    to: date,
    days,
    level: run.level.level,
    rateOre: run.rate.amountOre,
    rateEffectiveDate: run.rate.effectiveDate,
    vatBasisPoints: run.vatBasisPoints,
  };
}

function hoursBasis(
  entitlement: GrantedEntitlement,
  providerId: string,
  days: ProviderDays,
  context: Context,
): HoursBasis | null {
  const report = performedHoursFor(entitlement, context.period, providerId);
  if (!report || report.hundredthsOfHours === 0) return null;
  const grantedPerMonth = BigInt(days.grantedHundredths);
  const granted = divideRounded(grantedPerMonth, BigInt(context.daysInMonth));
  const reported = report.hundredthsOfHours;
  const paid = Math.min(reported, granted);
  return { reportId: report.reportId, reported, granted, paid, excess: reported - paid };
}

function supplementsBasis(
  entitlement: GrantedEntitlement,
  paid: readonly PaidRun[],
  dates: readonly CalendarDate[],
  daysPerPaidDay: number,
  daysInMonth: number,
): SupplementBasis[] {
  if (entitlement.supplements.length === 0) return [];
  // supplementsOn for paid days, which are within the entitlement.
  const daysBySupplement = new Map<string, number>();
  for (const run of paid) {
    for (let index = run.from; index <= run.to; index++) {
      const date = dates[index];
      for (const supplement of entitlement.supplements) {
        const last = supplementLastDay(supplement);
        if (supplement.from > date || (last !== null && date > last)) continue;
        const days = daysBySupplement.get(supplement.supplementId) ?? 0;
        daysBySupplement.set(supplement.supplementId, days + daysPerPaidDay);
      }
    }
  }
  return entitlement.supplements
    .filter((supplement) => daysBySupplement.has(supplement.supplementId))
    .map((supplement) => {
      const days = daysBySupplement.get(supplement.supplementId) as number;
      return {
        supplementId: supplement.supplementId,
        decisionRef: supplement.decisionRef,
        amountOrePerMonth: supplement.amountOrePerMonth,
        days,
        amountOre: divideRounded(
          BigInt(supplement.amountOrePerMonth) * BigInt(days),
          BigInt(daysInMonth),
        ),
      };
    });
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function sumBig(values: readonly bigint[]): bigint {
  return values.reduce((total, value) => total + value, 0n);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order of `computeVoucherLines`: by citizen, entitlement, first paid day and provider. */
export function compareVoucherLines(a: VoucherLine, b: VoucherLine): number {
  return (
    compareText(a.citizenId, b.citizenId) ||
    compareText(a.entitlementId, b.entitlementId) ||
    compareText(a.basis.segments[0].from, b.basis.segments[0].from) ||
    compareText(a.providerId, b.providerId)
  );
}
