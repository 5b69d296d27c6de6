import { STANDARD_SCALES, type AuditTool, type Question, type Section } from './audit-tool.ts';

/**
 * The audit tools MACA ships: a general multi-agency case audit tool covering the domains every
 * seed audit used, and a domestic-abuse supplement. Questions are written from the findings the
 * seed briefings kept returning to (MARAC outcomes not reaching agencies, absent fathers, unprobed
 * disclosures, plans that were not SMART, GPs not told of conferences).
 */
const ofsted = 'ofsted';
const ypn = 'yes_partly_no';

function judgement(
  key: string,
  text: string,
  guidance = '',
  scale = ofsted,
  evidence: Question['evidence'] = 'required',
): Question {
  return { key, text, guidance, type: 'judgement', scale, evidence, required: true };
}

function section(
  key: string,
  title: string,
  guidance: string,
  questions: Question[],
  agencyTypes: string[] = [],
): Section {
  return { key, title, guidance, agencyTypes, questions };
}

export const GENERAL_TOOL: AuditTool = {
  format: 'maca-audit-tool/1',
  name: 'Multi-agency case audit tool',
  description:
    'Answer from your own agency’s records for the scope period. Give a ' +
    'judgement and the evidence for it: what the record shows, with dates. ' +
    'Write about practice, not people.',
  scales: STANDARD_SCALES.filter((s) => s.key === ofsted || s.key === ypn),
  sections: [
    section('referral', 'Referral', 'How concerns about the child were first raised with, or by, your agency.', [
      judgement('referral_timely', 'Were concerns recognised and referred in a timely way, at the right threshold?'),
      judgement(
        'referral_all_children',
        'Did the referral name every child in the household, including any unborn baby?',
        '',
        ypn,
      ),
      judgement(
        'referral_history',
        'Did the referral summarise relevant history rather than describe a single incident?',
        '',
        ypn,
      ),
    ]),
    section(
      'assessment',
      'Assessment',
      'Including the use of history, assessment tools, and the involvement of both parents.',
      [
        judgement('assessment_quality', 'How good was the assessment of the child’s needs and the risks to them?'),
        judgement(
          'assessment_history',
          'Did the assessment use the family’s history, including earlier referrals and other agencies’ knowledge?',
          '',
          ypn,
        ),
        judgement(
          'assessment_tools',
          'Were recognised assessment tools used where they would help (for ' +
            'example DASH, neglect tools, graded care profile)?',
          '',
          ypn,
        ),
        judgement(
          'assessment_both_parents',
          'Were both parents, including absent fathers and new partners, seen and assessed?',
          'Hidden men: who else lives in or visits the home?',
          ypn,
        ),
      ],
    ),
    section('voice', 'Voice and lived experience of the child', 'What was it like to be this child, day to day?', [
      judgement('voice_seen', 'Was the child seen, and seen alone where appropriate, within timescales?', '', ypn),
      judgement(
        'voice_heard',
        'Are the child’s wishes, feelings and lived experience recorded in ' +
          'their own words or through their behaviour and cues?',
      ),
      judgement('voice_influenced', 'Did what the child said or showed change what was done?', '', ypn),
    ]),
    section('planning', 'Planning', 'Plans: SMART, with contingency, reviewed, understood by the family.', [
      judgement('planning_smart', 'Was the plan specific, measurable, achievable, realistic and timed (SMART)?'),
      judgement(
        'planning_contingency',
        'Did the plan say what would happen if things got worse or the family disengaged?',
        '',
        ypn,
      ),
      judgement(
        'planning_drift',
        'Was the plan reviewed on time and changed when it was not working, without drift or delay?',
      ),
      judgement(
        'planning_accessible',
        'Was the plan written so the child and parents (including those with ' +
          'learning disabilities) could understand it?',
        '',
        ypn,
      ),
    ]),
    section(
      'multi_agency',
      'Multi-agency working and information sharing',
      'Including MARAC, strategy discussions, conferences and core groups.',
      [
        judgement(
          'mae_sharing',
          'Did your agency share what it knew with the other agencies involved, when they needed it?',
        ),
        judgement(
          'mae_received',
          'Did your agency receive the information it needed from others ' +
            '(conference minutes, MARAC outcomes, police notifications)?',
          'Record what you did not receive as well as what you did.',
          ypn,
        ),
        judgement(
          'mae_attendance',
          'Was your agency invited to, and did it attend, strategy discussions, conferences and core groups?',
          '',
          ypn,
        ),
        judgement(
          'mae_marac',
          'Where the case went to MARAC, did the outcome and actions reach the practitioners working with the child?',
          '',
          ypn,
          'optional',
        ),
      ],
    ),
    section('oversight', 'Management oversight and supervision', '', [
      judgement(
        'oversight_evident',
        'Is management oversight recorded at key decision points, with the rationale for decisions?',
      ),
      judgement(
        'oversight_supervision',
        'Was the case discussed in supervision, and did supervision follow your agency’s pathway?',
        '',
        ypn,
      ),
    ]),
    section('records', 'Record keeping and flagging', '', [
      judgement(
        'records_quality',
        'Are records accurate, up to date and easy to follow (chronology, genogram, case notes)?',
      ),
      judgement(
        'records_flagging',
        'Is the child’s status (early help, child in need, child protection, ' +
          'looked after) flagged correctly on your system?',
        'For example: a child flagged as on a child protection plan when it was a child in need plan.',
        ypn,
      ),
    ]),
    section('escalation', 'Safeguarding, escalation and professional challenge', '', [
      judgement('escalation_procedures', 'Were safeguarding procedures followed?', '', ypn),
      judgement(
        'escalation_challenge',
        'Where practitioners disagreed with a decision, did they challenge it and use the escalation procedure?',
        '',
        ypn,
        'optional',
      ),
      judgement(
        'escalation_curiosity',
        'Did practitioners show professional curiosity, probing disclosures ' +
          'and signs rather than accepting explanations at face value?',
      ),
    ]),
    section('equality', 'Equality, diversity, culture and interpreters', '', [
      judgement(
        'equality_identity',
        'Were the child’s and family’s ethnicity, culture, religion, language, ' +
          'disability and needs recorded and considered?',
        '',
        ypn,
      ),
      judgement(
        'equality_interpreters',
        'Were interpreters or communication aids used where needed (not family members)?',
        '',
        ypn,
        'optional',
      ),
    ]),
    section('impact', 'Impact and life chances', '', [
      judgement(
        'impact_outcomes',
        'What difference did your agency’s work make to the child’s safety and life chances?',
      ),
      judgement(
        'impact_education',
        'Did the child’s attendance, health or development improve during the period?',
        '',
        ypn,
        'optional',
      ),
    ]),
    section(
      'compliance',
      'Compliance with procedures',
      'Against the partnership’s multi-agency procedures and your agency’s own.',
      [
        judgement('compliance_timescales', 'Were statutory and agency timescales met?', '', ypn),
        judgement('compliance_thresholds', 'Was the partnership’s threshold guidance applied consistently?', '', ypn),
      ],
    ),
  ],
};

