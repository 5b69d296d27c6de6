import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { balanceTables, candidateRowView, strataText, stratumText } from '../../selection-view-model.ts';

type DrawParams = { Params: { auditId: string; listId: string; drawId: string } };

/** A recorded draw: its allocation by stratum, drawn again to show it reproduces, and its balance. */
export function drawController({ audits, selection }: Services) {
  const get: Controller<DrawParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const list = await selection.list(audit, request.params.listId);
    const detail = await selection.drawDetail(audit, list.id, request.params.drawId);
    const made = new Map((await selection.balanceOfCases(audit, list.id)).made.map((m) => [m.candidate_id, m]));
    return reply.view('cases/pages/draw/view.njk', {
      pageTitle: `Sample drawn with seed ${detail.draw.seed}`,
      audit,
      list,
      draw: detail.draw,
      strataText: strataText(detail.draw.strata),
      reproduces: detail.reproduces,
      allocation: detail.strata.map((s) => ({
        text: stratumText(s.values),
        available: s.available,
        quota: s.quota.toFixed(2),
        allocated: s.allocated,
      })),
      chosen: detail.chosen.map((c) => candidateRowView(c, made.get(c.id))),
      newCount: detail.chosen.filter((c) => !made.has(c.id)).length,
      balance: balanceTables(detail.balance),
      backLink: `/audits/${audit.id}/candidates/lists/${list.id}`,
    });
  };
  return { get };
}
