import type { ComponentChildren } from 'preact';
import type { AdminVisitor } from '../auth.js';
import { can, type Permission } from '../../../shared/permissions.js';
import { adminAssetHref } from '../assets.js';

export interface AdminChrome {
  siteTitle: string;
  visitor: AdminVisitor;
  /** Path of the current screen, to mark its menu entry. */
  path: string;
  /** One-off message from the previous request (saved, deleted …). */
  notice?: string;
}

const menu: { href: string; label: string; permission: Permission }[] = [
  { href: '/admin', label: 'Dashboard', permission: 'admin.enter' },
  { href: '/admin/articles', label: 'Articles', permission: 'articles.write-own' },
  { href: '/admin/articles?status=wire', label: 'Wire', permission: 'articles.edit-any' },
  { href: '/admin/comments', label: 'Comments', permission: 'comments.moderate' },
  { href: '/admin/sections', label: 'Sections', permission: 'sections.manage' },
  { href: '/admin/tags', label: 'Tags', permission: 'tags.manage' },
  { href: '/admin/sources', label: 'Sources', permission: 'sources.manage' },
  { href: '/admin/users', label: 'Users', permission: 'users.manage' },
  { href: '/admin/settings', label: 'Settings', permission: 'settings.manage' },
  { href: '/admin/audit', label: 'Audit log', permission: 'audit.view' },
];

function isCurrent(href: string, path: string): boolean {
  return href === '/admin' ? path === '/admin' : path === href || path.startsWith(`${href}/`);
}

/** The admin's frame: a menu of the screens this role may use, the account, and the page. */
export function AdminLayout(props: { chrome: AdminChrome; title: string; children: ComponentChildren; scripts?: boolean }) {
  const { chrome, title } = props;
  const { session, actor, csrf } = chrome.visitor;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} ‹ ${chrome.siteTitle} admin`}</title>
        <link rel="stylesheet" href={adminAssetHref('admin.css')} />
        {props.scripts !== false && <script src={adminAssetHref('admin.js')} defer />}
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="admin-bar">
          <a class="admin-site" href="/">
            {chrome.siteTitle}
          </a>
          {session && actor && (
            <>
              <nav aria-label="Admin" class="admin-menu">
                <ul>
                  {menu
                    .filter((item) => can(actor, item.permission))
                    .map((item) => (
                      <li>
                        <a href={item.href} aria-current={isCurrent(item.href, chrome.path) ? 'page' : undefined}>
                          {item.label}
                        </a>
                      </li>
                    ))}
                </ul>
              </nav>
              <div class="admin-account">
                <a href={`/admin/users/${session.user.id}`}>
                  {session.user.name} <span class="role">({session.user.role})</span>
                </a>
                <form method="post" action="/admin/logout" class="inline">
                  <input type="hidden" name="_csrf" value={csrf} />
                  <button type="submit" class="link">
                    Log out
                  </button>
                </form>
              </div>
            </>
          )}
        </header>
        <main id="main" class="admin-main">
          <h1>{title}</h1>
          {chrome.notice && (
            <p class="notice" role="status">
              {chrome.notice}
            </p>
          )}
          {props.children}
        </main>
      </body>
    </html>
  );
}
