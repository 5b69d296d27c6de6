import type { Db } from '../../db/database.ts';

/** The meeting record: when it was held, its notes, and who came or sent apologies. */
export function attendeesOf(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting_attendee as m')
    .leftJoin('agency as g', 'g.id', 'm.agency_id')
    .select(['m.id', 'm.name', 'm.role', 'm.apologies', 'g.name as agency_name'])
    .where('m.meeting_id', '=', meetingId)
    .orderBy('m.apologies')
    .orderBy('m.name')
    .execute();
}

/** Saves the record if it is still at `version`; false when someone else saved first. */
export async function updateRecord(
  db: Db,
  record: { meetingId: string; heldOn: string | null; notes: string; version: number },
): Promise<boolean> {
  const row = await db
    .updateTable('meeting')
    .set((eb) => ({
      held_on: record.heldOn,
      notes: record.notes,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', record.meetingId)
    .where('version', '=', record.version)
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

export async function insertAttendee(
  db: Db,
  attendee: { meetingId: string; name: string; agencyId: string | null; role: string; apologies: boolean },
): Promise<void> {
  await db
    .insertInto('meeting_attendee')
    .values({
      meeting_id: attendee.meetingId,
      name: attendee.name,
      agency_id: attendee.agencyId,
      role: attendee.role,
      apologies: attendee.apologies,
    })
    .execute();
}

export async function deleteAttendee(db: Db, meetingId: string, attendeeId: string): Promise<void> {
  await db.deleteFrom('meeting_attendee').where('id', '=', attendeeId).where('meeting_id', '=', meetingId).execute();
}
