/**
 * What the demo agencies wrote in their returns, written from each seed briefing's findings: an
 * audit-wide picture (the judgements most returns gave), then the particular returns the briefing
 * describes (agency:case). Codes: O G R I on the four-point scale (outstanding, good, requires
 * improvement, inadequate); Y P N NA on yes / partly / no / not applicable.
 */
export type Code = 'O' | 'G' | 'R' | 'I' | 'Y' | 'P' | 'N' | 'NA';
export type DemoReturnSpec = {
  answers?: Record<string, Code | [Code, string]>;
  notes?: Record<string, [string, string]>;
  grade?: 'outstanding' | 'good' | 'requires_improvement' | 'inadequate';
  rationale?: string;
  action?: [string, string];
};
export type DemoAuditReturns = {
  baseline: Record<string, Code>;
  notes: Record<string, [string, string]>;
  returns: Record<string, DemoReturnSpec>;
  submittedOn: string;
  signedOffOn: string;
};

/** The evidence an auditor writes when a record shows the practice (first) or does not (second). */
export const EVIDENCE: Record<string, [string, string]> = {
  referral_timely: [
    'Concerns were recognised and referred the same day; the referral met the threshold and was accepted.',
    'Concerns were known for some time before a referral was made, and the ' +
      'referral did not state the threshold or the risk.',
  ],
  referral_all_children: [
    'The referral names every child in the household.',
    'The referral did not name every child in the household.',
  ],
  referral_history: [
    'The referral summarised earlier incidents and involvement, not only the latest event.',
    'The referral described the latest incident only; earlier incidents on the record were not mentioned.',
  ],
  assessment_quality: [
    'The assessment analysed the child’s needs and the risks, and its recommendations followed from the analysis.',
    'The assessment described events but did not analyse the cumulative impact of what the child was living with.',
  ],
  assessment_history: [
    'Earlier referrals and other agencies’ knowledge were drawn into the assessment.',
    'The family’s history and earlier referrals were not used in the assessment.',
  ],
  assessment_tools: [
    'A DASH risk assessment and the agency’s assessment tools were used and recorded.',
    'No recognised assessment tool was used or recorded, although one would have helped.',
  ],
  assessment_both_parents: [
    'Both parents, and the mother’s current partner, were seen and assessed.',
    'The father and other adults in the household were not seen or assessed; the record speaks only of the mother.',
  ],
  voice_seen: [
    'The child was seen, and seen alone, within timescales; visits are recorded.',
    'Visits were recorded, but the child was not always seen, or not seen alone, within timescales.',
  ],
  voice_heard: [
    'The child’s wishes and feelings are recorded in their own words, and their behaviour at visits is described.',
    'There is little of the child’s own view or daily experience in the record; the focus is on the adults.',
  ],
  voice_influenced: [
    'What the child said shaped the plan (for example, where contact took place).',
    'What the child said or showed did not change what was done.',
  ],
  planning_smart: [
    'The plan had clear, timed actions with named owners, reviewed at core groups.',
    'The plan’s actions were general, without owners or dates, so progress could not be measured.',
  ],
  planning_contingency: [
    'The plan said what would happen if the family disengaged or the risk rose.',
    'There was no contingency plan if things got worse or the family moved.',
  ],
  planning_drift: [
    'Reviews were on time and the plan changed when it was not working.',
    'Reviews slipped and the plan stayed the same when it was not working: drift.',
  ],
  planning_accessible: [
    'The plan was written so the child and parents could understand it.',
    'The plan was written for professionals; nothing shows it was ' +
      'explained to the child or parents in a way they could understand.',
  ],
  mae_sharing: [
    'The agency shared what it knew with the other agencies when they needed it.',
    'Information the agency held was not shared with the agencies working with the child.',
  ],
  mae_received: [
    'Conference minutes, strategy outcomes and notifications were received and are on file.',
    'The agency did not receive information it needed from others (minutes, MARAC outcomes or notifications).',
  ],
  mae_attendance: [
    'The agency was invited to and attended strategy discussions, conferences and core groups.',
    'The agency was not invited to, or did not attend, all the multi-agency meetings.',
  ],
  mae_marac: [
    'The MARAC outcome and actions are on the child’s record and reached the practitioner.',
    'The case was heard at MARAC, but the outcome did not reach the practitioners working with the child.',
  ],
  oversight_evident: [
    'Management oversight is recorded at key decision points, with reasons.',
    'Management oversight is not recorded at key decisions, or gives no direction on how to move the case forward.',
  ],
  oversight_supervision: [
    'The case was discussed in supervision, following the agency’s pathway.',
    'The supervision pathway was not followed for this case.',
  ],
  records_quality: [
    'Records are accurate, up to date and easy to follow; chronology and genogram on file.',
    'Records are incomplete or hard to follow; key documents are missing from the file.',
  ],
  records_flagging: [
    'The child’s status is flagged correctly on the system.',
    'The child’s status is not flagged correctly on the system.',
  ],
  escalation_procedures: [
    'Safeguarding procedures were followed.',
    'Safeguarding procedures were not followed in full.',
  ],
  escalation_challenge: [
    'Disagreement was raised and resolved through the escalation procedure.',
    'Concerns about another agency’s response were not escalated.',
  ],
  escalation_curiosity: [
    'Practitioners probed what they were told and checked explanations against the history.',
    'Explanations were accepted at face value; signs and disclosures were not probed.',
  ],
  equality_identity: [
    'Ethnicity, language, religion and needs are recorded and considered.',
    'Religion, language or culture are not recorded, or not considered in the work.',
  ],
  equality_interpreters: [
    'A professional interpreter was used for every contact that needed one.',
    'An interpreter was not used consistently.',
  ],
  impact_outcomes: [
    'The risks were being managed and the child’s circumstances improved in the period.',
    'The record shows little difference to the child’s safety or circumstances in the period.',
  ],
  impact_education: [
    'School attendance and health appointments improved.',
    'School attendance stayed low and missed health appointments were not followed up.',
  ],
  compliance_timescales: [
    'Statutory and agency timescales were met.',
    'Some statutory or agency timescales were missed.',
  ],
  compliance_thresholds: [
    'The partnership’s threshold guidance was applied consistently.',
    'The threshold guidance was not applied consistently.',
  ],
};

