import { inTransaction, type Executor } from '../../db/transaction.ts';
import { reminderSettings } from '../../domain/deadline-reminder.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { pointSettings } from '../chronology/chronology-service.ts';
import { findPartnershipSettings, updatePartnership } from './partnership-repository.ts';

export type PartnershipSettingsChange = {
  name: string;
  publicLibrary: boolean;
  discussionPoints: Record<string, number>;
  returnsReminders: Record<string, number>;
};

/** The partnership's name (shown in every page's header), public briefings, and its tuning. */
export function createSettingsService(db: Executor) {
  return {
    async current(user: CurrentUser) {
      const p = await findPartnershipSettings(db, user.partnershipId);
      return {
        name: p.name,
        publicLibrary: p.public_library,
        points: await pointSettings(db, user.partnershipId),
        reminders: reminderSettings(p.settings.returnsReminders),
      };
    },

    async save(user: CurrentUser, change: PartnershipSettingsChange, actor: Actor): Promise<void> {
      await inTransaction(db, async (trx) => {
        const current = await findPartnershipSettings(trx, user.partnershipId);
        const { discussionPoints, returnsReminders } = change;
        await updatePartnership(trx, user.partnershipId, {
          name: change.name,
          publicLibrary: change.publicLibrary,
          settings: { ...current.settings, discussionPoints, returnsReminders },
        });
        await appendAuditLog(trx, actor, {
          action: 'partnership.settings-changed',
          recordType: 'partnership',
          recordId: user.partnershipId,
          detail: { name: change.name, publicLibrary: change.publicLibrary, discussionPoints, returnsReminders },
        });
      });
    },
  };
}
