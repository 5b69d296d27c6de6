import { z } from 'zod';
import { isAuditStatus } from '../../../../domain/audit-lifecycle.ts';
import { isUuid } from '../../audit-access.ts';

/** The programme's filters: a status or theme that cannot be one is ignored, as if not chosen. */
export const programmeQuery = z.looseObject({}).transform(({ status, theme }) => ({
  status: typeof status === 'string' && isAuditStatus(status) ? status : undefined,
  theme: typeof theme === 'string' && (theme === 'other' || isUuid(theme)) ? theme : undefined,
}));
