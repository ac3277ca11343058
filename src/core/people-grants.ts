/**
 * The people rows of the permission table (`permissions.ts`): the dashboard's Profile,
 * Notification Preferences and team settings (Teammates, Delete …, Change … Role), as data —
 * the permissions, which roles hold them, and which permission each change to a teammate needs,
 * by that teammate's role. The reference server's `permissions.ts` folds them into its one table;
 * the staff app reads them to offer only what a role may do (the server refuses the rest). Pure.
 */
import type { UserRole } from './protocol.js';

export const PEOPLE_PERMISSIONS = [
  /** Profile: one's own name, picture, designation, contact number, e-mail and password. */
  'editProfile',
  /** Notification Preferences: one's own. */
  'editNotifications',
  /** Teammates VIEW: the teammates list. */
  'viewTeammates',
  /** Teammates EDIT: add people; others' names, pictures and activity; agents' and operators' passwords. */
  'editTeammates',
  /** Set an admin's password (`TEAMMATE_RULES`). */
  'setAdminPasswords',
  /** Set the super admin's password (theirs, or the owner's keys'). */
  'setOwnerPassword',
  /** Change Role: change somebody's role at all (derived: any `changeRolesOf…`; which ones below). */
  'changeRoles',
  /** Change an admin's role (only the super admin: an admin changes agents' and operators'). */
  'changeRolesOfAdmins',
  /** Change an agent's role. */
  'changeRolesOfAgents',
  /** Change an operator's role. */
  'changeRolesOfOperators',
  /** Make somebody an admin (a role change or a new teammate). Not agents, whatever the table says. */
  'makeAdmins',
  /** Change Agent Role: make somebody an agent. */
  'makeAgents',
  /** Change Operator Role: make somebody an operator. */
  'makeOperators',
  /** Delete Admin. */
  'deleteAdmins',
  /** Delete Agent. */
  'deleteAgents',
  /** Delete Operator. (Delete Super Admin: no permission, nobody.) */
  'deleteOperators',
  /** The door of the teammate PATCH and DELETE (derived: any finer teammate grant). */
  'manageTeammates',
  /** Hand the app's ownership to an admin: they become super admin, the owner an admin. */
  'transferOwnership',
] as const;
export type PeoplePermission = (typeof PEOPLE_PERMISSIONS)[number];

/**
 * Who manages whom (the documented team settings, one entry per row): an agent views teammates,
 * changes operators' roles (to agent or operator: "Change Agent / Operator Role") and deletes
 * operators; an admin adds people, changes agents' and operators' roles, makes admins and
 * deletes admins, agents and operators; the super admin also changes admins' roles and hands
 * the app over. The table's exception "an agent can upgrade an operator to the admin role" is
 * refused: agents have no `makeAdmins`. Nobody deletes or demotes the super admin.
 */
export const PEOPLE = {
  agent: ['viewTeammates', 'changeRolesOfOperators', 'makeAgents', 'makeOperators', 'deleteOperators'],
  admin: [
    'viewTeammates',
    'editTeammates',
    'changeRolesOfAgents',
    'changeRolesOfOperators',
    'makeAdmins',
    'makeAgents',
    'makeOperators',
    'deleteAdmins',
    'deleteAgents',
    'deleteOperators',
  ],
  superadmin: ['setAdminPasswords', 'changeRolesOfAdmins', 'transferOwnership'],
  /** The owner's keys (the app's Api-Key, the admin key): everybody but the super admin's role and activity. */
  keys: ['setAdminPasswords', 'setOwnerPassword', 'changeRolesOfAdmins'],
} as const satisfies Record<string, readonly PeoplePermission[]>;

/** The grants a list implies: `changeRoles` with any `changeRolesOf…`, `manageTeammates` with any teammate grant. */
export function withDoors<P extends string>(grants: ReadonlyArray<P | PeoplePermission>): Array<P | PeoplePermission> {
  const has = (...p: PeoplePermission[]) => p.some((x) => grants.includes(x));
  const roles = has('changeRolesOfAdmins', 'changeRolesOfAgents', 'changeRolesOfOperators');
  const manage = roles || has('editTeammates', 'deleteAdmins', 'deleteAgents', 'deleteOperators');
  const doors: PeoplePermission[] = [
    ...(roles ? ['changeRoles' as const] : []),
    ...(manage ? ['manageTeammates' as const] : []),
  ];
  return [...new Set([...grants, ...doors])];
}

/** What a change to a teammate is: delete them, their role, their activity, their password, their name and picture. */
export const TEAMMATE_CHANGES = ['delete', 'role', 'deactivate', 'password', 'profile'] as const;
export type TeammateChange = (typeof TEAMMATE_CHANGES)[number];

/**
 * For each change to somebody else, by that teammate's role, the permission it needs; a role not
 * named here: nobody (the super admin is never deleted, demoted or deactivated; bots are
 * deactivated, not deleted). One's own name, picture and password are the profile's
 * (`editProfile`); nobody changes their own role, activity or existence.
 */
export const TEAMMATE_RULES: Readonly<Record<TeammateChange, Readonly<Partial<Record<UserRole, PeoplePermission>>>>> = {
  delete: { admin: 'deleteAdmins', agent: 'deleteAgents', operator: 'deleteOperators' },
  role: { admin: 'changeRolesOfAdmins', agent: 'changeRolesOfAgents', operator: 'changeRolesOfOperators' },
  deactivate: { admin: 'editTeammates', agent: 'editTeammates', operator: 'editTeammates', bot: 'editTeammates' },
  password: {
    superadmin: 'setOwnerPassword',
    admin: 'setAdminPasswords',
    agent: 'editTeammates',
    operator: 'editTeammates',
  },
  profile: {
    superadmin: 'editTeammates',
    admin: 'editTeammates',
    agent: 'editTeammates',
    operator: 'editTeammates',
    bot: 'editTeammates',
  },
};

/** The roles a teammate may be given (by a role change or when added) and the permission each needs. */
export const ROLE_GRANTS: Readonly<Partial<Record<UserRole, PeoplePermission>>> = {
  admin: 'makeAdmins',
  agent: 'makeAgents',
  operator: 'makeOperators',
};
