import { inTransaction, type Executor } from '../../db/transaction.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { isUuid } from './audit-access.ts';
import * as repo from './theme-repository.ts';

const isUniqueViolation = (error: unknown) => (error as { code?: string } | undefined)?.code === '23505';

/** The partnership's managed list of audit themes: add, rename, stop and start using. */
export function createThemeService(db: Executor) {
  return {
    list(user: CurrentUser) {
      return repo.listThemes(db, user.partnershipId);
    },

    /** The themes with how many audits use each, for the themes page. */
    async withUsage(user: CurrentUser) {
      const [themes, usage] = await Promise.all([
        repo.listThemes(db, user.partnershipId),
        repo.themeUsage(db, user.partnershipId),
      ]);
      return themes.map((t) => ({ ...t, audits: usage.get(t.id) ?? 0 }));
    },

    /** One of the partnership's themes; any other id is a 404. */
    async find(user: CurrentUser, themeId: string): Promise<repo.AuditTheme> {
      if (!isUuid(themeId)) throw new NotFound();
      const theme = await repo.findTheme(db, user.partnershipId, themeId);
      if (!theme) throw new NotFound();
      return theme;
    },

    /** The new theme's id; undefined when the partnership already has one of that name. */
    add(user: CurrentUser, label: string, actor: Actor): Promise<string | undefined> {
      return inTransaction(db, async (trx) => {
        const id = await repo.insertTheme(trx, user.partnershipId, label, user.id);
        if (id)
          await appendAuditLog(trx, actor, {
            action: 'audit-theme.added',
            recordType: 'audit_theme',
            recordId: id,
            detail: { label },
          });
        return id;
      });
    },

    rename(user: CurrentUser, theme: repo.AuditTheme, label: string, actor: Actor) {
      return (
        inTransaction(db, async (trx) => {
          const result = await repo.renameTheme(trx, user.partnershipId, theme.id, label);
          if (result === 'renamed')
            await appendAuditLog(trx, actor, {
              action: 'audit-theme.renamed',
              recordType: 'audit_theme',
              recordId: theme.id,
              detail: { from: theme.label, to: label },
            });
          return result;
        })
          // Two people giving two themes the same name at once: the unique index refuses the second.
          .catch((error: unknown) => {
            if (isUniqueViolation(error)) return 'taken' as const;
            throw error;
          })
      );
    },

    setActive(user: CurrentUser, theme: repo.AuditTheme, active: boolean, actor: Actor): Promise<void> {
      return inTransaction(db, async (trx) => {
        await repo.setThemeActive(trx, user.partnershipId, theme.id, active);
        await appendAuditLog(trx, actor, {
          action: active ? 'audit-theme.activated' : 'audit-theme.deactivated',
          recordType: 'audit_theme',
          recordId: theme.id,
          detail: { label: theme.label },
        });
      });
    },
  };
}

export type ThemeService = ReturnType<typeof createThemeService>;