export const DEMO_RETURNS: Record<string, DemoAuditReturns> = {
  // Seed 000: Leicester, domestic abuse, 2018.
  'LSCB-2018-DA': {
    submittedOn: '2018-05-25',
    signedOffOn: '2018-05-30',
    baseline: {
      voice_heard: 'R',
      voice_influenced: 'P',
      equality_identity: 'P',
      compliance_timescales: 'P',
      mae_received: 'P',
      mae_marac: 'NA',
      escalation_challenge: 'NA',
      equality_interpreters: 'NA',
      impact_education: 'NA',
      assessment_both_parents: 'P',
    },
    notes: {
      multi_agency: [
        'Multi-agency representation at child in need meetings and reviews; ' +
          'clear, concise reports sent to partners in good time.',
        'Key contacts were not known to every agency, and not every agency was invited to meetings.',
      ],
      equality: ['', 'Heritage, culture, religion and community networks were not explored in the wider context.'],
    },
    returns: {
      'gp:1': {
        answers: {
          records_flagging: [
            'N',
            'Both children are flagged on the GP record as subject to a child ' +
              'protection plan. After the initial child protection conference they ' +
              'were not made subject to a plan: they are children in need. The flag ' +
              'was never corrected.',
          ],
          assessment_tools: [
            'P',
            'The adult who poses a risk is not flagged on the household record, ' +
              'and the GP did not contribute to the DASH risk assessment. The ' +
              'practice now uses UAVA to help complete DASH.',
          ],
        },
        notes: {
          records: [
            '',
            'Children’s status flagged as child protection when the conference ' +
              'decided child in need; adults who pose a risk not flagged.',
          ],
        },
        grade: 'requires_improvement',
        rationale:
          'Timely responses to the children’s health needs, but the record ' +
          'wrongly shows the children on child protection plans, and the adult ' +
          'posing risk is not flagged.',
        action: [
          'Check and correct child protection flags against conference outcomes for every child on the practice list',
          'Named GP for safeguarding',
        ],
      },
      'gp:4': {
        answers: {
          mae_received: [
            'N',
            'The primary concern was child sexual exploitation. The practice was ' +
              'unaware of the domestic abuse in the home: no notification reached ' +
              'the GP.',
          ],
          mae_sharing: 'R',
        },
        grade: 'requires_improvement',
        rationale: 'The practice did not know of the domestic abuse, so could not consider it at consultations.',
      },
      'health:1': {
        answers: {
          escalation_challenge: [
            'N',
            'Many unsuccessful attempts to liaise with the social worker are ' +
              'recorded, but no evidence that the practitioner sought advice about ' +
              'raising this as a concern or used the escalation procedure.',
          ],
        },
        notes: {
          escalation: [
            'Persistent attempts to reach the social worker.',
            'The lack of response should have been escalated for a quicker answer.',
          ],
        },
      },
      'social-care:1': {
        answers: {
          mae_sharing: 'G',
          mae_attendance: 'Y',
          impact_outcomes: 'G',
          voice_heard: [
            'G',
            'The child’s views were sought for the child in need review; ' +
              'assessment and plan considered the child’s special educational needs.',
          ],
          impact_education: 'Y',
        },
        notes: { impact: ['The child’s views were sought and life chances were improving.', ''] },
        grade: 'good',
        rationale:
          'Effective multi-agency working through the child in need plan, with ' +
          'the child’s SEN needs and views at the centre.',
      },
      'social-care:2': {
        answers: {
          escalation_procedures: [
            'N',
            'The mother alleged that female genital mutilation had taken place on ' +
              'her and her daughter. There is no evidence that the need to report ' +
              'this was considered, and it is unclear whether a medical assessment ' +
              'took place.',
          ],
          assessment_quality: 'R',
          voice_heard: 'R',
          oversight_evident: [
            'G',
            'Regular supervision; manager and social worker both knew the case ' +
              'well, and oversight of earlier assessments is recorded.',
          ],
        },
        notes: {
          oversight: [
            'Regular supervision and good knowledge of the case.',
            'Oversight was judged good while the assessment, planning and the ' +
              'child’s voice were not: supervision did not test the quality of the ' +
              'work.',
          ],
        },
        grade: 'requires_improvement',
        rationale:
          'The FGM allegation was not acted on as national guidance requires; ' +
          'assessment and the child’s voice require improvement despite regular ' +
          'supervision.',
        action: [
          'Remind all staff of the mandatory FGM reporting duty and the medical assessment pathway',
          'Principal social worker',
        ],
      },
      'social-care:3': {
        answers: {
          equality_identity: ['N', 'Religion and language are not recorded in the demographic information.'],
          oversight_evident: [
            'R',
            'Management knew the parents were not engaging, but there is no ' +
              'direction on how to move this forward or whether to escalate.',
          ],
        },
        grade: 'requires_improvement',
        rationale:
          'Parents’ lack of engagement known to managers without direction; demographic information incomplete.',
      },
      'social-care:5': {
        answers: {
          planning_drift: [
            'R',
            'The first core group date was set at conference, but core groups were ' +
              'not held on time; the chair did not raise this at the next conference.',
          ],
          compliance_timescales: 'N',
        },
        notes: { planning: ['', 'Core groups after the initial conference were late.'] },
        action: [
          'Safeguarding Unit to audit the timeliness of core groups and the effectiveness of plans',
          'Safeguarding Unit manager',
        ],
      },
      'education:2': {
        answers: {
          mae_received: [
            'N',
            'The school knew of some domestic abuse at home but had no direct ' +
              'contact with, or information about, the work done with the family. ' +
              'The MARAC outcome did not reach the school.',
          ],
          mae_marac: 'N',
          mae_attendance: 'N',
        },
        grade: 'requires_improvement',
        rationale: 'The school was not part of the plan and did not receive the MARAC outcome.',
      },
      'police:2': {
        answers: {
          mae_marac: [
            'N',
            'The case was heard at MARAC; the outcome is on the police record but ' +
              'did not filter down to the other agencies working with the child.',
          ],
        },
      },
    },
  },

  // Seed 001: Bexley, one case, domestic abuse.
  'BSCB-2019-DA': {
    submittedOn: '2019-05-03',
    signedOffOn: '2019-05-10',
    baseline: {
      referral_timely: 'R',
      referral_history: 'P',
      assessment_history: 'N',
      assessment_tools: 'P',
      escalation_curiosity: 'I',
      equality_interpreters: 'P',
      mae_marac: 'NA',
      escalation_challenge: 'NA',
      impact_education: 'NA',
      voice_heard: 'G',
    },
    notes: {
      voice: [
        'When the final disclosure was made the child was immediately ' +
          'believed, and it was acted on promptly and sensitively.',
        '',
      ],
      escalation: [
        '',
        'Three earlier disclosures two years before were not probed and no ' +
          'risk assessment followed: the child suffered in silence for two years.',
      ],
      equality: [
        '',
        'The parents’ language needs were met inconsistently; interpreters should be used every time, not sometimes.',
      ],
    },
    returns: {
      'education:1': {
        answers: {
          escalation_curiosity: [
            'I',
            'The child told staff that dad shouts and hits mum (March 2017) and ' +
              'that they were scared to go home (May 2017). Neither disclosure was ' +
              'probed; no referral to social care or to a domestic abuse service was ' +
              'made.',
          ],
          referral_timely: ['I', 'No referral was made after the 2017 disclosures.'],
        },
        grade: 'inadequate',
        rationale:
          'Earlier disclosures were not recognised as domestic abuse or ' +
          'referred; the child went unsupported for two years.',
        action: [
          'Domestic abuse awareness and third-party information reporting for all staff',
          'Designated safeguarding lead',
        ],
      },
      'health:1': {
        answers: {
          mae_sharing: [
            'O',
            'Systematic and methodical checks and referrals to other agencies once ' +
              'concerns were identified, with good follow-up on every referral.',
          ],
          referral_timely: 'G',
          escalation_curiosity: 'G',
        },
        notes: { multi_agency: ['Relevant checks and referrals made and followed up.', ''] },
        grade: 'good',
        rationale: 'Thorough information sharing and follow-up once safeguarding concerns were identified.',
      },
      'police:1': {
        answers: {
          records_quality: ['O', 'Records show how each decision was made, which supports reflective practice.'],
          assessment_quality: [
            'R',
            'No achieving best evidence interview was held with the child about ' +
              'what he experienced and witnessed at home.',
          ],
          escalation_curiosity: 'G',
        },
        grade: 'good',
        rationale:
          'Prompt response to the disclosure with well-reasoned decisions; an ' +
          'ABE interview should have been considered.',
      },
      'gp:1': {
        answers: {
          referral_timely: [
            'I',
            'Signs of domestic abuse are in the record from two years before, but ' +
              'were not probed and no risk assessment or referral followed.',
          ],
          assessment_both_parents: ['N', 'Household composition was not checked during the period.'],
        },
        grade: 'requires_improvement',
        rationale: 'Signs of domestic abuse were not recognised early.',
        action: [
          'Raise awareness of the signs of domestic abuse with GPs to support early identification',
          'Named GP for safeguarding',
        ],
      },
      'social-care:1': {
        answers: {
          referral_history: [
            'N',
            'Referrals received from other agencies did not articulate the ' +
              'safeguarding concerns; no CAF was used to bring agencies’ information ' +
              'together early.',
          ],
          voice_heard: 'G',
          escalation_procedures: 'Y',
        },
        grade: 'requires_improvement',
        rationale:
          'Current practice on the disclosure was good; earlier contacts missed the chance of a CAF and earlier help.',
      },
    },
  },

  // Seed 002: Northamptonshire, domestic violence II, six cases.
  'NSCB-2017-DV2': {
    submittedOn: '2017-02-24',
    signedOffOn: '2017-02-28',
    baseline: {
      voice_heard: 'R',
      voice_influenced: 'N',
      assessment_both_parents: 'N',
      escalation_curiosity: 'R',
      impact_education: 'N',
      mae_marac: 'NA',
      escalation_challenge: 'NA',
      equality_interpreters: 'NA',
      planning_contingency: 'P',
    },
    notes: {
      escalation: [
        '',
        'The mother’s disguised compliance and missed appointments were accepted rather than challenged.',
      ],
      impact: ['', 'The children’s school attendance is low and was not reviewed.'],
    },
    returns: {
      'police:1': {
        answers: {
          referral_timely: [
            'I',
            'A missed opportunity: no referral was made about the perpetrator after the incident.',
          ],
        },
        grade: 'requires_improvement',
        rationale: 'Incidents attended promptly, but no referral about the perpetrator.',
        action: [
          'Brief response officers on referring perpetrators after domestic incidents',
          'Detective Inspector, safeguarding',
        ],
      },
      'health-visiting:1': {
        answers: {
          mae_sharing: [
            'G',
            'The health visitor and school nurse were proactive in contacting ' +
              'agencies to understand the children’s current status.',
          ],
          escalation_curiosity: [
            'R',
            'The mother missed many health appointments for the children; her lack ' +
              'of engagement and disguised compliance were not challenged.',
          ],
        },
      },
      'social-care:1': {
        answers: {
          planning_contingency: [
            'N',
            'No robust contingency plan when the family moved out of county; ' +
              'professionals did not know they had moved back a few days later.',
          ],
          planning_drift: ['R', 'Changes of staff meant safety plans were not followed up in time.'],
        },
        grade: 'requires_improvement',
        rationale: 'No contingency plan for the move out of county; safety plans slipped with staff changes.',
      },
      'yos:4': {
        answers: { impact_outcomes: ['G', 'Involvement was minimal and managed appropriately.'] },
        grade: 'good',
        rationale: 'Minimal involvement, appropriately managed.',
      },
      'women-aid:1': {
        answers: { mae_sharing: ['G', 'Supported the VOICE service by calling the mother to offer support.'] },
        grade: 'good',
        rationale: 'Offered support to the mother promptly.',
      },
      'social-care:2': {
        answers: {
          escalation_challenge: [
            'Y',
            'The social worker continues robustly to challenge Housing about the ' +
              'risk of domestic violence (the perpetrator lives very close by).',
          ],
          assessment_quality: [
            'R',
            'After the father’s release from prison the risk he posed was not ' +
              'understood: Christmas days away, a new baby at home, and the ' +
              'perpetrator living nearby.',
          ],
        },
      },
      'housing:2': {
        answers: {
          impact_outcomes: [
            'R',
            'Support focused on the family’s debt (repairs after damage by the ' +
              'perpetrator) rather than the risk of remaining at the address.',
          ],
        },
        grade: 'requires_improvement',
        rationale: 'Debt recovery took priority over the children’s safety at the address.',
      },
      'education:2': {
        answers: {
          voice_heard: [
            'G',
            'The school is working closely with the children in drawing and ' +
              'talking sessions and records their wishes and feelings.',
          ],
          voice_influenced: 'Y',
        },
        grade: 'good',
        rationale: 'The children’s voice, historically unheard, is now recorded by the school.',
      },
      'social-care:3': {
        answers: {
          mae_sharing: [
            'I',
            'The Independent Reviewing Officer said the perpetrator must be ' +
              'drug-free for five months before visiting; this was not communicated, ' +
              'and on release he went to the home and seriously assaulted the mother ' +
              'in front of the children.',
          ],
          planning_drift: ['R', 'The children said they feared the perpetrator, but the safety plan was not updated.'],
        },
        grade: 'inadequate',
        rationale:
          'A condition protecting the children was not shared, and the safety ' +
          'plan did not reflect the children’s fear.',
      },
      'acute:3': {
        answers: {
          referral_all_children: [
            'N',
            'The mother was 16 weeks pregnant at the time of the audit and no pre-birth assessment had been initiated.',
          ],
        },
        grade: 'requires_improvement',
        rationale: 'The unborn baby was not brought into the safeguarding plan.',
      },
      'social-care:4': {
        answers: {
          planning_drift: [
            'I',
            'The case drifted during extended sick leave; once transferred it was dealt with urgently.',
          ],
          voice_influenced: ['N', 'The children’s wishes are recorded but do not appear to have been considered.'],
        },
      },
      'social-care:5': {
        answers: {
          voice_heard: [
            'G',
            'The children, initially very guarded, now talk about their wishes and ' +
              'feelings, which are clearly recorded.',
          ],
          assessment_history: [
            'N',
            'In July 2013 the eldest child disclosed being kicked and punched by ' +
              'his father; there was minimal support for him. There may have been ' +
              'over-reliance on the maternal grandmother.',
          ],
        },
      },
      'social-care:6': {
        answers: {
          planning_drift: [
            'I',
            'The case was closed because a non-molestation order was in place; ' +
              'several further incidents should have triggered reopening.',
          ],
          escalation_curiosity: [
            'I',
            'The children said they did not want to return home because the ' +
              'mother’s partner hit them; this was not acted on.',
          ],
        },
        notes: {
          planning: [
            'Separate child in need meetings respected the restraining order.',
            'Closure on the strength of a court order, with incidents continuing.',
          ],
        },
        grade: 'inadequate',
        rationale: 'Case closed while incidents continued; the children’s disclosure was not acted on.',
        action: [
          'Review every case closed on the strength of a court order where incidents have since been reported',
          'Principal social worker',
        ],
      },
      'police:6': {
        answers: {
          mae_sharing: [
            'R',
            'Breaches of the non-molestation order were reviewed four times; the ' +
              'outcomes were not shared with partner agencies.',
          ],
        },
      },
      'health-visiting:6': {
        answers: {
          mae_received: [
            'N',
            'The health visitor requested early help in August 2016; no support appears to have been put in place.',
          ],
        },
      },
      'education:6': {
        answers: {
          impact_education: [
            'N',
            'The two youngest children’s attendance is low, with absences ' +
              'together, and was not reviewed by the school.',
          ],
        },
      },
    },
  },

  // Seed 003: Leicester (LLR), familial sexual abuse, five cases.
  'LLR-2019-FSA': {
    submittedOn: '2018-12-19',
    signedOffOn: '2018-12-21',
    baseline: {
      referral_timely: 'G',
      assessment_quality: 'G',
      assessment_tools: 'P',
      assessment_both_parents: 'P',
      voice_heard: 'G',
      voice_influenced: 'Y',
      planning_smart: 'G',
      records_quality: 'R',
      escalation_procedures: 'Y',
      escalation_challenge: 'NA',
      mae_marac: 'NA',
      equality_identity: 'P',
      equality_interpreters: 'NA',
      impact_education: 'Y',
    },
    notes: {
      voice: ['A range of methods was used, including the cues of non-verbal and young children.', ''],
      records: ['', 'Quality of genograms and chronologies variable; safety plans not always scanned in.'],
    },
    returns: {
      'social-care:2': {
        answers: { referral_all_children: ['N', 'A young child in the household was omitted from the referral.'] },
        action: [
          'Remind practitioners that every child, including unborn children, must be named in a referral',
          'Principal social worker',
        ],
      },
      'health:1': {
        answers: {
          planning_smart: [
            'R',
            'It was not made clear to the practitioner that the plan had to be ' +
              'kept active and open; her role in the action plan was not clear or ' +
              'documented.',
          ],
          oversight_supervision: ['N', 'The supervision pathway was not followed; raised internally.'],
        },
        grade: 'requires_improvement',
        rationale: 'Practitioner unclear of her role in the plan; supervision pathway not followed.',
      },
      'gp:1': {
        answers: {
          mae_attendance: [
            'P',
            'The GP was not invited to every meeting and attendance was not ' +
              'recorded accurately; plans were not always sent.',
          ],
          equality_identity: ['P', 'Ethnicity is recorded in the GP system but not asked about consistently.'],
        },
      },
      'social-care:3': {
        answers: {
          mae_sharing: [
            'R',
            'The social worker did not refer the child to UAVA for support, ' +
              'thinking they would not be able to communicate with the child; ' +
              'escalated by the agency and the auditor.',
          ],
        },
      },
      'education:2': {
        answers: {
          equality_identity: ['Y', 'The child’s learning disability was considered and responded to appropriately.'],
          planning_accessible: [
            'Y',
            'The parent-link worker re-worded the plan so the child and parent could understand it.',
          ],
        },
      },
      'social-care:1': {
        answers: { voice_seen: ['P', 'Visits were recorded but the child was not always seen within timescales.'] },
      },
    },
  },

  // Seed 004: North Yorkshire, learning themes, four cases.
  'NYSCP-2023-DA': {
    submittedOn: '2023-10-20',
    signedOffOn: '2023-10-27',
    baseline: {
      referral_timely: 'G',
      mae_sharing: 'G',
      voice_heard: 'R',
      assessment_quality: 'R',
      records_quality: 'R',
      escalation_curiosity: 'R',
      records_flagging: 'Y',
      escalation_challenge: 'NA',
      mae_marac: 'NA',
      equality_interpreters: 'NA',
      impact_education: 'NA',
    },
    notes: {
      referral: ['Good multi-agency recognition of domestic abuse in referrals.', ''],
      assessment: [
        '',
        'Assessments need to consider the cumulative impact of domestic abuse and parents’ behaviour and support.',
      ],
      voice: ['', 'More attention was placed on other family members than on the child.'],
    },
    returns: {
      'gp:1': {
        answers: { records_flagging: ['Y', 'Records appropriately coded in primary care.'] },
        grade: 'good',
        rationale: 'Appropriate coding; timely sharing with partners.',
      },
      'mental-health:4': {
        answers: {
          records_flagging: ['N', 'The child’s health record had not been flagged regarding domestic abuse.'],
        },
      },
      'education:2': {
        answers: {
          mae_sharing: ['G', 'Meeting minutes received and shared between the primary and secondary schools.'],
          mae_received: [
            'P',
            'The school felt there was no coordinated approach and did not know ' +
              'the adoption social worker’s role or whom to contact.',
          ],
        },
      },
      'police:3': {
        answers: {
          escalation_challenge: [
            'Y',
            'Professional disagreement between agencies was managed appropriately and a way forward agreed.',
          ],
          mae_sharing: ['O', 'Good cross-border multi-agency working with a neighbouring force.'],
        },
        grade: 'good',
        rationale: 'Good challenge and cross-border working.',
      },
      'police:4': {
        answers: {
          escalation_curiosity: [
            'R',
            'The risk of county lines and child sexual exploitation could have ' +
              'been explored further; the child was discussed at MACE.',
          ],
        },
      },
      'social-care:4': {
        answers: {
          assessment_both_parents: [
            'P',
            'Parental conflict was not examined; fed back to the social worker for further work.',
          ],
        },
      },
    },
  },
};
