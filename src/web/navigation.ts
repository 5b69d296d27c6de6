import { can } from '../domain/authorisation.ts';
import type { CurrentUser } from './request-context.ts';

/** The service navigation: only what this person may use, the current page marked. */
export function navigationFor(user: CurrentUser | undefined, currentPath: string) {
  if (!user) return [{ href: '/sign-in', text: 'Sign in', active: currentPath.startsWith('/sign-in') }];
  const items = [{ href: '/', text: 'Home' }];
  if (can(user, 'audit:read')) items.push({ href: '/audits', text: 'Audits' });
  if (can(user, 'return:edit')) items.push({ href: '/my-returns', text: 'Returns' });
  if (can(user, 'tracker:read')) items.push({ href: '/actions', text: 'Actions' });
  else if (can(user, 'action:update')) items.push({ href: '/my-actions', text: 'Your actions' });
  if (can(user, 'signed-in')) items.push({ href: '/library', text: 'Briefings library' });
  if (can(user, 'admin:users')) items.push({ href: '/admin', text: 'Administration' });
  items.push({ href: '/account', text: 'Your account' });
  return items.map((item) => ({
    ...item,
    active: item.href === '/' ? currentPath === '/' : currentPath.startsWith(item.href),
  }));
}
