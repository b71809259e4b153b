import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth';
import type { NotificationKind } from '../common/vocabulary';
import type { NotificationsService } from '../notifications';
import type { Tender } from './tender.entity';

/** Who must act next after a transition gets an in-app notification. */
export async function notifyTransition(
  notifications: NotificationsService,
  manager: EntityManager,
  actor: Actor,
  tender: Tender,
  shares: { organisationId: string; status: string }[],
) {
  const link = `/postepowania/${tender.id}`;
  if (tender.status === 'COLLECTING_SHARES') {
    const orgs = [
      ...new Set(shares.filter((s) => s.status === 'PROPOSED').map((s) => s.organisationId)),
    ];
    for (const org of orgs) {
      await notifications.notifyRole(manager, org, ['COORDINATOR'], {
        kind: 'share.awaiting_step',
        title: `Udział do akceptacji: ${tender.reference}`,
        body: `Lider zbiera udziały partnerów w postępowaniu „${tender.title}”. Koordynator gminny akceptuje udział Twojej jednostki.`,
        tenderId: tender.id,
        link,
      });
    }
  }
  if (tender.status === 'READY') {
    await notifications.notifyRole(
      manager,
      tender.leaderOrganisationId,
      ['PROCUREMENT_OFFICER'],
      {
        kind: 'tender.ready',
        title: `Wszystkie udziały potwierdzone: ${tender.reference}`,
        body: `Postępowanie „${tender.title}” jest gotowe do publikacji.`,
        tenderId: tender.id,
        link,
      },
      [actor.userId],
    );
  }
  // Later stages concern every partner that buys something: tell its coordinator and treasurer.
  const info: Partial<Record<string, { kind: NotificationKind; title: string; body: string }>> = {
    PUBLISHED: {
      kind: 'tender.published',
      title: `Ogłoszono postępowanie ${tender.reference}`,
      body: `Lider opublikował ogłoszenie o zamówieniu „${tender.title}”. Terminy biegną od dnia publikacji.`,
    },
    AWARDED: {
      kind: 'tender.awarded',
      title: `Wybrano wykonawców: ${tender.reference}`,
      body: `W postępowaniu „${tender.title}” wybrano najkorzystniejsze oferty. Przygotujcie zabezpieczenie środków i podpisanie umów.`,
    },
    CANCELLED: {
      kind: 'tender.cancelled',
      title: `Unieważniono postępowanie ${tender.reference}`,
      body: `Postępowanie „${tender.title}” zostało unieważnione. Powód: ${tender.cancelReason ?? '—'}`,
    },
  };
  const message = info[tender.status];
  if (message) {
    const orgs = [
      ...new Set(shares.filter((s) => s.status !== 'WITHDRAWN').map((s) => s.organisationId)),
    ];
    for (const org of orgs) {
      await notifications.notifyRole(
        manager,
        org,
        ['COORDINATOR', 'TREASURER'],
        { ...message, tenderId: tender.id, link },
        [actor.userId],
      );
    }
  }
}
