import type { Services } from '../services.ts';

type JobData = Record<string, unknown>;

/**
 * What each job does. `maintenance` is the scheduled tick: every instance offers it, one runs it,
 * and it records its run in job_run so operators (and a test) can see it ran once per slot.
 * `returns-reminders` is scheduled the same way, apart so that a failure in one does not stop the other.
 */
export function jobHandlers(services: Services) {
  const { mail, maintenance } = services;
  const recordRun = (job: string, data: JobData, detail: Record<string, unknown>) => {
    const slot: unknown = data.slot ?? '';
    return maintenance.recordRun(job, String(slot), detail);
  };
  return {
    'returns-reminders': async (data: JobData) => {
      const sent = await services.deadlineReminders.send();
      await recordRun('returns-reminders', data, { sent });
    },
    'chronology-import': async (data: JobData) => {
      if (typeof data.importId === 'string' && (data.step === 'check' || data.step === 'apply'))
        await services.chronologyImports.run(data.importId, data.step);
    },
    'send-email': async (data: JobData) => {
      if (typeof data.id === 'string') await mail.deliver(data.id);
    },
    maintenance: async (data: JobData) => {
      const { sessions, throttles, tokens } = await services.auth.purgeExpired();
      const requeued = await mail.requeueStale();
      const actionReminders = await services.actions.sendReminders();
      const uploads = await maintenance.purgeExpiredUploads();
      await recordRun('maintenance', data, { sessions, throttles, tokens, requeued, uploads, actionReminders });
    },
  };
}

export function scheduledJobs(services: Services) {
  return [
    { name: 'maintenance', everySeconds: services.config.jobTickSeconds },
    { name: 'returns-reminders', everySeconds: services.config.jobTickSeconds },
  ];
}
