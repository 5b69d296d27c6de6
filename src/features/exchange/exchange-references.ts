import { templateSchema } from '../../domain/audit-tool.ts';
import { fingerprint } from '../chronology/chronology-repository.ts';
import type { ExchangeDocument } from './exchange-document.ts';
import { canonicalJson, MAX_PROBLEMS, sha256, type ExchangeProblem } from './exchange-schema.ts';

/**
 * What a JSON Schema cannot say: every key is unique and every reference points at a record in
 * the file, template contents are whole tools matching their hash, dates are in order. Problems
 * carry the JSON pointer of the offending value, like the schema's own.
 */
export function referenceProblems(doc: ExchangeDocument): ExchangeProblem[] {
  const problems: ExchangeProblem[] = [];
  const add = (path: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ path, message });
  };
  const keySet = (items: { key: string }[], path: string) => {
    const keys = new Set<string>();
    items.forEach((item, i) => {
      if (keys.has(item.key)) add(`${path}/${i}/key`, `repeats the key "${item.key}"`);
      keys.add(item.key);
    });
    return keys;
  };
  const refersTo = (keys: Set<string>, value: string | null, path: string, what: string) => {
    if (value !== null && !keys.has(value)) add(path, `refers to ${what} "${value}", which is not in the file`);
  };

  const agencies = keySet(doc.agencies, '/agencies');
  const templates = keySet(doc.templates, '/templates');
  const themes = keySet(doc.learningThemes, '/learningThemes');
  const cases = keySet(doc.cases, '/cases');
  const findings = keySet(doc.findings, '/findings');
  const recommendations = keySet(doc.recommendations, '/recommendations');
  keySet(doc.actions, '/actions');
  const children = new Set<string>();
  const members = new Set<string>();
  const points = new Set<string>();
  const singleAgencyActions = new Set<string>();
  const references = new Set<string>();
  const lowerNames = new Map<string, number>();

  doc.agencies.forEach((a, i) => {
    const name = a.name.trim().toLowerCase();
    if (lowerNames.has(name)) add(`/agencies/${i}/name`, `repeats the agency name "${a.name}"`);
    lowerNames.set(name, i);
  });
  doc.templates.forEach((t, i) => {
    const parsed = templateSchema.safeParse(t.content);
    if (!parsed.success)
      for (const issue of parsed.error.issues.slice(0, 5))
        add(`/templates/${i}/content/${issue.path.join('/')}`, issue.message);
    if (sha256(canonicalJson(t.content)) !== t.contentHash)
      add(`/templates/${i}/contentHash`, 'does not match the template content');
  });
  doc.audit.tools.forEach((t, i) => refersTo(templates, t, `/audit/tools/${i}`, 'template'));
  const scope = doc.audit.scope;
  if (scope.from && scope.to && scope.from > scope.to) add('/audit/scope/to', 'must not be before "from"');

  doc.cases.forEach((c, ci) => {
    const at = `/cases/${ci}`;
    const ref = c.reference.trim().toLowerCase();
    if (references.has(ref)) add(`${at}/reference`, `repeats the case reference "${c.reference}"`);
    references.add(ref);
    refersTo(agencies, c.sourceAgency, `${at}/sourceAgency`, 'agency');
    const pseudonyms = new Set<string>();
    c.children.forEach((k, i) => {
      if (children.has(k.key)) add(`${at}/children/${i}/key`, `repeats the key "${k.key}"`);
      children.add(k.key);
      if (pseudonyms.has(k.pseudonym.toLowerCase()))
        add(`${at}/children/${i}/pseudonym`, `repeats "${k.pseudonym}" in this case`);
      pseudonyms.add(k.pseudonym.toLowerCase());
    });
    const caseChildren = new Set(c.children.map((k) => k.key));
    c.household.forEach((m, i) => {
      if (members.has(m.key)) add(`${at}/household/${i}/key`, `repeats the key "${m.key}"`);
      members.add(m.key);
    });
    const involved = new Set<string>();
    c.involvement.forEach((v, i) => {
      refersTo(agencies, v.agency, `${at}/involvement/${i}/agency`, 'agency');
      if (involved.has(v.agency))
        add(`${at}/involvement/${i}/agency`, 'repeats an agency already recorded for this case');
      involved.add(v.agency);
    });
    const returned = new Set<string>();
    c.returns.forEach((r, ri) => {
      const rat = `${at}/returns/${ri}`;
      refersTo(agencies, r.agency, `${rat}/agency`, 'agency');
      if (returned.has(r.agency)) add(`${rat}/agency`, 'repeats an agency that already has a return for this case');
      returned.add(r.agency);
      r.sections.forEach((s, i) => refersTo(templates, s.template, `${rat}/sections/${i}/template`, 'template'));
      r.answers.forEach((a, i) => refersTo(templates, a.template, `${rat}/answers/${i}/template`, 'template'));
      r.singleAgencyActions.forEach((s, i) => {
        if (singleAgencyActions.has(s.key)) add(`${rat}/singleAgencyActions/${i}/key`, `repeats the key "${s.key}"`);
        singleAgencyActions.add(s.key);
      });
    });
    const entries = new Set<string>();
    const sameEvents = new Set<string>();
    c.chronology.forEach((e, i) => {
      if (entries.has(e.key)) add(`${at}/chronology/${i}/key`, `repeats the key "${e.key}"`);
      entries.add(e.key);
      const print = fingerprint({ from: e.dateFrom, to: e.dateTo, category: e.category as never, event: e.event });
      const same = `${e.agency} ${print}`;
      if (sameEvents.has(same))
        add(`${at}/chronology/${i}/event`, 'repeats an entry of the same agency, dates, category and event');
      sameEvents.add(same);
      refersTo(agencies, e.agency, `${at}/chronology/${i}/agency`, 'agency');
      if (e.dateFrom > e.dateTo) add(`${at}/chronology/${i}/dateTo`, 'must not be before dateFrom');
    });
    const pointKeys = new Set<string>();
    c.discussionPoints.forEach((p, i) => {
      if (points.has(p.key)) add(`${at}/discussionPoints/${i}/key`, `repeats the key "${p.key}"`);
      points.add(p.key);
      if (pointKeys.has(p.pointKey))
        add(`${at}/discussionPoints/${i}/pointKey`, `repeats "${p.pointKey}" in this case`);
      pointKeys.add(p.pointKey);
      p.entries.forEach((e, j) =>
        refersTo(entries, e, `${at}/discussionPoints/${i}/entries/${j}`, 'chronology entry (of this case)'),
      );
    });
    c.immediateConcerns.forEach((k, i) => {
      refersTo(agencies, k.agency, `${at}/immediateConcerns/${i}/agency`, 'agency');
      refersTo(caseChildren, k.child, `${at}/immediateConcerns/${i}/child`, 'child (of this case)');
    });
  });
  doc.meeting?.attendees.forEach((a, i) => refersTo(agencies, a.agency, `/meeting/attendees/${i}/agency`, 'agency'));
  doc.findings.forEach((f, i) => {
    refersTo(points, f.discussionPoint, `/findings/${i}/discussionPoint`, 'discussion point');
    f.cases.forEach((c, j) => refersTo(cases, c, `/findings/${i}/cases/${j}`, 'case'));
    f.agencies.forEach((a, j) => refersTo(agencies, a, `/findings/${i}/agencies/${j}`, 'agency'));
    f.themes.forEach((t, j) => refersTo(themes, t.theme, `/findings/${i}/themes/${j}/theme`, 'learning theme'));
  });
  doc.recommendations.forEach((r, i) => {
    r.agencies.forEach((a, j) => refersTo(agencies, a, `/recommendations/${i}/agencies/${j}`, 'agency'));
    r.findings.forEach((f, j) => refersTo(findings, f, `/recommendations/${i}/findings/${j}`, 'finding'));
  });
  doc.actions.forEach((a, i) => {
    refersTo(recommendations, a.recommendation, `/actions/${i}/recommendation`, 'recommendation');
    refersTo(singleAgencyActions, a.singleAgencyAction, `/actions/${i}/singleAgencyAction`, 'single-agency action');
    refersTo(agencies, a.agency, `/actions/${i}/agency`, 'agency');
  });
  doc.identities?.cases.forEach((c, i) => {
    refersTo(cases, c.case, `/identities/cases/${i}/case`, 'case');
    c.children.forEach((k, j) => refersTo(children, k.child, `/identities/cases/${i}/children/${j}/child`, 'child'));
    c.adults.forEach((m, j) =>
      refersTo(members, m.member, `/identities/cases/${i}/adults/${j}/member`, 'household member'),
    );
    c.records.forEach((r, j) => refersTo(agencies, r.agency, `/identities/cases/${i}/records/${j}/agency`, 'agency'));
  });
  return problems;
}
