import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readCaseNotes, type AgreedDomain } from '../../domain/meeting-domains.ts';
import type { Services } from '../../services.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import type { CaseNote } from './case-notes-service.ts';

type CaseParams = { Params: { auditId: string; caseId: string } };

const labelOf = (d: AgreedDomain, value: string) => d.scale.values.find((v) => v.value === value)?.label ?? '';

/** The form values of a saved case note: what the page shows before anyone types. */
export function caseNoteValues(note: CaseNote, domains: AgreedDomain[]): Record<string, string> {
  const values: Record<string, string> = { notes: note.notes, version: String(note.version) };
  for (const d of domains) {
    const j = note.judgements.find((x) => x.toolVersionId === d.toolVersionId && x.sectionKey === d.sectionKey);
    values[d.field] = j?.value ?? '';
    values[`${d.field}-rationale`] = j?.rationale ?? '';
  }
  return values;
}

/** Each domain with its agreed judgement (label and rationale) from a note, for reading. */
export function agreedRows(note: CaseNote, domains: AgreedDomain[]) {
  return domains.flatMap((d) => {
    const j = note.judgements.find((x) => x.toolVersionId === d.toolVersionId && x.sectionKey === d.sectionKey);
    return j ? [{ domain: d.title, label: labelOf(d, j.value), rationale: j.rationale }] : [];
  });
}

/** Per-case notes and agreed judgements of the discussion meeting. */
export async function caseNotesRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { caseNotes } = services;

  async function render(
    request: FastifyRequest<CaseParams>,
    reply: FastifyReply,
    values?: Record<string, string | string[]>,
    errors?: unknown,
    status = 200,
  ) {
    const { audit, kase, domains, note, canRecord } = await caseNotes.forCase(
      request.user!,
      request.params.auditId,
      request.params.caseId,
      'audit:read',
      actorOf(request),
    );
    const shown = values ?? caseNoteValues(note, domains);
    const said = canRecord ? await caseNotes.agencyJudgements(kase.id, domains) : new Map<string, string[]>();
    return reply.code(status).view('meeting/pages/case/view.njk', {
      pageTitle: `${kase.reference}: panel notes and agreed judgements`,
      audit,
      kase,
      note,
      canRecord,
      values: shown,
      agreed: agreedRows(note, domains),
      domains: domains.map((d) => ({
        field: d.field,
        title: d.title,
        hint: said.has(d.field) ? `Agencies’ returns: ${said.get(d.field)!.join('; ')}` : undefined,
        items: [
          ...d.scale.values.map((v) => ({ value: v.value, text: v.label, checked: shown[d.field] === v.value })),
          { divider: 'or' },
          { value: '', text: 'No agreed judgement', checked: !shown[d.field] },
        ],
      })),
      errors,
      backLink: `/audits/${audit.id}/meeting#cases`,
    });
  }

  app.get<CaseParams>(
    '/audits/:auditId/meeting/cases/:caseId',
    { config: { access: 'audit:read' } },
    async (request, reply) => render(request, reply),
  );

  app.post<CaseParams>(
    '/audits/:auditId/meeting/cases/:caseId',
    { config: { access: 'meeting:record' } },
    async (request, reply) => {
      const body = formValues(request.body);
      const { audit, kase, domains } = await caseNotes.forCase(
        request.user!,
        request.params.auditId,
        request.params.caseId,
        'meeting:record',
        actorOf(request),
      );
      const read = readCaseNotes(body, domains);
      if (!read.ok) return render(request, reply, body, errorsFrom(read.errors), 400);
      const outcome = await caseNotes.save(request.user!, audit.id, kase.id, read.value, actorOf(request));
      if (outcome.kind === 'saved') return reply.redirect(`/audits/${audit.id}/meeting#cases`, 303);
      const theirs = outcome.theirs;
      const mine = { ...theirs, notes: read.value.notes, judgements: read.value.judgements };
      const theirRows = new Map(agreedRows(theirs, domains).map((r) => [r.domain, r]));
      const myRows = new Map(agreedRows(mine, domains).map((r) => [r.domain, r]));
      const hidden = Object.entries(body)
        .filter(([k]) => k !== 'version')
        .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: v })));
      return reply.code(409).view('meeting/pages/case-conflict/view.njk', {
        pageTitle: 'Someone else saved this case’s notes while you were working',
        audit,
        kase,
        theirs,
        mine,
        rows: domains
          .map((d) => ({ domain: d.title, theirs: theirRows.get(d.title), mine: myRows.get(d.title) }))
          .filter((r) => r.theirs || r.mine),
        hidden,
        theirsVersion: theirs.version,
        action: `/audits/${audit.id}/meeting/cases/${kase.id}`,
      });
    },
  );
}
