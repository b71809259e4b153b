/**
 * The kinds of notification the product sends: the in-app notification and its e-mail copy carry
 * one of these, and a person may switch off the e-mail copy of each kind (or of all). A kind is
 * named `<area>.<event>`; a new kind is added here first, then where it is sent.
 */
export const NOTIFICATION_KINDS = [
  'share.awaiting_step',
  'share.change_requested',
  'share.confirmed',
  'share.stalled',
  'tender.ready',
  'tender.published',
  'tender.awarded',
  'tender.cancelled',
  'procedure.lot_cancelled',
  'deadline.reminder',
  'deadline.missed',
  'digest.weekly',
  'comment.mention',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
