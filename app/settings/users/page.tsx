import type { Metadata } from 'next';
import { uiContext } from '@/lib/auth/ui-context';
import { ROLE_ADDS, ROLE_LABELS, ROLES } from '@/lib/access/roles';
import { listUsers } from '@/lib/services/users';
import { CreateUserForm, RoleForm, UserButton } from '@/components/users/user-forms';
import { createUserAction, deleteUserAction, endSessionsAction, setDisabledAction, setRoleAction } from './actions';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const ctx = await uiContext();
  const users = await listUsers(ctx);
  if (!users.ok) throw new Error(users.error.message); // the proxy lets only admins open this page
  const me = ctx.actor.kind === 'user' ? ctx.actor.id : null;
  return (
    <>
      <div className="page-header">
        <h1>Users</h1>
      </div>
      <div className="panel">
        <table className="table">
          <tbody>
            {ROLES.map((role) => (
              <tr key={role}>
                <th scope="row">{ROLE_LABELS[role]}</th>
                <td>{role === 'viewer' ? ROLE_ADDS[role] : `+ ${ROLE_ADDS[role]}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CreateUserForm action={createUserAction} />
      <div className="table-scroll panel">
        <table className="table" data-testid="users-table">
          <thead>
            <tr>
              <th>User</th>
              <th>Role</th>
              <th>Signs in with</th>
              <th>Sessions</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.value.map((user) => (
              <tr key={user.id} data-testid={`user-${user.email}`}>
                <td>
                  <strong>{user.email}</strong>
                  {user.name && user.name !== user.email.split('@')[0] && <div className="muted">{user.name}</div>}
                  {user.id === me && <div className="muted">you</div>}
                </td>
                <td>
                  <RoleForm action={setRoleAction.bind(null, user.id)} role={user.role} email={user.email} />
                </td>
                <td>{user.sign_in.join(', ') || <span className="muted">—</span>}</td>
                <td>{user.active_sessions}</td>
                <td>{user.disabled ? <span className="badge badge-down">disabled</span> : <span className="badge badge-active">enabled</span>}</td>
                <td>
                  <div className="actions">
                    <UserButton action={endSessionsAction.bind(null, user.id)} label="End all sessions" confirm={`Sign ${user.email} out of every browser now?`} />
                    {user.disabled ? (
                      <UserButton action={setDisabledAction.bind(null, user.id, false)} label="Enable" />
                    ) : (
                      <UserButton action={setDisabledAction.bind(null, user.id, true)} label="Disable" confirm={`Disable ${user.email}? They are signed out everywhere and cannot sign in until enabled.`} danger />
                    )}
                    {user.id !== me && (
                      <UserButton action={deleteUserAction.bind(null, user.id)} label="Delete" confirm={`Delete ${user.email}? Their API keys are revoked. The audit trail keeps what they did.`} danger />
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
