import type { Db } from '../../db/database.ts';

/**
 * The records an exchange file names by key rather than holds (agencies, people, audit tools and
 * learning themes), looked up by id once the audit's rows say which. Plain SQL.
 */
export function agenciesByIds(db: Db, agencyIds: readonly string[]) {
  if (!agencyIds.length) return Promise.resolve([]);
  return db
    .selectFrom('agency')
    .select(['id', 'name', 'type'])
    .where('id', 'in', [...agencyIds])
    .execute();
}

export function peopleByIds(db: Db, userIds: readonly string[]) {
  if (!userIds.length) return Promise.resolve([]);
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'email'])
    .where('id', 'in', [...userIds])
    .execute();
}

export function templateVersionsByIds(db: Db, versionIds: readonly string[]) {
  if (!versionIds.length) return Promise.resolve([]);
  return db
    .selectFrom('template_version as v')
    .innerJoin('tool_template as t', 't.id', 'v.template_id')
    .select(['v.id', 'v.version_number', 'v.content', 't.name'])
    .where('v.id', 'in', [...versionIds])
    .execute();
}

export function learningThemesByIds(db: Db, themeIds: readonly string[]) {
  if (!themeIds.length) return Promise.resolve([]);
  return db
    .selectFrom('learning_theme')
    .select(['id', 'code', 'label', 'description'])
    .where('id', 'in', [...themeIds])
    .orderBy('code')
    .execute();
}
