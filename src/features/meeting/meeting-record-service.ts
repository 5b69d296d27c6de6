import { inTransaction, type Executor } from '../../db/transaction.ts';
import type { IsoDate } from '../../domain/calendar-date.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, isUuid, type AuditInContext } from '../audits/audit-access.ts';
import { ensureMeeting } from './audit-parts-repository.ts';
import { invitedAgencies } from '../audits/audit-parts.ts';
import { agreedRows } from './case-note-rows.ts';
import type { CaseNotesService } from './case-notes-service.ts';
import * as repo from './meeting-record-repository.ts';

type Meeting = Awaited<ReturnType<typeof ensureMeeting>>;
export type MeetingRecordInput = { heldOn: IsoDate | null; notes: string; version: number };
export type AttendeeInput = { name: string; agencyId: string | null; role: string; apologies: boolean };

/** The meeting record: when it was held, who came (and who sent apologies), and the notes. */
export function createMeetingRecordService(db: Executor, caseNotes: CaseNotesService) {
  return {
    /** The record page, with every case's notes and agreed judgements. */
    async page(user: CurrentUser, auditId: string, actor: Actor) {
      const audit = await auditForUser(db, user, auditId, 'audit:read');
      const meeting = await ensureMeeting(db, audit.id);
      const [attendees, agencies] = await Promise.all([
        repo.attendeesOf(db, meeting.id),
        invitedAgencies(db, audit.id),
      ]);
      const caseView = await caseNotes.overview(user, audit.id, actor);
      const cases = caseView.notes.map((n) => ({ ...n, agreed: agreedRows(n, caseView.domains) }));
      return { audit, meeting, attendees, agencies, cases };
    },

    /** The audit and its meeting, for one who records it, with the agencies an attendee may be from. */
    async forRecording(user: CurrentUser, auditId: string) {
      const audit = await auditForUser(db, user, auditId, 'meeting:record');
      const meeting = await ensureMeeting(db, audit.id);
      const agencyIds = (await invitedAgencies(db, audit.id)).map((a) => a.id);
      return { audit, meeting, agencyIds };
    },

    /** Saves the record if no one else saved since the version it started from. */
    async record(meeting: Meeting, input: MeetingRecordInput, actor: Actor): Promise<'saved' | 'stale'> {
      return inTransaction(db, async (trx) => {
        const saved = await repo.updateRecord(trx, { meetingId: meeting.id, ...input });
        if (!saved) return 'stale';
        await appendAuditLog(trx, actor, { action: 'meeting.recorded', recordType: 'meeting', recordId: meeting.id });
        return 'saved';
      });
    },

    addAttendee: (meeting: Meeting, attendee: AttendeeInput) =>
      repo.insertAttendee(db, { meetingId: meeting.id, ...attendee }),

    async removeAttendee(user: CurrentUser, auditId: string, attendeeId: string): Promise<AuditInContext> {
      const audit = await auditForUser(db, user, auditId, 'meeting:record');
      const meeting = await ensureMeeting(db, audit.id);
      if (isUuid(attendeeId)) await repo.deleteAttendee(db, meeting.id, attendeeId);
      return audit;
    },
  };
}

export type MeetingRecordService = ReturnType<typeof createMeetingRecordService>;
