import {
  allowedTransitions,
  AUDIT_STATUS_LABELS,
  AUDIT_STATUSES,
  missingFor,
  type AuditStatus,
} from '../../domain/audit-lifecycle.ts';
import type { AuditProgressFacts } from './audit-facts-repository.ts';

/**
 * The audit page's task list: what is done and what is missing to move on, each task linked to
 * the page where it is done. Built from the facts, so the list and the guards never disagree.
 */
export type TaskState = 'completed' | 'incomplete' | 'optional' | 'not-yet';
export type Task = { title: string; href?: string | undefined; hint?: string; state: TaskState };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Statuses at or after `status` in the lifecycle. */
const reached = (current: AuditStatus, status: AuditStatus) =>
  AUDIT_STATUSES.indexOf(current) >= AUDIT_STATUSES.indexOf(status);

/**
 * `link(path)` gives the address of the audit's page at `path` (like '/cases') when that page
 * exists and this person may open it, so the list never links to a page that would answer 404.
 */
export function auditTasks(
  status: AuditStatus,
  facts: AuditProgressFacts,
  link: (path: string) => string | undefined,
): { heading: string; tasks: Task[] }[] {
  const setUp: Task[] = [
    {
      title: 'Set the returns deadline',
      href: link('/edit'),
      state: facts.hasReturnsDeadline ? 'completed' : 'incomplete',
    },
    {
      title: 'Import a candidate list and draw a sample',
      href: link('/candidates'),
      hint: 'Optional: or add the cases by hand.',
      state: 'optional',
    },
    {
      title: 'Select the cases',
      href: link('/cases'),
      hint: plural(facts.caseCount, 'case'),
      state: facts.caseCount > 0 ? 'completed' : 'incomplete',
    },
    {
      title: 'Invite agencies',
      href: link('/agencies'),
      hint: `${plural(facts.invitedAgencyCount, 'agency', 'agencies')} invited`,
      state: facts.invitedAgencyCount > 0 ? 'completed' : 'incomplete',
    },
    {
      title: 'Name each agency’s audit lead',
      href: link('/agencies'),
      hint:
        facts.invitedAgencyCount === 0
          ? 'Invite agencies first'
          : facts.agenciesWithoutLead > 0
            ? `${plural(facts.agenciesWithoutLead, 'agency', 'agencies')} without a lead`
            : 'Every agency has a lead',
      state: facts.invitedAgencyCount > 0 && facts.agenciesWithoutLead === 0 ? 'completed' : 'incomplete',
    },
    {
      title: 'Choose the audit tools',
      href: link('/tools'),
      hint: plural(facts.toolCount, 'tool'),
      state: facts.toolCount > 0 ? 'completed' : 'incomplete',
    },
  ];
  const returnsOpen = reached(status, 'returns_open');
  const returns: Task[] = [
    {
      title: 'Record each agency’s involvement in each case',
      href: link('/involvement'),
      hint:
        facts.caseCount * facts.invitedAgencyCount === 0
          ? 'Add cases and invite agencies first'
          : `${facts.involvementRecorded} recorded, ${facts.involvementAwaiting} awaiting`,
      state:
        facts.caseCount * facts.invitedAgencyCount > 0 && facts.involvementAwaiting === 0 ? 'completed' : 'incomplete',
    },
    {
      title: 'Assign auditors to each case',
      href: link('/assignments'),
      hint:
        facts.involvedCells === 0
          ? 'Once agencies record that they were involved'
          : `${facts.involvedCellsWithAuditor} of ${plural(facts.involvedCells, 'agency return')} with an auditor`,
      state:
        facts.involvedCells > 0 && facts.involvedCellsWithAuditor === facts.involvedCells ? 'completed' : 'incomplete',
    },
    {
      // Done only when every expected return is in, or the coordinator has recorded why it will not come.
      title: 'Receive the agencies’ returns',
      href: link('/progress'),
      hint:
        `${facts.returnsReceived} of ${plural(facts.involvedCells, 'expected return')} received` +
        (facts.returnsWaived ? `, ${facts.returnsWaived} will not be received` : '') +
        (facts.returnsOutstanding ? `, ${facts.returnsOutstanding} outstanding` : ''),
      state: !returnsOpen
        ? 'not-yet'
        : facts.involvedCells > 0 && facts.returnsOutstanding === 0
          ? 'completed'
          : 'incomplete',
    },
    {
      title: 'Check the participation table',
      href: link('/participation'),
      state:
        facts.caseCount * facts.invitedAgencyCount > 0 && facts.involvementAwaiting === 0 ? 'completed' : 'incomplete',
    },
  ];
  const discussion = reached(status, 'discussion');
  const learning: Task[] = [
    {
      title: 'Read the meeting pack',
      href: link('/meeting-pack'),
      hint: 'Returns side by side, the judgement heatmap, points to discuss and concerns',
      state: !returnsOpen ? 'not-yet' : 'optional',
    },
    {
      title: 'Record the discussion meeting',
      href: link('/meeting'),
      hint: facts.meetingHeld ? 'Date and attendees recorded' : 'Date, attendees and notes',
      state: !discussion ? 'not-yet' : facts.meetingHeld ? 'completed' : 'incomplete',
    },
    {
      title: 'Record strengths and areas for development',
      href: link('/findings'),
      hint: plural(facts.findingCount, 'finding'),
      state: !discussion ? 'not-yet' : facts.findingCount > 0 ? 'completed' : 'incomplete',
    },
    {
      title: 'Make recommendations',
      href: link('/recommendations'),
      hint: plural(facts.recommendationCount, 'recommendation'),
      state: !discussion ? 'not-yet' : facts.recommendationCount > 0 ? 'completed' : 'incomplete',
    },
    {
      title: 'Agree the action plan',
      href: link('/actions'),
      hint: plural(facts.actionCount, 'action'),
      state: !discussion ? 'not-yet' : facts.actionCount > 0 ? 'completed' : 'incomplete',
    },
  ];
  const outputs: Task[] = [
    {
      title: 'Add words to check for before anything is published',
      href: link('/words-to-check'),
      hint: 'Optional: names or places not recorded as identifying details',
      state: !discussion ? 'not-yet' : 'optional',
    },
    {
      title: 'Write and publish the practitioner briefing',
      href: link('/briefings'),
      hint: `${plural(facts.briefingCount, 'briefing')}, ${facts.publishedBriefingCount} published`,
      state: !discussion ? 'not-yet' : facts.publishedBriefingCount > 0 ? 'completed' : 'incomplete',
    },
    {
      title: 'Read and download the report to the subgroup',
      href: link('/report'),
      hint: 'Participation, judgements, findings, recommendations and the action plan, as Word, PDF or Excel',
      state: !discussion ? 'not-yet' : 'optional',
    },
    {
      title: 'Download the audit exchange file',
      href: link('/exchange'),
      hint: 'Optional: the whole audit as one file, for a joint audit or another system',
      state: 'optional',
    },
  ];
  const closing: Task[] = [
    {
      title: 'Record the outcome of every immediate concern',
      href: link('/concerns'),
      hint:
        facts.unresolvedConcerns > 0
          ? `${plural(facts.unresolvedConcerns, 'concern')} without an outcome`
          : 'None outstanding',
      state: facts.unresolvedConcerns > 0 ? 'incomplete' : 'completed',
    },
    {
      title: 'Complete or close every action',
      href: link('/actions'),
      hint: facts.openActions > 0 ? `${plural(facts.openActions, 'open action')}` : 'None open',
      state: facts.openActions > 0 ? 'incomplete' : 'completed',
    },
  ];
  const groups = [
    { heading: 'Plan and set up', tasks: setUp },
    { heading: 'Involvement and returns', tasks: returns },
    { heading: 'Discussion and learning', tasks: learning },
    { heading: 'Report and briefings', tasks: outputs },
  ];
  // What closing needs matters once the returns are in.
  if (reached(status, 'discussion')) groups.push({ heading: 'Before the audit closes', tasks: closing });
  return groups;
}

export type Move = { to: AuditStatus; label: string; backwards: boolean; missing: string[] };

/** The moves the coordinator can make from here, each with what is still missing for it. */
export function auditMoves(status: AuditStatus, facts: AuditProgressFacts): Move[] {
  return allowedTransitions(status).map((t) => ({
    to: t.to,
    label: AUDIT_STATUS_LABELS[t.to],
    backwards: t.backwards,
    missing: t.backwards ? [] : missingFor(t.to, facts),
  }));
}

export function lifecycleSteps(status: AuditStatus) {
  const index = AUDIT_STATUSES.indexOf(status);
  return AUDIT_STATUSES.map((s, i) => ({
    status: s,
    label: AUDIT_STATUS_LABELS[s],
    state: i < index ? 'done' : i === index ? 'current' : 'to-come',
  }));
}

export const STATUS_TAG_CLASSES: Record<AuditStatus, string> = {
  planning: 'govuk-tag--grey',
  returns_open: 'govuk-tag--blue',
  discussion: 'govuk-tag--purple',
  reporting: 'govuk-tag--turquoise',
  monitoring: 'govuk-tag--yellow',
  closed: 'govuk-tag--green',
};
