import { scopeInWords, STANDARD_MILESTONES, type AuditPlan } from '../../../../domain/audit-plan.ts';
import { dateInWords } from '../../../../domain/calendar-date.ts';
import type { AuditRecord } from '../../audit-service.ts';

/**
 * When someone else saved the audit first: their saved plan and what this person typed, side by
 * side, for the fields that differ. Nothing is overwritten until the person saves again.
 */
type Described = { label: string; value: string }[];

type PlanLike = Omit<AuditPlan, 'reference' | 'themeId' | 'themeText'> & { reference: string; theme: string };

function milestoneText(m: { due: string | null; done: string | null }): string {
  const parts = [m.due ? `due ${dateInWords(m.due)}` : '', m.done ? `done ${dateInWords(m.done)}` : ''].filter(Boolean);
  return parts.join(', ') || 'Not set';
}

export function describePlan(plan: PlanLike): Described {
  const rows: Described = [
    { label: 'Title', value: plan.title },
    { label: 'Reference', value: plan.reference },
    { label: 'Theme', value: plan.theme },
    { label: 'Key lines of enquiry', value: plan.linesOfEnquiry || 'None' },
    { label: 'Scope', value: scopeInWords(plan.scope) },
    { label: 'Methodology notes', value: plan.methodology || 'None' },
    { label: 'Joint audit with', value: plan.jointPartnerships.join(', ') || 'Not a joint audit' },
  ];
  for (const standard of STANDARD_MILESTONES) {
    const m = plan.milestones.find((x) => x.kind === standard.kind);
    rows.push({ label: standard.label, value: m ? milestoneText(m) : 'Not set' });
  }
  const others = plan.milestones.filter((m) => m.kind === 'other');
  rows.push({
    label: 'Other milestones',
    value: others.map((m) => `${m.label} (${milestoneText(m)})`).join('; ') || 'None',
  });
  return rows;
}

export function compareWithSaved(theirs: AuditRecord, mine: AuditPlan, themeLabel: (id: string) => string | undefined) {
  const saved = describePlan({
    title: theirs.audit.title,
    reference: theirs.audit.reference,
    theme: theirs.audit.theme,
    linesOfEnquiry: theirs.audit.linesOfEnquiry,
    scope: theirs.audit.scope,
    methodology: theirs.audit.methodology,
    jointPartnerships: theirs.audit.jointPartnerships,
    milestones: theirs.milestones.map((m) => ({
      kind: m.kind,
      label: m.label,
      due: m.due,
      done: m.done,
    })),
  });
  const typed = describePlan({
    ...mine,
    reference: mine.reference ?? theirs.audit.reference,
    theme: (mine.themeId ? themeLabel(mine.themeId) : mine.themeText) ?? 'No theme',
  });
  return saved
    .map((row, i) => ({ label: row.label, theirs: row.value, mine: typed[i]?.value ?? '' }))
    .filter((row) => row.theirs !== row.mine);
}
