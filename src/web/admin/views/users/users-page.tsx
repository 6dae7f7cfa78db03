import type { StaffAccount } from '../../../../accounts/index.js';
import { type AdminChrome, AdminLayout } from '../admin-layout.js';
import { AdminForm, Field, type FieldErrors, FormError, SelectField } from '../form.js';
import { roleOptions } from './role-options.js';

export interface InviteValues {
  email: string;
  name: string;
  role: string;
}

/** The one-time link of an invitation just made: shown on this page only, never stored readable. */
function InvitationLink(props: { invitation: { email: string; link: string } }) {
  return (
    <section class="invitation" aria-labelledby="invitation-title">
      <h2 id="invitation-title">Invitation for {props.invitation.email}</h2>
      <p>Send this link to them. It works once, for 7 days, and is not shown again.</p>
      <label for="invitation-link">Invitation link</label>
      <input id="invitation-link" type="text" readonly value={props.invitation.link} class="copy-field" />
    </section>
  );
}

/** /admin/users: everyone on staff, and the invitation form. */
export function UsersPage(props: { chrome: AdminChrome; users: StaffAccount[]; values: InviteValues; errors: FieldErrors; invitation?: { email: string; link: string } }) {
  const { values, errors } = props;
  return (
    <AdminLayout chrome={props.chrome} title="Users">
      {props.invitation && <InvitationLink invitation={props.invitation} />}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th class="optional">Email</th>
              <th>Role</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {props.users.map((user) => (
              <tr>
                <td>
                  <a href={`/admin/users/${user.id}`}>{user.name}</a>
                </td>
                <td class="optional">{user.email}</td>
                <td>{user.role}</td>
                <td>{user.active ? 'active' : <span class="status">deactivated</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="invite">Invite someone</h2>
      <AdminForm action="/admin/users/invite" csrf={props.chrome.visitor.csrf}>
        <FormError errors={errors} />
        <Field label="Email" name="email" type="email" value={values.email} errors={errors} required />
        <Field label="Name" name="name" value={values.name} errors={errors} hint="They can change it when they accept." />
        <SelectField label="Role" name="role" value={values.role} options={roleOptions} errors={errors} />
        <button type="submit" class="primary">
          Make an invitation link
        </button>
      </AdminForm>
    </AdminLayout>
  );
}