export const DOMESTIC_ABUSE_SUPPLEMENT: AuditTool = {
  format: 'maca-audit-tool/1',
  name: 'Domestic abuse supplement',
  description: 'Use with the multi-agency case audit tool when domestic abuse is a theme of the audit.',
  scales: STANDARD_SCALES.filter((s) => s.key === ofsted || s.key === ypn),
  sections: [
    section('da_risk', 'Risk assessment (DASH)', '', [
      judgement(
        'da_dash_completed',
        'Was a DASH risk assessment completed at each reported incident, and the risk level recorded?',
        '',
        ypn,
      ),
      judgement(
        'da_dash_children',
        'Did the risk assessment consider the children in the household, not only the adult victim?',
        '',
        ypn,
      ),
    ]),
    section('da_marac', 'MARAC', '', [
      judgement(
        'da_marac_referral',
        'Was the case referred to MARAC when the risk was high or incidents were repeated?',
        '',
        ypn,
        'optional',
      ),
      judgement(
        'da_marac_outcome',
        'Were the MARAC actions known to, and carried out by, the agencies working with the children?',
        '',
        ypn,
        'optional',
      ),
    ]),
    section('da_perpetrator', 'The perpetrator, fathers and partners', '', [
      judgement(
        'da_perpetrator_engaged',
        'Was the person causing harm identified, assessed and engaged (including in plans and conferences)?',
        '',
        ypn,
      ),
      judgement(
        'da_new_partners',
        'Were new partners or adults joining the household identified and checked?',
        '',
        ypn,
      ),
    ]),
    section('da_coercive_control', 'Coercive and controlling behaviour', '', [
      judgement(
        'da_coercion_recognised',
        'Were patterns of coercive and controlling behaviour recognised, rather than incidents seen one by one?',
      ),
    ]),
    section('da_child_victim', 'The child as a victim in their own right', '', [
      judgement(
        'da_child_victim',
        'Was the child treated as a victim of domestic abuse in their own right, with support offered?',
        'Domestic Abuse Act 2021.',
        ypn,
      ),
      judgement('da_disclosures', 'Were the child’s disclosures of abuse probed and acted on promptly?', '', ypn),
    ]),
    section('da_honour', 'FGM and honour-based abuse', '', [
      judgement(
        'da_honour_considered',
        'Were female genital mutilation and honour-based abuse considered where relevant?',
        '',
        ypn,
        'optional',
      ),
    ]),
    section('da_child_on_parent', 'Child-on-parent violence', '', [
      judgement(
        'da_cpv_recognised',
        'Where a child was violent towards a parent, was it recognised and responded to as a safeguarding matter?',
        '',
        ypn,
        'optional',
      ),
    ]),
  ],
};

export const SHIPPED_TOOLS: { key: string; tool: AuditTool }[] = [
  { key: 'general', tool: GENERAL_TOOL },
  { key: 'domestic-abuse', tool: DOMESTIC_ABUSE_SUPPLEMENT },
];
