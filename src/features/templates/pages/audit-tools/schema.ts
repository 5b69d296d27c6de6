import { z } from 'zod';
import { asArray } from '../../../../web/forms.ts';
import { isUuid } from '../../../audits/audit-access.ts';

/** The tools chosen for an audit: at least one, each a template id. */
export const auditToolsSchema = z.looseObject({}).transform((values, ctx) => {
  const templates = asArray(values.templates).filter(isUuid);
  if (templates.length === 0)
    ctx.addIssue({ code: 'custom', path: ['templates'], message: 'Select at least one audit tool' });
  return { templates };
});
