import { ActorRole } from '@kundval/domain';
import { CommandMetadata } from '../commands/command-metadata';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';

/**
 * The acting role as the entitlement rules know it (who may backdate, who may assign): from the
 * signed-in role; a guardian or representative signs in as a citizen acting for the child.
 */
export function actorRoleOf(meta: CommandMetadata): ActorRole {
  if (meta.role === 'citizen' || meta.role === 'caseworker' || meta.role === 'system')
    return meta.role;
  throw new ProblemException(
    problem(403, 'FORBIDDEN', 'Not allowed', `The role ${meta.role} does not make choices`),
  );
}
