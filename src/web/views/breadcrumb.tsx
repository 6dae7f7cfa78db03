import { type Html, html } from './html.js';

export interface Crumb {
  name: string;
  /** Site path; the last crumb (the current page) has none. */
  path?: string;
}

/** `Home » World » Title`, as a list for screen readers with the separators hidden from them. */
export function breadcrumb(crumbs: Crumb[]): Html {
  return html`<nav aria-label="Breadcrumb" class="breadcrumb"><ol>${crumbs.map(
    (crumb, i) =>
      html`<li>${i > 0 && html`<span aria-hidden="true"> &raquo; </span>`}${
        crumb.path && i < crumbs.length - 1 ? html`<a href="${crumb.path}">${crumb.name}</a>` : html`<span aria-current="page">${crumb.name}</span>`
      }</li>`,
  )}</ol></nav>`;
}

export function breadcrumbJsonLd(crumbs: Crumb[], baseUrl: string, currentUrl?: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: crumb.name,
      item: crumb.path ? `${baseUrl}${crumb.path}` : currentUrl,
    })),
  };
}
