import type { Executor } from '../../db/transaction.ts';
import { auditCaseList, invitedAgencyList } from './audit-repository.ts';

/**
 * The parts of an audit other features work from (the meeting, the report, involvement), read by
 * a service that has already checked the audit: its cases in order and its invited agencies.
 */
export const auditCases = (executor: Executor, auditId: string) => auditCaseList(executor, auditId);

export const invitedAgencies = (executor: Executor, auditId: string) => invitedAgencyList(executor, auditId);
