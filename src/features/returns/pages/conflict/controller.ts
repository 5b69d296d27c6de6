import type { FastifyReply } from 'fastify';
import { scaleValue } from '../../../../domain/audit-tool.ts';
import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { SignedInRequest } from '../../../../web/route-table.ts';
import type { SaveOutcome } from '../../return-service.ts';

type Params = { Params: { id: string; versionId: string; sectionKey: string } };
type Theirs = Extract<SaveOutcome, { kind: 'conflict' }>['theirs'];

/**
 * Shown in answer to a section's Save when someone else saved it first: both versions side by side,
 * with the person's own answers kept in the form so that they can save theirs over the other.
 */
export function conflictController({ returns }: Services) {
  async function show(
    request: SignedInRequest<Params>,
    reply: FastifyReply,
    mine: Record<string, string | string[]>,
    theirs: Theirs,
  ) {
    const { id, versionId, sectionKey } = request.params;
    const { tool, section } = await returns.section(request.user, id, versionId, sectionKey, actorOf(request));
    const label = (questionKey: string, value: string) => {
      const q = section.questions.find((x) => x.key === questionKey);
      const scale = tool.content.scales.find((s) => s.key === q?.scale);
      return (scale && scaleValue(scale, value)?.label) || value || 'No answer';
    };
    const rows = section.questions.map((q) => {
      const t = theirs.answers.find((a) => a.questionKey === q.key);
      return {
        question: q.text,
        theirs: label(q.key, t?.answer ?? ''),
        theirsEvidence: t?.evidence ?? '',
        mine: label(q.key, String(mine[`a_${q.key}`] ?? '')),
        mineEvidence: String(mine[`e_${q.key}`] ?? ''),
      };
    });
    const hidden = Object.entries(mine)
      .filter(([k]) => k !== 'version')
      .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: v })));
    return reply.code(409).view('returns/pages/conflict/view.njk', {
      pageTitle: 'Someone else saved this section while you were working',
      section,
      rows,
      notes: {
        theirs,
        mine: {
          workedWell: String(mine.workedWell ?? ''),
          areasForDevelopment: String(mine.areasForDevelopment ?? ''),
        },
      },
      hidden,
      theirsVersion: theirs.version,
      action: `/returns/${id}/sections/${versionId}/${sectionKey}`,
    });
  }

  return { show };
}
