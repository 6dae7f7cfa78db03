import type { SessionListing, StaffAccount } from '../../../../accounts/index.js';
import { type AdminChrome, AdminLayout } from '../admin-layout.js';
import { AdminForm, Field, type FieldErrors, FormError, SelectField } from '../form.js';
import { type TimeStyle, When } from '../when.js';
import { roleOptions } from './role-options.js';

export interface ProfileValues {
  name: string;
  bio: string;
  role: string;
}

function Sessions(props: { account: StaffAccount; sessions: SessionListing[]; currentRef?: string; csrf: string; style: TimeStyle }) {
  if (props.sessions.length === 0) return <p>No one is signed in to this account.</p>;
  return (
    <div class="table-wrap">
      <table class="sessions">
        <thead>
          <tr>
            <th>Browser</th>
            <th class="optional">Address</th>
            <th>Last used</th>
            <th>
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.sessions.map((session) => (
            <tr>
              <td>
                {session.userAgent ?? 'Unknown browser'}
                {session.ref === props.currentRef && <strong> (this browser)</strong>}
              </td>
              <td class="optional">{session.ip ?? '—'}</td>
              <td>
                <When date={session.lastSeenAt} style={props.style} />
              </td>
              <td>
                <AdminForm action={`/admin/users/${props.account.id}/sessions/${session.ref}/revoke`} csrf={props.csrf} class="inline">
                  <button type="submit">Sign out</button>
                </AdminForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Role and activation controls, for those with users.manage. */
function AccountControls(props: { account: StaffAccount; values: ProfileValues; errors: FieldErrors; csrf: string; isSelf: boolean }) {
  const { account, errors } = props;
  return (
    <>
      <h2>Role</h2>
      <AdminForm action={`/admin/users/${account.id}/role`} csrf={props.csrf}>
        <SelectField label="Role" name="role" value={props.values.role} options={roleOptions} errors={errors} />
        <button type="submit">Change role</button>
      </AdminForm>
      <h2>Access</h2>
      {errors.active && (
        <p class="error" role="alert">
          {errors.active}
        </p>
      )}
      {props.isSelf ? (
        <p class="hint">You cannot deactivate your own account.</p>
      ) : (
        <AdminForm action={`/admin/users/${account.id}/active`} csrf={props.csrf} class="actions">
          <input type="hidden" name="active" value={account.active ? '0' : '1'} />
          {account.active ? (
            <button type="submit" class="danger" data-confirm={`Deactivate ${account.name}? They are signed out everywhere at once.`}>
              Deactivate
            </button>
          ) : (
            <button type="submit">Reactivate</button>
          )}
        </AdminForm>
      )}
    </>
  );
}

/** /admin/users/:id: a staff member's profile and sessions; role and access for managers. */
export function UserPage(props: {
  chrome: AdminChrome;
  account: StaffAccount;
  sessions: SessionListing[];
  canManage: boolean;
  values: ProfileValues;
  errors: FieldErrors;
  style: TimeStyle;
}) {
  const { account, values, errors } = props;
  const { csrf, session } = props.chrome.visitor;
  const isSelf = session?.user.id === account.id;
  return (
    <AdminLayout chrome={props.chrome} title={isSelf ? 'Your account' : account.name}>
      {props.canManage && (
        <p>
          <a href="/admin/users">← All users</a>
        </p>
      )}
      <p>
        {account.email} · {account.role}
        {!account.active && <span class="status"> deactivated</span>}
      </p>
      <FormError errors={errors} />
      <h2>Profile</h2>
      <AdminForm action={`/admin/users/${account.id}/profile`} csrf={csrf}>
        <Field label="Name" name="name" value={values.name} errors={errors} required hint="Shown on articles and staff comments." />
        <Field label="Bio" name="bio" value={values.bio} errors={errors} rows={4} />
        <button type="submit" class="primary">
          Save profile
        </button>
      </AdminForm>
      {props.canManage && <AccountControls account={account} values={values} errors={errors} csrf={csrf} isSelf={isSelf} />}
      <h2>Signed-in browsers</h2>
      <Sessions account={account} sessions={props.sessions} currentRef={session?.ref} csrf={csrf} style={props.style} />
    </AdminLayout>
  );
}
