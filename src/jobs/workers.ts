import type { Services } from '../services.ts';
import { deleteExpiredSessions } from '../features/auth/session-repository.ts';
import { deleteStaleThrottles } from '../features/auth/throttle-repository.ts';
import { SIGN_IN_POLICY } from '../domain/sign-in-policy.ts';
import { deleteExpiredUploads } from '../features/cases/candidate-repository.ts';

/**
 * What each job does. `maintenance` is the scheduled tick: every instance offers it, one runs it,
 * and it records its run in job_run so operators (and a test) can see it ran once per slot.
 * `returns-reminders` is scheduled the same way, apart so that a failure in one does not stop the other.
 */
export function jobHandlers(services: Services) {
  const { db, mail } = services;
  const recordRun = (job: string, data: Record<string, unknown>, detail: Record<string, unknown>) =>
    db
      .insertInto('job_run')
      .values({
        job,
        slot: String(data.slot ?? ''),
        instance: services.jobs?.instanceId ?? 'none',
        detail: JSON.stringify(detail),
      })
      .execute();
  return {
    'returns-reminders': async (data: Record<string, unknown>) => {
      const sent = await services.deadlineReminders.send();
      await recordRun('returns-reminders', data, { sent });
    },
    'chronology-import': async (data: Record<string, unknown>) => {
      if (typeof data.importId === 'string' && (data.step === 'check' || data.step === 'apply'))
        await services.chronologyImports.run(data.importId, data.step);
    },
    'send-email': async (data: Record<string, unknown>) => {
      if (typeof data.id === 'string') await mail.deliver(data.id);
    },
    maintenance: async (data: Record<string, unknown>) => {
      const now = Date.now();
      const sessions = await deleteExpiredSessions(
        db,
        new Date(now - SIGN_IN_POLICY.sessionIdleMinutes * 60_000),
        new Date(now - SIGN_IN_POLICY.sessionAbsoluteHours * 3_600_000),
      );
      const throttles = await deleteStaleThrottles(db, new Date(now - 24 * 3_600_000));
      const tokens = await db
        .deleteFrom('password_token')
        .where('expires_at', '<', new Date(now - 7 * 24 * 3_600_000))
        .executeTakeFirst();
      const requeued = await mail.requeueStale();
      const actionReminders = await services.actions.sendReminders();
      const uploads = await deleteExpiredUploads(db);
      await recordRun('maintenance', data, {
        sessions,
        throttles,
        tokens: Number(tokens.numDeletedRows),
        requeued,
        uploads,
        actionReminders,
      });
    },
  };
}

export function scheduledJobs(services: Services) {
  return [
    { name: 'maintenance', everySeconds: services.config.jobTickSeconds },
    { name: 'returns-reminders', everySeconds: services.config.jobTickSeconds },
  ];
}
