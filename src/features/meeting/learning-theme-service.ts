import { inTransaction, type Executor } from '../../db/transaction.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import * as repo from './learning-theme-repository.ts';

/** A theme's code from its name: `custom_` and the name in lower case with underscores. */
const codeOf = (label: string) =>
  `custom_${label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 60)}`;

/** The partnership's learning themes: add one, rename one, or stop offering one. */
export function createLearningThemeService(db: Executor) {
  return {
    list: (user: CurrentUser) => repo.listThemes(db, user.partnershipId),

    /** Adds a theme unless one of that name (or code) exists already. */
    async create(user: CurrentUser, label: string, actor: Actor): Promise<'created' | 'duplicate'> {
      const code = codeOf(label);
      const themes = await repo.listThemes(db, user.partnershipId);
      if (themes.some((t) => t.label.toLowerCase() === label.toLowerCase() || t.code === code)) return 'duplicate';
      await inTransaction(db, async (trx) => {
        const id = await repo.insertTheme(trx, { partnershipId: user.partnershipId, code, label });
        await appendAuditLog(trx, actor, {
          action: 'learning-theme.created',
          recordType: 'learning_theme',
          recordId: id,
          detail: { label },
        });
      });
      return 'created';
    },

    /** Renames a theme or stops offering it; false when it is not the partnership's. */
    async change(
      user: CurrentUser,
      theme: { id: string; label: string; active: boolean },
      actor: Actor,
    ): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const changed = await repo.updateTheme(trx, { ...theme, partnershipId: user.partnershipId });
        if (changed)
          await appendAuditLog(trx, actor, {
            action: 'learning-theme.changed',
            recordType: 'learning_theme',
            recordId: theme.id,
            detail: { label: theme.label, active: theme.active },
          });
        return changed;
      });
    },
  };
}

export type LearningThemeService = ReturnType<typeof createLearningThemeService>;
