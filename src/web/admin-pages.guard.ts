import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AccessPolicyService } from '../auth';
import type { WebRequest } from './web.decorators';

/**
 * The administration pages open to administrators only (the policy's `administration.open`);
 * others get the 403 page. Runs after WebAuthGuard, which has resolved the session's Actor.
 */
@Injectable()
export class AdminPagesGuard implements CanActivate {
  constructor(private readonly policy: AccessPolicyService) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<WebRequest>();
    if (req.actor) this.policy.assert(req.actor, { action: 'administration.open' });
    return true;
  }
}
