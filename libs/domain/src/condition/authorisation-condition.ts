import { DomainError } from '../shared/domain.error';
import { assertIdentifier, assertOneOf, assertText, assertUnique } from '../shared/validation';

/**
 * Where a condition is checked (kontrollpunkt): shown when applying (uppvisa vid auktorisation),
 * checked at follow-up (uppföljning), or reported by the provider itself (egen anmälan).
 */
export const CONTROL_POINTS = ['at_authorisation', 'follow_up', 'self_report'] as const;
/** Where a condition is checked. */
export type ControlPoint = (typeof CONTROL_POINTS)[number];

/** What a deficiency may lead to (vid brist): a warning only, or a warning and/or de-authorisation. */
export const CONSEQUENCES = ['warning', 'warning_or_deauthorisation'] as const;
/** What a deficiency against a condition may lead to. */
export type Consequence = (typeof CONSEQUENCES)[number];

/** A sanction that cites conditions. */
export type Sanction = 'warning' | 'deauthorisation';

/**
 * An authorisation condition (auktorisationsvillkor). General ones (generella villkor) apply to
 * every scheme and have `schemeId: null`; specific ones (specifika villkor) belong to one scheme.
 */
export type AuthorisationCondition = Readonly<{
  conditionId: string;
  scope: 'general' | 'specific';
  schemeId: string | null;
  /** Short English label. */
  title: string;
  /** The condition as the municipality worded it (often Swedish). */
  text: string;
  /** Non-empty, without duplicates, in {@link CONTROL_POINTS} order. */
  controlPoints: readonly ControlPoint[];
  consequence: Consequence;
}>;

/** The fields a caller gives to define a condition. */
export type ConditionDefinition = Readonly<{
  conditionId: string;
  title: string;
  text: string;
  controlPoints: readonly ControlPoint[];
  consequence: Consequence;
}>;

/**
 * Validates a definition and returns the condition with control points in canonical order.
 * Throws `INVALID_INPUT` for malformed fields and `INVALID_CONDITION` for bad control points.
 */
export function toAuthorisationCondition(
  definition: ConditionDefinition,
  schemeId: string | null,
): AuthorisationCondition {
  const conditionId = assertIdentifier(definition.conditionId, 'conditionId');
  const points = definition.controlPoints as unknown;
  if (!Array.isArray(points) || points.length === 0) {
    throw new DomainError(
      'INVALID_CONDITION',
      'A condition needs at least one control point (at_authorisation, follow_up, self_report).',
      { conditionId },
    );
  }
  for (const point of points) {
    if (!(CONTROL_POINTS as readonly unknown[]).includes(point)) {
      throw new DomainError('INVALID_CONDITION', `Unknown control point "${String(point)}".`, {
        conditionId,
        allowed: CONTROL_POINTS,
      });
    }
  }
  if (new Set(points).size !== points.length) {
    throw new DomainError('INVALID_CONDITION', 'A control point is listed more than once.', {
      conditionId,
    });
  }
  return {
    conditionId,
    scope: schemeId === null ? 'general' : 'specific',
    schemeId,
    title: assertText(definition.title, 'title', 200),
    text: assertText(definition.text, 'text'),
    controlPoints: CONTROL_POINTS.filter((point) => points.includes(point)),
    consequence: assertOneOf(definition.consequence, CONSEQUENCES, 'consequence'),
  };
}

/** True if a deficiency against the condition may lead to the sanction. */
export function allowsSanction(condition: AuthorisationCondition, sanction: Sanction): boolean {
  return sanction === 'warning' || condition.consequence === 'warning_or_deauthorisation';
}

/** True if an applicant must show evidence for the condition when applying. */
export function requiresEvidenceAtAuthorisation(condition: AuthorisationCondition): boolean {
  return condition.controlPoints.includes('at_authorisation');
}

/**
 * Checks conditions handed to a provider command: no duplicate ids, and each one general or
 * specific to `schemeId` (`CONDITION_NOT_APPLICABLE` otherwise).
 */
export function assertConditionsApplicable(
  conditions: readonly AuthorisationCondition[],
  schemeId: string,
): void {
  if (!Array.isArray(conditions)) {
    throw new DomainError('INVALID_INPUT', 'conditions must be a list.', { field: 'conditions' });
  }
  assertUnique(
    conditions.map((condition) => condition.conditionId),
    'conditions',
  );
  for (const condition of conditions) {
    if (condition.scope === 'specific' && condition.schemeId !== schemeId) {
      throw new DomainError(
        'CONDITION_NOT_APPLICABLE',
        `Condition "${condition.conditionId}" belongs to another scheme.`,
        { conditionId: condition.conditionId, schemeId: condition.schemeId },
      );
    }
  }
}

/**
 * Finds cited conditions among those applicable to the scheme and checks that each allows the
 * sanction. Throws `UNKNOWN_CONDITION` or `CONSEQUENCE_NOT_ALLOWED`.
 */
export function resolveCitedConditions(
  conditions: readonly AuthorisationCondition[],
  schemeId: string,
  citedIds: readonly string[],
  sanction: Sanction,
): AuthorisationCondition[] {
  assertConditionsApplicable(conditions, schemeId);
  return citedIds.map((conditionId) => {
    const condition = conditions.find((candidate) => candidate.conditionId === conditionId);
    if (!condition) {
      throw new DomainError(
        'UNKNOWN_CONDITION',
        `Condition "${conditionId}" is not among the conditions of this scheme.`,
        { conditionId },
      );
    }
    if (!allowsSanction(condition, sanction)) {
      throw new DomainError(
        'CONSEQUENCE_NOT_ALLOWED',
        `Condition "${conditionId}" allows a warning only, not a de-authorisation.`,
        { conditionId, consequence: condition.consequence },
      );
    }
    return condition;
  });
}
