import { ACTOR_ROLES, ActorRole } from '@kundval/domain';
import { CommandMetadata } from '../commands/command-metadata';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';

/** The acting role as the entitlement rules know it (who may backdate, who may assign). */
export function actorRoleOf(meta: CommandMetadata): ActorRole {
  const role = meta.role === 'unknown' ? 'citizen' : meta.role;
  if ((ACTOR_ROLES as readonly string[]).includes(role)) return role as ActorRole;
  throw new ProblemException(
    problem(400, 'VALIDATION_FAILED', 'The request is malformed', 'Invalid fields: X-Role', {
      errors: [{ field: 'X-Role', messages: [`X-Role must be one of ${ACTOR_ROLES.join(', ')}`] }],
    }),
  );
}
